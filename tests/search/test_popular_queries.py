"""大家都在搜: only queries enough distinct visitors searched on one day, never a blocked term;
visitors counted by a daily hash, never by address; the log pruned after its retention."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from search import stats
from search.log import record_search, visitor_id
from search.models import BlockedSearchTerm, SearchQueryDay, SearchVisitorDay

from .conftest import article

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


def search_by(query, *visitors, day=DAY, results=5):
    for visitor in visitors:
        record_search("public", query, results, day=day, visitor=visitor)


def popular(start=DAY, end=DAY, **kwargs):
    return stats.popular_queries("public", start, end, **kwargs)


def test_a_query_needs_enough_distinct_visitors_on_one_day(settings):
    settings.SEARCH_POPULAR_MIN_VISITORS = 3
    search_by("垃圾分类", "a", "b", "c")
    search_by("噪声扰民", "a", "a", "a", "a", "b")  # five searches, two people
    search_by("河道整治", "a", "b", day=DAY)
    search_by("河道整治", "c", day=DAY + timedelta(days=1))  # three people, but never three on a day
    assert popular(end=DAY + timedelta(days=1)) == ["垃圾分类"]
    row = SearchQueryDay.objects.get(date=DAY, query="噪声扰民")
    assert (row.searches, row.visitors) == (5, 2)
    settings.SEARCH_POPULAR_MIN_VISITORS = 2
    assert popular(end=DAY + timedelta(days=1)) == ["噪声扰民", "垃圾分类", "河道整治"]


def test_queries_without_results_are_never_suggested():
    search_by("月球基地", "a", "b", "c", results=0)
    assert popular() == []


def test_blocked_terms_never_appear(settings):
    settings.SEARCH_POPULAR_MIN_VISITORS = 1
    search_by("垃圾分类", "a")
    search_by("某某局长贪污", "a")
    search_by("ＡＢＣ公司 偷排", "a")
    BlockedSearchTerm.objects.create(term="贪污")
    term = BlockedSearchTerm(term="  abc公司 ")
    term.full_clean()
    term.save()
    assert term.term == "abc公司"
    assert popular() == ["垃圾分类"]
    # The monitoring centre still sees what people searched.
    assert {row["query"] for row in stats.top_queries(DAY, DAY, "public")} == {"垃圾分类", "某某局长贪污", "abc公司 偷排"}


def test_visitors_are_a_daily_hash_never_the_address():
    factory = RequestFactory()
    request = factory.get("/search/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 测试")
    other_browser = factory.get("/search/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Other/1.0")
    today = visitor_id(request, DAY)
    assert today == visitor_id(request, DAY) and len(today) == 32
    assert today != visitor_id(request, DAY + timedelta(days=1))
    assert today != visitor_id(other_browser, DAY)
    assert "203.0.113.7" not in today

    client = Client(HTTP_HOST="localhost")
    client.get("/search/", {"q": "珊瑚礁"}, REMOTE_ADDR="203.0.113.7")
    stored = list(SearchVisitorDay.objects.filter(query="珊瑚礁").values_list("visitor", flat=True))
    assert len(stored) == 1 and "203.0.113" not in stored[0]


def test_the_search_page_suggests_only_what_three_people_found(public_list, settings):
    settings.SEARCH_POPULAR_MIN_VISITORS = 3
    article(public_list, "珊瑚礁保护通知", "珊瑚礁。")
    client = Client(HTTP_HOST="localhost")
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        client.get("/search/", {"q": "珊瑚礁"}, REMOTE_ADDR=address)
    html = client.get("/search/", {"q": "月球基地"}).content.decode()
    assert ">珊瑚礁</a>" not in html
    client.get("/search/", {"q": "珊瑚礁"}, REMOTE_ADDR="10.0.0.3")
    html = client.get("/search/", {"q": "月球基地"}).content.decode()
    assert "大家都在搜" in html and ">珊瑚礁</a>" in html
    BlockedSearchTerm.objects.create(term="珊瑚")
    assert ">珊瑚礁</a>" not in client.get("/search/", {"q": "月球基地"}).content.decode()


def test_information_centre_maintains_the_block_list(login):
    from columns.roles import ADMIN_GROUP
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("xxzx_block", password="x")
    user.groups.add(Group.objects.get(name=ADMIN_GROUP))
    client = Client()
    login(client, "xxzx_block")
    listing = client.get("/admin/snippets/sitesearch/blockedsearchterm/")
    assert listing.status_code == 200
    response = client.post("/admin/snippets/sitesearch/blockedsearchterm/add/", {"term": "谣言", "note": "不实信息"})
    assert response.status_code == 302
    assert BlockedSearchTerm.objects.filter(term="谣言").exists()
    duplicate = client.post("/admin/snippets/sitesearch/blockedsearchterm/add/", {"term": " 谣言 "})
    assert duplicate.status_code == 200 and "该词已在屏蔽词中" in duplicate.content.decode()

    staff = get_user_model().objects.get(username="zhigong")
    other = Client()
    other.force_login(staff)
    assert other.get("/admin/snippets/sitesearch/blockedsearchterm/").status_code in (302, 403)


def test_pruning_keeps_the_retention_period_and_drops_old_visitor_hashes(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    today = timezone.localdate()
    SearchVisitorDay.objects.all().delete()  # a reused test database keeps the browser journeys' searches
    search_by("旧的搜索", "a", day=today - timedelta(days=31))
    search_by("近期搜索", "a", day=today - timedelta(days=30))
    search_by("今天的搜索", "a", "b", day=today)
    assert SearchVisitorDay.objects.filter(date__lt=today).count() == 0  # dropped when today's rows opened

    SearchVisitorDay.objects.create(date=today - timedelta(days=1), scope="public", query="昨天", visitor="x" * 32)
    out = io.StringIO()
    call_command("prune_search_log", "--dry-run", stdout=out)
    assert "将删除" in out.getvalue() and "1 行" in out.getvalue()
    assert SearchQueryDay.objects.filter(query="旧的搜索").exists()

    call_command("prune_search_log", stdout=out)
    assert not SearchQueryDay.objects.filter(query="旧的搜索").exists()
    assert SearchQueryDay.objects.filter(query="近期搜索").exists()
    assert list(SearchVisitorDay.objects.values_list("query", flat=True).distinct()) == ["今天的搜索"]
    assert SearchQueryDay.objects.get(query="今天的搜索").visitors == 2

    from search.tasks import prune_search_log

    search_by("旧的搜索", "a", day=today - timedelta(days=40))
    result = prune_search_log.enqueue()
    assert result.return_value["days"] == 1
