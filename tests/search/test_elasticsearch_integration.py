"""Against a real cluster: runs only when ELASTICSEARCH_URL is set (CI may provide one)."""

import os
import uuid

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"),
]


@pytest.fixture
def backend(settings):
    pytest.importorskip("elasticsearch")
    from modelsearch.backends import get_search_backend

    prefix = f"test_pdenv_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": prefix,
            "CHINESE_ANALYZER": os.environ.get("ELASTICSEARCH_CHINESE_ANALYZER", "auto"),
        }
    }
    backend = get_search_backend()
    yield backend
    for index in backend.all_indexes():
        index.delete()


def test_chinese_queries_find_pages(backend, public_list):
    from wagtail.models import Page

    from .conftest import article

    pages = [
        article(public_list, "生活垃圾分类工作动态", "湿垃圾资源化利用。"),
        article(public_list, "夏季噪声专项整治", "广场舞扰民治理。"),
        article(public_list, "关于加强环境影响评价的通知", "依据浦环保〔2005〕12号文件。"),
    ]
    index = backend.get_index_for_model(Page)
    index.reset()
    index.add_model(Page)
    for page in pages:
        index.add_item(page.specific)
    index.refresh()
    ours = Page.objects.filter(pk__in=[p.pk for p in pages])

    def found(query):
        return [p.title for p in backend.search(query, ours)]

    assert found("垃圾分类") == ["生活垃圾分类工作动态"]
    assert found("噪声") == ["夏季噪声专项整治"]
    assert found("环境") == ["关于加强环境影响评价的通知"]
    assert "关于加强环境影响评价的通知" in found("浦环保〔2005〕12号")


def test_the_site_search_runs_on_elasticsearch(backend, public_list):
    from wagtail.models import Page

    from search.engine import options, run_search
    from search.scopes import scope_for_request

    from .conftest import article, make_request

    page = article(public_list, "生活垃圾分类工作动态", "湿垃圾资源化利用。")
    index = backend.get_index_for_model(Page)
    index.reset()
    index.add_model(Page)
    index.add_item(page.specific)
    index.refresh()
    outcome = run_search(options("垃圾分类"), scope_for_request(make_request()))
    assert [r.title for r in outcome.results] == ["生活垃圾分类工作动态"]
    assert "<mark>" in outcome.results[0].title_html
