"""The staff's download of a submission's files (a campaign page serves itself: models.py; the
submissions listing is submissions.py).

Who may see submissions is decided in one place, `submission_pages_for(user)` (Wagtail's
`get_forms_for_user`, which the `filter_form_submissions_for_user` hook narrows to the owning
group): the listing, export, delete and file URLs all ask it."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.log_actions import log

from home.files import open_stored_file

from .models import SolicitationFile


def submission_pages_for(user):
    return get_forms_for_user(user)


def download_file(request, file_id):
    """A submission's attachment, for members of the campaign's owning group only."""
    attachment = get_object_or_404(SolicitationFile.objects.select_related("submission__page"), pk=file_id)
    if not submission_pages_for(request.user).filter(pk=attachment.submission.page_id).exists():
        raise PermissionDenied
    handle = open_stored_file(attachment.file)
    log(instance=attachment.submission.page.specific, action="solicitations.download_file",
        data={"submission": attachment.submission_id, "file": attachment.original_name})
    response = FileResponse(handle, content_type=attachment.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
