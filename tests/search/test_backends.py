"""Wagtail's own search API (admin, choosers, snippets) goes through the Chinese backend."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Not, PlainText

from columns.models import ArticlePage

from .conftest import article

pytestmark = pytest.mark.django_db


def test_the_default_backend_is_the_chinese_one_for_this_database():
    from django.db import connection

    backend = get_search_backend()
    expected = {"sqlite": "ChineseSQLiteSearchBackend", "postgresql": "ChinesePostgresSearchBackend"}
    assert type(backend).__name__ == expected[connection.vendor]


def test_indexed_text_is_segmented(public_list):
    page = article(public_list, "生活垃圾分类工作动态", "湿垃圾资源化利用。")
    entry = IndexEntry.objects.get(object_id=str(page.pk), content_type__model="articlepage")
    # SQLite keeps the words separated by spaces; PostgreSQL a tsvector: '分类':3B '垃圾':2B ...
    title = str(entry.title)
    words = set(re.findall(r"'([^']+)'", title)) if "'" in title else set(title.split())
    assert {"垃圾", "分类"} <= words


def test_page_search_and_autocomplete_understand_chinese(public_list):
    article(public_list, "生活垃圾分类工作动态", "湿垃圾资源化利用。")
    assert "生活垃圾分类工作动态" in [p.title for p in Page.objects.live().search("垃圾分类")]
    assert "生活垃圾分类工作动态" in [p.title for p in Page.objects.live().autocomplete("生活垃圾分")]
    assert "生活垃圾分类工作动态" in [p.title for p in ArticlePage.objects.search("资源化", fields=["body"])]
    assert "生活垃圾分类工作动态" in [p.title for p in ArticlePage.objects.search("分类", fields=["title"])]
    assert "生活垃圾分类工作动态" not in [p.title for p in ArticlePage.objects.search("资源化", fields=["title"])]


def test_scores_counts_and_ordering(public_list):
    article(public_list, "白鹭白鹭观察报告", "白鹭。", days=10)
    article(public_list, "湿地动态", "白鹭在湿地出现。", days=1)
    results = ArticlePage.objects.order_by("-pub_date").search("白鹭").annotate_score("score")
    assert results.count() == 2
    ranked = list(results)
    assert ranked[0].title == "白鹭白鹭观察报告" and ranked[0].score > ranked[1].score
    by_date = list(ArticlePage.objects.order_by("-pub_date").search("白鹭", order_by_relevance=False))
    assert [p.title for p in by_date] == ["湿地动态", "白鹭白鹭观察报告"]
    assert list(ArticlePage.objects.search("白鹭")[1:2])[0].title == "湿地动态"


def test_queries_with_negation_use_wagtails_own_path(public_list):
    article(public_list, "白鹭观察报告", "白鹭。")
    article(public_list, "白鹭与湿地", "白鹭 湿地。")
    titles = [p.title for p in ArticlePage.objects.search(PlainText("白鹭") & Not(PlainText("湿地")))]
    assert titles == ["白鹭观察报告"]


def test_documents_and_images_in_the_admin_understand_chinese():
    document = get_document_model()(title="生活垃圾分类实施方案")
    document.file.save("plan.txt", ContentFile(b"plan"), save=False)
    document.save()
    assert document in get_document_model().objects.search("垃圾分类")
    image = Image.objects.filter(title__startswith="演示图片").first()
    if image is not None:
        assert image in Image.objects.search("演示图片")


def test_admin_page_search_and_chooser_find_chinese_titles(client, public_list, login, superuser):
    article(public_list, "生活垃圾分类工作动态", "湿垃圾。")
    login(client, superuser)
    response = client.get("/admin/pages/search/", {"q": "垃圾分类"})
    assert response.status_code == 200 and "生活垃圾分类工作动态" in response.content.decode()
    response = client.get("/admin/choose-page/search/", {"q": "垃圾分"})
    assert response.status_code == 200 and "生活垃圾分类工作动态" in response.content.decode()
