"""Every file URL refuses what a path-traversal probe sends: "..", "%2e%2e", "%252e",
backslashes, absolute paths, NUL and symlinks — each a 404, even for a superuser, on both hosts."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import HOSTS, PDF_BYTES, body, client_for, make_document, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(collections, make_staff):
    image = make_image(collections["dept_a"], filename="secret-photo.png")
    rendition = image.get_rendition("fill-20x10")
    document = make_document(collections["dept_a"], filename="secret-id.pdf")
    public_image = make_image(collections["public"], filename="open-photo.png")
    public_rendition = public_image.get_rendition("fill-20x10")
    return {
        "image": image,
        "rendition": rendition,
        "document": document,
        "public_rendition": public_rendition,
        "superuser": make_staff("files_super", None, is_superuser=True),
    }


def hostile_media_urls(files):
    doc = files["document"].file.name  # documents/secret-id.pdf
    original = files["image"].file.name  # original_images/secret-photo.png
    rendition = Path(files["public_rendition"].file.name).name
    return [
        f"/media/images/../{doc}",
        f"/media/images/%2e%2e/{doc}",
        f"/media/images/%2E%2E/{original}",
        f"/media/images/.%2e/{doc}",
        f"/media/images/%252e%252e/{doc}",
        f"/media/images/%252e%252e%252f{doc.replace('/', '%252f')}",
        f"/media/images/..%5c{doc.replace('/', '%5c')}",
        f"/media/images/..\\{doc}",
        f"/media/images/%5c..%5c{doc}",
        f"/media/images/%2f{doc}",
        "/media/images//etc/passwd",
        "/media//etc/passwd",
        "/media/images/%2fetc%2fpasswd",
        f"/media/images/{settings.PRIVATE_MEDIA_ROOT}/{doc}",
        f"/media/images/{rendition}%00",
        f"/media/images/{rendition}%00.png",
        f"/media/images/%00{rendition}",
        "/media/images/..",
        "/media/images/.",
        "/media/images/",
        "/media/images",
        "/media/",
        "/media",
        f"/media/{doc}",
        f"/media/{original}",
        f"/media/{files['rendition'].file.name}%2f..%2f..%2f{doc}",
    ]


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_media_probes_are_404(files, host, who):
    client = client_for(files.get(who), host)
    for url in hostile_media_urls(files):
        response = client.get(url)
        assert response.status_code == 404, url
        content = body(response)
        assert PDF_BYTES not in content and b"\x89PNG" not in content, url


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_document_probes_are_404(files, host, who):
    document = files["document"]
    client = client_for(files.get(who), host)
    prefix = f"/documents/{document.pk}"
    probes = [
        f"{prefix}/../../{document.file.name}",
        f"{prefix}/%2e%2e/%2e%2e/{document.file.name}",
        f"{prefix}/%252e%252e%252f{document.filename}",
        f"{prefix}/..%5c{document.filename}",
        f"{prefix}/{document.filename}%00",
        f"{prefix}/%2fetc%2fpasswd",
        f"{prefix}//etc/passwd",
        f"{prefix}/",
        "/documents/",
        "/documents/99999999999999999999999999/x.pdf",
        "/documents/0/x.pdf",
    ]
    for url in probes:
        response = client.get(url)
        assert response.status_code == 404, url
        assert PDF_BYTES not in body(response), url


@pytest.mark.parametrize("host", HOSTS)
def test_a_symlinked_rendition_is_refused(files, host):
    """A rendition file replaced by a symlink (to a private original) is never followed."""
    from wagtail.images import get_image_model

    Rendition = get_image_model().get_rendition_model()
    public_rendition = files["public_rendition"]
    media_path = Path(public_rendition.file.path)
    target = Path(files["document"].file.path)
    link = media_path.with_name("linked.fill-10x10.png")
    if link.exists() or link.is_symlink():
        link.unlink()
    os.symlink(target, link)
    try:
        Rendition.objects.create(
            image=public_rendition.image, filter_spec="fill-10x10", focal_point_key="linked",
            file=f"images/{link.name}", width=10, height=10,
        )
        for who in ("anonymous", "superuser"):
            response = client_for(files.get(who), host).get(f"/media/images/{link.name}")
            assert response.status_code == 404
            assert PDF_BYTES not in body(response)
    finally:
        link.unlink()


def test_a_symlinked_directory_on_the_way_is_refused(files, public_client, tmp_path):
    """A rendition name that resolves through a symlinked folder is refused too."""
    from home.files import _open_local
    from django.core.files.storage import FileSystemStorage
    from django.http import Http404

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.png").write_bytes(b"\x89PNG secret")
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside, root / "images")
    with pytest.raises(Http404):
        _open_local(FileSystemStorage(location=root), "images/x.png")


def test_an_existing_rendition_is_served_and_its_neighbours_are_not(files, public_client):
    """The happy path next to the probes: the one public rendition is served, nothing else."""
    url = files["public_rendition"].url
    assert public_client.get(url).status_code == 200
    assert public_client.get(url + ".bak").status_code == 404
    assert public_client.get(url.replace("fill-20x10", "fill-21x10")).status_code == 404


def test_safe_name_rules():
    from home.files import is_safe_name

    assert is_safe_name("photo.fill-20x10.png")
    assert is_safe_name("环境照片.max-165x165.jpg")
    for name in ["", ".", "..", ".hidden.png", "a/b.png", "a\\b.png", "a..b.png", "x\x00.png", "%2e%2e",
                 "a%252e.png", "C:evil.png", "x" * 300]:
        assert not is_safe_name(name), repr(name)
