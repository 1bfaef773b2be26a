"""Fixtures for the file tests: two fresh departments with their collections (built by the same
code as setup_roles), staff in each, and images and documents in every kind of collection."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage

from columns.roles import ADMIN_GROUP, ensure_department_collection, site_collections
from intranet.org.models import STAFF_GROUP, Department, StaffProfile

HOSTS = ("localhost", "intranet.localhost")
PDF_BYTES = b"%PDF-1.4\n% private test document\n"


def png_bytes(colour=(200, 30, 30), size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(collection, title="测试图片", filename="photo.png"):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(png_bytes()), name=filename)
    image.save()
    return image


def make_document(collection, title="测试文件", filename="notice.pdf", content=PDF_BYTES):
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def collections(db):
    """{"public", "intranet", "dept_a", "dept_b"} collections and the two departments."""
    public, intranet = site_collections()
    admin_group = Group.objects.get(name=ADMIN_GROUP)
    dept_a = Department.objects.create(code="files-a", name="文件测试甲处", category=Department.Category.BUREAU)
    dept_b = Department.objects.create(code="files-b", name="文件测试乙处", category=Department.Category.BUREAU)
    return {
        "public": public,
        "intranet": intranet,
        "dept_a": ensure_department_collection(dept_a, intranet, admin_group),
        "dept_b": ensure_department_collection(dept_b, intranet, admin_group),
        "departments": {"a": dept_a, "b": dept_b},
    }


@pytest.fixture
def make_staff(db):
    def make(username, department=None, *groups, is_superuser=False):
        user = get_user_model().objects.create_user(username, password="x", is_superuser=is_superuser)
        user.groups.add(Group.objects.get(name=STAFF_GROUP), *groups)
        if department is not None:
            StaffProfile.objects.create(user=user, full_name=f"职员{username}", department=department)
        return get_user_model().objects.get(pk=user.pk)

    return make


@pytest.fixture
def viewers(collections, make_staff):
    """Who asks: nobody, staff of department A, of department B, the information centre."""
    departments = collections["departments"]
    return {
        "anonymous": None,
        "staff_a": make_staff("files_staff_a", departments["a"]),
        "staff_b": make_staff("files_staff_b", departments["b"]),
        "centre": make_staff("files_centre", None, Group.objects.get(name=ADMIN_GROUP)),
    }


def client_for(user, host):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


# Who may see a file of each collection.
MAY_SEE = {
    "public": {"anonymous", "staff_a", "staff_b", "centre"},
    "intranet": {"staff_a", "staff_b", "centre"},
    "dept_a": {"staff_a", "centre"},
}
