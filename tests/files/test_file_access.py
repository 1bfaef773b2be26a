"""The collection and visibility matrix for documents and images (renditions included): each
file reachable only by who may see it, on both hosts."""

import pytest

from .conftest import HOSTS, MAY_SEE, PDF_BYTES, body, client_for, make_document, make_image

pytestmark = pytest.mark.django_db

CASES = [(kind, who, host) for kind in MAY_SEE for who in ("anonymous", "staff_a", "staff_b", "centre") for host in HOSTS]


@pytest.mark.parametrize(("kind", "who", "host"), CASES)
def test_documents_by_collection(collections, viewers, kind, who, host):
    document = make_document(collections[kind], title=f"{kind}文件", filename=f"{kind}-notice.pdf")
    response = client_for(viewers[who], host).get(document.url)
    if who in MAY_SEE[kind]:
        assert response.status_code == 200
        assert body(response) == PDF_BYTES
        if kind != "public":
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    else:
        assert response.status_code in (302, 403, 404)
        assert PDF_BYTES not in body(response)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(("kind", "who", "host"), CASES)
def test_image_renditions_by_collection(collections, viewers, kind, who, host):
    image = make_image(collections[kind], title=f"{kind}图片", filename=f"{kind}-photo.png")
    rendition = image.get_rendition("fill-20x10")
    assert rendition.url.startswith("/media/images/")
    response = client_for(viewers[who], host).get(rendition.url)
    if who in MAY_SEE[kind]:
        assert response.status_code == 200
        assert body(response).startswith(b"\x89PNG")
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        expected = "public" if kind == "public" else "no-store"
        assert expected in response["Cache-Control"]
    else:
        assert response.status_code == 404
        assert b"PNG" not in body(response)


def test_originals_and_documents_are_stored_outside_media_root(collections, settings):
    from pathlib import Path

    image = make_image(collections["public"])
    document = make_document(collections["public"])
    media_root = Path(settings.MEDIA_ROOT).resolve()
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for field_file in (image.file, document.file):
        path = Path(field_file.path).resolve()
        assert path.is_relative_to(private_root)
        assert not path.is_relative_to(media_root)
        assert path.stat().st_mode & 0o777 == 0o640
    rendition = image.get_rendition("max-30x30")
    assert Path(rendition.file.path).resolve().is_relative_to(media_root)


def test_private_storage_has_no_usable_url(collections, public_client):
    document = make_document(collections["public"])
    url = document.file.url
    assert public_client.get(url).status_code == 404


def test_moving_an_image_to_a_restricted_collection_hides_its_existing_renditions(collections, public_client):
    image = make_image(collections["public"])
    url = image.get_rendition("fill-20x10").url
    assert public_client.get(url).status_code == 200
    image.collection = collections["intranet"]
    image.save()
    assert public_client.get(url).status_code == 404


def test_intranet_article_attachment_no_longer_downloads_anonymously(public_client, intranet_client, intranet_home):
    """The demo's intranet attachments live in the 局内网 collection (load_demo)."""
    from columns.models import ArticleAttachment

    attachment = ArticleAttachment.objects.filter(page__path__startswith=intranet_home.path).select_related(
        "document__collection"
    ).first()
    assert attachment is not None, "the demo has intranet attachments"
    assert attachment.document.collection.name == "局内网"
    for client in (public_client, intranet_client):
        response = client.get(attachment.document.url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_demo_intranet_cover_images_are_not_public(public_client, intranet_home):
    from columns.models import ArticlePage

    article = ArticlePage.objects.descendant_of(intranet_home).filter(cover_image__isnull=False).select_related(
        "cover_image__collection"
    ).first()
    assert article is not None
    assert article.cover_image.collection.name == "局内网"
    url = article.cover_image.get_rendition("fill-40x30").url
    assert public_client.get(url).status_code == 404


def test_an_article_lists_only_the_attachments_its_reader_may_download(collections, viewers, public_home):
    from columns.models import ArticleAttachment
    from tests.helpers import add_article, page_at

    sub = page_at(public_home, "gzdt/tzgg")
    article = add_article(sub, title="附件可见性测试")
    open_doc = make_document(collections["public"], title="公开附件甲")
    inner_doc = make_document(collections["intranet"], title="内部附件乙")
    ArticleAttachment.objects.create(page=article, document=open_doc, sort_order=0)
    ArticleAttachment.objects.create(page=article, document=inner_doc, sort_order=1)
    html = client_for(None, "localhost").get(article.url).content.decode()
    assert "公开附件甲" in html and "内部附件乙" not in html
    html = client_for(viewers["staff_b"], "localhost").get(article.url).content.decode()
    assert "公开附件甲" in html and "内部附件乙" in html
