"""The results page and the JSON API as a visitor uses them."""

import re
from urllib.parse import urlparse

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQueryDay
from search.sources import get_sources

from .conftest import article, search_json

pytestmark = pytest.mark.django_db


def plain(html):
    return re.sub(r"</?mark>", "", html)


def test_json_has_exactly_the_documented_shape(public_client, public_list):
    article(public_list, "珊瑚礁保护通知", "珊瑚礁保护。", in_catalogue=True)
    data = search_json(public_client, "珊瑚礁")
    assert set(data) == {"total", "page", "results"}
    assert data["total"] == 1 and data["page"] == 1
    (result,) = data["results"]
    assert set(result) == {"title", "url", "snippet", "published", "column", "type"}
    assert result["title"] == "珊瑚礁保护通知"
    assert result["url"].startswith("/ssceshi/ssxx/")
    assert result["column"] == "搜索测试栏目"
    assert result["type"] == "公开目录"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", result["published"])


def test_terms_are_highlighted_and_markup_in_titles_is_escaped(public_client, public_list):
    article(public_list, "<b>加粗</b>的珊瑚<script>x()</script>通报", "正文说明珊瑚白化<i>情况</i>。")
    html = public_client.get("/search/", {"q": "珊瑚"}).content.decode()
    assert "&lt;b&gt;加粗&lt;/b&gt;的<mark>珊瑚</mark>&lt;script&gt;" in html
    assert "<mark>珊瑚</mark>白化" in html
    assert "<script>x()" not in html and "<b>加粗" not in html


