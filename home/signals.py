"""Invalidate the cached site menus whenever the page tree changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .navigation import bump_nav_version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _tree_changed(sender, **kwargs):
    bump_nav_version()


@receiver(post_save)
@receiver(post_delete)
def _structure_changed(sender, instance, **kwargs):
    # Saves of any page type (the signal names the concrete class), restrictions and sites.
    if isinstance(instance, (Page, PageViewRestriction, Site)):
        bump_nav_version()
