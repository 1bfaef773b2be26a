"""Attachments as the OA keeps them (公文 and 会议通知 alike): an uploaded file checked against
the site's document rules and stored as a Wagtail document in the restricted collection, and the
private download response. The caller applies its own access rule before either."""

import os

from django.conf import settings
from django.http import FileResponse
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model

from home.files import open_stored_file

from .roles import attachment_collection


def upload_error(uploaded):
    """Why this upload is refused (a sentence), or None when it is acceptable."""
    if uploaded is None:
        return "请选择要上传的文件。"
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        return f"不支持的文件类型：{extension or '无扩展名'}。可上传：{'、'.join(settings.WAGTAILDOCS_EXTENSIONS)}。"
    if uploaded.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)
        return f"文件过大（{uploaded.size // (1024 * 1024)} MB），单个附件不能超过 {limit} MB。"
    return None


def store_document(uploaded, user):
    """A Wagtail document in the restricted attachment collection (check upload_error first)."""
    return get_document_model().objects.create(
        title=uploaded.name[:255], file=uploaded, collection=attachment_collection(), uploaded_by_user=user
    )


def download_response(document):
    handle = open_stored_file(document.file)
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
