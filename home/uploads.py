"""Uploads from an intranet page's editor default to the 局内网 collection.

Wagtail's choosers open from the page editor and build their upload form without knowing the page;
the editor's address is in the request's Referer (/admin/pages/<id>/edit/ or
/admin/pages/add/<app>/<model>/<parent id>/). AdminRequestMiddleware keeps the current admin request
in a context variable, and the image and document form bases (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE) preselect the intranet collection when that page lies under the
intranet home. Only the initial choice changes: the editor can still pick another collection she
may add to, and nothing depends on the Referer for access."""

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page

from columns.roles import intranet_collection

from .models import IntranetHomePage

current_admin_request = ContextVar("current_admin_request", default=None)


class AdminRequestMiddleware:
    """Keeps the request in `current_admin_request` while an admin view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        token = current_admin_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_admin_request.reset(token)


def editor_page_id(request):
    """The id of the page (or new page's parent) whose editor the request came from, or None."""
    referer = request.headers.get("Referer", "") if request is not None else ""
    parts = urlsplit(referer)
    if not parts.path or (parts.netloc and parts.netloc != request.get_host()):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name == "wagtailadmin_pages:edit":
        return match.kwargs.get("page_id")
    if match.view_name == "wagtailadmin_pages:add":
        return match.kwargs.get("parent_page_id")
    return None


def default_collection(request):
    """The 局内网 collection when the request comes from an intranet page's editor, else None."""
    page_id = editor_page_id(request)
    if page_id is None:
        return None
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    intranet_home = IntranetHomePage.objects.only("path", "depth").first()
    if page is None or intranet_home is None or not page.path.startswith(intranet_home.path):
        return None
    return intranet_collection()


class IntranetDefaultCollectionMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("collection")
        if self.is_bound or field is None or self.instance.pk:
            return
        collection = default_collection(current_admin_request.get())
        if collection is not None and field.queryset.filter(pk=collection.pk).exists():
            self.initial["collection"] = collection.pk


class ImageForm(IntranetDefaultCollectionMixin, BaseImageForm):
    pass


class DocumentForm(IntranetDefaultCollectionMixin, BaseDocumentForm):
    pass
