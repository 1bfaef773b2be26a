"""Bodies over the limit are refused before they are read; uploaded files are not world-readable."""

import os
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from security.headers import request_max_size

pytestmark = pytest.mark.django_db

GB = 1024**3


class UnreadableBody:
    """A wsgi.input that fails the test if anything reads it."""

    def __init__(self):
        self.read_calls = 0

    def read(self, *args):
        self.read_calls += 1
        raise AssertionError("the body of an oversized request was read")

    readline = read


@pytest.fixture
def complaint_url(public_home):
    from interaction.cases.models.pages import ComplaintPage

    return "/" + ComplaintPage.objects.get().url_path[len(public_home.url_path) :]


def test_a_1_gb_post_is_refused_with_a_chinese_page_without_reading_it(public_client, complaint_url):
    body = UnreadableBody()
    response = public_client.generic(
        "POST", complaint_url, b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(GB), **{"wsgi.input": body},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "提交的内容过大" in html and "20 MB" in html and "后退" in html
    assert body.read_calls == 0
    assert "no-cache" in response["Cache-Control"]


def test_the_intranet_and_search_are_capped_too(intranet_client, public_client):
    for client, url in ((intranet_client, "/"), (public_client, "/search/")):
        response = client.generic("POST", url, b"", CONTENT_LENGTH=str(21 * 1024 * 1024), **{"wsgi.input": UnreadableBody()})
        assert response.status_code == 413


def test_the_admin_has_its_own_larger_cap(intranet_client, settings):
    assert request_max_size("/admin/documents/multiple/add/") == settings.ADMIN_REQUEST_MAX_SIZE == 64 * 1024 * 1024
    assert request_max_size("/hdjl/wsts/") == settings.PUBLIC_REQUEST_MAX_SIZE == 20 * 1024 * 1024
    response = intranet_client.generic(
        "POST", "/admin/login/", b"", CONTENT_LENGTH=str(65 * 1024 * 1024), **{"wsgi.input": UnreadableBody()}
    )
    assert response.status_code == 413
    assert "64 MB" in response.content.decode()


def test_a_normal_upload_under_the_cap_reaches_the_form(public_client, complaint_url):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff" + b"0" * (3 * 1024 * 1024), content_type="image/jpeg")
    response = public_client.post(complaint_url, {"name": "张三", "content": "噪声扰民", "photos": [photo]})
    assert response.status_code == 200
    assert "请输入验证码" in response.content.decode()  # the form itself answered


def test_form_fields_beyond_the_memory_cap_are_a_400_not_a_500(public_client, complaint_url, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = public_client.post(complaint_url, {"content": "环" * 2000})
    assert response.status_code == 400
    assert "无法处理这个请求" in response.content.decode()


def test_uploaded_files_are_0640_in_0750_directories(tmp_path, settings):
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o640
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o750
    storage = FileSystemStorage(location=tmp_path)
    small = storage.save("cases/2026/small.txt", ContentFile(b"x" * 10))
    large = storage.save("cases/2026/large.bin", ContentFile(b"x" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1)))
    for name in (small, large):
        assert stat.S_IMODE(os.stat(storage.path(name)).st_mode) == 0o640
    for directory in (tmp_path / "cases", tmp_path / "cases" / "2026"):
        assert stat.S_IMODE(os.stat(directory).st_mode) == 0o750
