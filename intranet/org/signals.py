"""Department membership follows the staff profile: each profile save puts the user in her
department's member group (and out of any other department's)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import StaffProfile, sync_member_groups


@receiver(post_save, sender=StaffProfile)
def staff_profile_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync_member_groups(instance.user, instance.department)


@receiver(post_delete, sender=StaffProfile)
def staff_profile_deleted(sender, instance, **kwargs):
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_member_groups(user, None)