def test_results_link_through_the_click_counter(public_client, public_list):
    page = article(public_list, "珊瑚礁调查报告", "珊瑚礁调查。")
    html = public_client.get("/search/", {"q": "珊瑚礁 调查"}).content.decode()
    link = re.search(r'class="search-result__title"><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert link.startswith("/search/go/?to=")
    response = public_client.get(link)
    assert response.status_code == 302 and response["Location"] == urlparse(page.full_url).path
    row = SearchQueryDay.objects.get(query="珊瑚礁 调查", scope="public")
    assert (row.searches, row.clicks, row.results_total, row.zero_result_searches) == (1, 1, 1, 0)


def test_only_first_pages_are_logged(public_client, public_list):
    article(public_list, "珊瑚礁调查报告", "珊瑚礁调查。")
    before = SearchQueryDay.objects.count()  # browser tests may have left some behind
    public_client.get("/search/", {"q": "珊瑚礁"})
    public_client.get("/search/", {"q": "珊瑚礁", "page": 2})
    public_client.get("/search/", {"q": "找不到的词语"})
    public_client.get("/search/")
    assert SearchQueryDay.objects.get(query="珊瑚礁").searches == 1
    assert SearchQueryDay.objects.get(query="找不到的词语").zero_result_searches == 1
    assert SearchQueryDay.objects.count() == before + 2


def test_pagination_twenty_a_page(public_client, public_list):
    for i in range(25):
        article(public_list, f"珊瑚监测第{i + 1}号报告", "珊瑚监测。", days=i + 1)
    first = search_json(public_client, "珊瑚监测")
    second = search_json(public_client, "珊瑚监测", page=2)
    beyond = search_json(public_client, "珊瑚监测", page=9)
    assert first["total"] == second["total"] == 25
    assert len(first["results"]) == 20 and len(second["results"]) == 5
    assert beyond["page"] == 2 and beyond["results"] == second["results"]
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
    html = public_client.get("/search/", {"q": "珊瑚监测"}).content.decode()
    assert 'class="pagination"' in html and "page=2" in html


def test_filters_by_type_date_and_column(public_client, public_list, public_home):
    article(public_list, "珊瑚保护条例公开", "珊瑚。", days=400, in_catalogue=True)
    article(public_list, "珊瑚保护活动新闻", "珊瑚。", days=2)
    assert [r["title"] for r in search_json(public_client, "珊瑚", type="公开目录")["results"]] == ["珊瑚保护条例公开"]
    assert [r["title"] for r in search_json(public_client, "珊瑚", type="信息")["results"]] == ["珊瑚保护活动新闻"]
    recent = search_json(public_client, "珊瑚", date_from="2000-01-01", date_to="2999-12-31")
    assert recent["total"] == 2
    from django.utils import timezone

    last_month = (timezone.localdate() - timezone.timedelta(days=30)).isoformat()
    assert [r["title"] for r in search_json(public_client, "珊瑚", date_from=last_month)["results"]] == ["珊瑚保护活动新闻"]
    column = public_list.get_parent()
    assert search_json(public_client, "珊瑚", column=column.pk)["total"] == 2
    other = public_home.get_children().exclude(pk=column.pk).first()
    assert search_json(public_client, "珊瑚", column=other.pk)["total"] == 0


def test_sort_by_date(public_client, public_list):
    article(public_list, "珊瑚珊瑚珊瑚专题", "珊瑚珊瑚珊瑚。", days=300)
    article(public_list, "海洋动态", "提到珊瑚一次。", days=1)
    by_relevance = [r["title"] for r in search_json(public_client, "珊瑚")["results"]]
    by_date = [r["title"] for r in search_json(public_client, "珊瑚", sort="date")["results"]]
    assert by_relevance == ["珊瑚珊瑚珊瑚专题", "海洋动态"]
    assert by_date == ["海洋动态", "珊瑚珊瑚珊瑚专题"]


def test_friendly_page_without_results(public_client, public_list):
    article(public_list, "珊瑚礁保护通知", "珊瑚礁。")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # three people found something before
        public_client.get("/search/", {"q": "珊瑚礁"}, REMOTE_ADDR=address)
    html = public_client.get("/search/", {"q": "珊瑚礁 月球基地"}).content.decode()
    assert "没有找到与“珊瑚礁 月球基地”相关的内容" in html
    assert "分别搜索" in html and "?q=%E6%9C%88%E7%90%83" in html  # 月球…
    assert "大家都在搜" in html and ">珊瑚礁</a>" in html


def test_filters_are_offered_without_javascript(public_client):
    html = public_client.get("/search/", {"q": "环境"}).content.decode()
    for name in ("column", "type", "date_from", "date_to", "sort"):
        assert f'name="{name}"' in html
    assert "工作动态" in html  # a public column in the column filter
    assert "局内动态" not in html  # never an intranet one


def test_promotion_of_a_public_page_comes_first(public_client, public_list):
    page = article(public_list, "珊瑚礁保护专题", "专题页面。")
    SearchPromotion.objects.create(query=Query.get("珊瑚礁"), page=page, description="信息中心推荐", sort_order=0)
    html = public_client.get("/search/", {"q": "珊瑚礁"}).content.decode()
    assert html.index("信息中心推荐") < html.index('class="search-results"')


def test_empty_search_shows_a_hint(public_client):
    html = public_client.get("/search/").content.decode()
    assert "请输入要查找的内容" in html
    assert search_json(public_client, "") == {"total": 0, "page": 1, "results": []}


def test_results_page_needs_a_bounded_number_of_queries(public_client, public_list, django_assert_max_num_queries):
    for i in range(20):
        article(public_list, f"珊瑚监测第{i + 1}号报告", "珊瑚监测。", days=i + 1)
    public_client.get("/search/", {"q": "热身"})  # site root paths etc. cached like in a warm worker
    # A fixed number, plus one search query for each registered source beyond pages and cases
    # (a source with no hits costs nothing else).
    extra_sources = len([s for s in get_sources() if s.key not in ("pages", "case_replies", "documents")])
    with django_assert_max_num_queries(20 + extra_sources):
        response = public_client.get("/search/", {"q": "珊瑚监测"})
    assert plain(response.content.decode()).count("珊瑚监测第") == 20


def test_suggestions_come_from_titles(public_client, public_list):
    article(public_list, "珊瑚礁保护宣传月", "宣传。")
    data = public_client.get("/search/suggest/", {"q": "珊瑚礁保"}).json()
    assert data["suggestions"][0]["title"] == "珊瑚礁保护宣传月"
    assert data["suggestions"][0]["url"].startswith("/ssceshi/")
    assert public_client.get("/search/suggest/", {"q": ""}).json()["suggestions"] == []
