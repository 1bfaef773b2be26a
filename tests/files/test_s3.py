"""Object storage (production: django-storages with a public and a private bucket) against a real
S3-compatible server: moto in server mode on a spare local port. Files really go to and come back
from the private bucket, through the same permission-checked views, and the public bucket's URLs do
not expose them."""

import socket
import urllib.error
import urllib.request

import pytest
from django.test import override_settings

from config.storages import s3_storages

from .conftest import PDF_BYTES, body, client_for, make_document, make_image

pytestmark = pytest.mark.django_db

PUBLIC_BUCKET = "pdenv-public"
PRIVATE_BUCKET = "pdenv-private"


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    import boto3
    from moto import server as moto_server  # requirements-dev.txt: a missing install fails, not skips

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    port = spare_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=PUBLIC_BUCKET)
    client.create_bucket(Bucket=PRIVATE_BUCKET)
    storages = s3_storages(
        public_bucket=PUBLIC_BUCKET, private_bucket=PRIVATE_BUCKET, endpoint_url=endpoint,
        region_name="us-east-1", addressing_style="path",
    )
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    try:
        with override_settings(STORAGES=storages):
            yield {"client": client, "endpoint": endpoint}
    finally:
        server.stop()


def keys(client, bucket):
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_documents_live_in_the_private_bucket_and_are_streamed_by_the_serve_view(s3, collections, viewers):
    from django.core.files.storage import default_storage

    document = make_document(collections["intranet"], filename="s3-notice.pdf")
    name = document.file.name
    assert name in keys(s3["client"], PRIVATE_BUCKET)
    assert name not in keys(s3["client"], PUBLIC_BUCKET)
    stored = s3["client"].get_object(Bucket=PRIVATE_BUCKET, Key=name)["Body"].read()
    assert stored == PDF_BYTES
    assert default_storage.open(name).read() == PDF_BYTES

    # The application streams it to who may see it (no redirect to a bucket URL) ...
    response = client_for(viewers["staff_a"], "intranet.localhost").get(document.url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    # ... and refuses everyone else.
    response = client_for(None, "localhost").get(document.url)
    assert response.status_code == 302 and PDF_BYTES not in body(response)

    # The public bucket's address for the same name has nothing.
    status, content = http_get(f"{s3['endpoint']}/{PUBLIC_BUCKET}/{name}")
    assert status == 404 and PDF_BYTES not in content


def test_private_urls_are_signed_and_short_lived(s3):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    private = storages["private"]
    name = private.save("cases/2026/11/photo.png", ContentFile(b"\x89PNG private"))
    assert name in keys(s3["client"], PRIVATE_BUCKET)
    url = private.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    assert http_get(url) == (200, b"\x89PNG private")
    public_url = storages["public"].url(name)
    assert "X-Amz-Signature" not in public_url
    assert http_get(public_url)[0] == 404


def test_renditions_are_served_by_the_checking_view_from_the_private_bucket(s3, collections, monkeypatch):
    from django.core.files.storage import storages
    from wagtail.images import get_image_model

    # The rendition field resolved its storage when the model was loaded (the filesystem in
    # tests); point it at the object-storage alias, as production settings would.
    Rendition = get_image_model().get_rendition_model()
    monkeypatch.setattr(Rendition._meta.get_field("file"), "storage", storages["renditions"])

    public_image = make_image(collections["public"], filename="s3-open.png")
    intranet_image = make_image(collections["intranet"], filename="s3-inner.png")
    open_rendition = public_image.get_rendition("fill-20x10")
    inner_rendition = intranet_image.get_rendition("fill-20x10")
    for rendition in (open_rendition, inner_rendition):
        assert rendition.url == f"/media/{rendition.file.name}"
        assert rendition.file.name in keys(s3["client"], PRIVATE_BUCKET)
        assert rendition.file.name not in keys(s3["client"], PUBLIC_BUCKET)
    assert public_image.file.name in keys(s3["client"], PRIVATE_BUCKET)

    anonymous = client_for(None, "localhost")
    response = anonymous.get(open_rendition.url)
    assert response.status_code == 200 and body(response).startswith(b"\x89PNG")
    assert "public" in response["Cache-Control"]
    assert anonymous.get(inner_rendition.url).status_code == 404
    assert http_get(f"{s3['endpoint']}/{PUBLIC_BUCKET}/{inner_rendition.file.name}")[0] == 404
