"""Audit log and file clean-up when submissions are deleted (Wagtail's delete view runs inside
the admin's log context, so the entry names the member of staff who deleted)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import Page

from .models import SolicitationFile, SolicitationSubmission


@receiver(post_delete, sender=SolicitationSubmission)
def log_submission_deleted(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        log(instance=page.specific, action="solicitations.delete_submission", data={"submission": instance.pk})


@receiver(post_delete, sender=SolicitationFile)
def delete_stored_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
