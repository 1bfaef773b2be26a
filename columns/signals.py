"""Keep department editors' page permissions in step with each sub-column's 维护部门."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SubColumnBase
from .roles import sync_sub_column_permissions


@receiver(page_published)
def sync_permissions_on_publish(sender, instance, **kwargs):
    if isinstance(instance, SubColumnBase):
        sync_sub_column_permissions(instance)
