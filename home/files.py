"""Serving files: image renditions under /media/images/<name>, and the documents wrapper.

No route serves a directory or joins a URL onto a folder. A rendition is found by its exact name
in the database, then served only if the visibility rule lets the requester see its image; the
file is opened by the name the database holds, after checking that on disk it is a regular file
inside the rendition root (no symlink). Everything else is a 404, whatever the reason, so a probe
learns nothing."""

import mimetypes
import os
import re
import stat
from pathlib import Path

from django.core.cache import cache
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve
from wagtail.images import get_image_model

from core.visibility import for_request

RENDITION_FOLDER = "images"
# Names Django's storages produce (get_valid_filename): letters (any script), digits, "-", "_", ".".
SAFE_NAME = re.compile(r"[^\W][\w.-]*")
MAX_NAME_LENGTH = 255
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon"}
PUBLIC_MAX_AGE = 86400
NAME_CACHE_SECONDS = 3600
MAX_ID_DIGITS = 18


def is_safe_name(name):
    """A plain file name: no separators (/ or \\), no "..", no leading dot, no NUL or control
    characters, no percent sign (so %2e and %252e, decoded once by Django, are refused too)."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    if any(ch in name for ch in ("/", "\\", "\x00", "%", ":")) or ".." in name:
        return False
    if any(ord(ch) < 32 for ch in name):
        return False
    return SAFE_NAME.fullmatch(name) is not None


def find_rendition(name):
    """The Rendition stored as images/<name>, with its image and collection; None if there is none.
    The name -> image id pair never changes, so it is cached; the image is read fresh each time
    (its collection, hence its visibility, may change)."""
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    file_name = f"{RENDITION_FOLDER}/{name}"
    key = f"rendition-name:{file_name}"
    image_id = cache.get(key)
    queryset = Rendition.objects.select_related("image__collection")
    if image_id is not None:
        rendition = queryset.filter(image_id=image_id, file=file_name).first()
    else:
        rendition = queryset.filter(file=file_name).first()
        if rendition is not None:
            cache.set(key, rendition.image_id, NAME_CACHE_SECONDS)
    return rendition


def _open_local(storage, name):
    """Open a file of a filesystem storage, refusing anything but a regular file inside its root."""
    root = Path(storage.location).resolve()
    path = Path(storage.path(name))  # Django's safe_join: stays inside the root
    if path.resolve() != root.joinpath(*Path(name).parts):
        raise Http404  # a symlink on the way (or a name that is not plain)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        raise Http404 from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Http404
    return os.fdopen(fd, "rb")


def open_stored_file(field_file):
    storage = field_file.storage
    try:
        storage.path(field_file.name)
    except NotImplementedError:  # object storage: no local path, no symlinks
        try:
            return storage.open(field_file.name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
    return _open_local(storage, field_file.name)


@require_safe
def serve_rendition(request, name):
    if not is_safe_name(name):
        raise Http404
    rendition = find_rendition(name)
    if rendition is None:
        raise Http404
    visibility = for_request(request)
    collection = rendition.image.collection
    if not visibility.collection_visible(collection):
        raise Http404
    handle = open_stored_file(rendition.file)
    extension = os.path.splitext(name)[1].lower()
    content_type = IMAGE_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if visibility.collection_is_public(collection):
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def not_found(request, *args, **kwargs):
    raise Http404


def serve_document(request, document_id, document_filename):
    """Wagtail's document serve view (collection view restrictions, password form, login
    redirect), plus: a document of a restricted collection is never kept by a shared cache."""
    if len(document_id) > MAX_ID_DIGITS:
        raise Http404  # beyond any database integer: not an id
    response = serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
    if document is not None and not for_request(request).collection_is_public(document.collection):
        patch_cache_control(response, private=True, no_store=True)
    return response
