"""The search log and the figures the monitoring centre reads from it."""

from datetime import date, timedelta

import pytest

from search import stats
from search.log import normalise_for_log, record_click, record_search
from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "raw, logged",
    [
        ("  垃圾  分类 ", "垃圾 分类"),
        ("ＰＭ２．５", "pm2.5"),
        ("投诉 13812345678", "投诉 #"),
        ("身份证 31011519800101123X", "身份证 #"),
        ("电话 021-58791234", "电话 #"),
        ("联系 zhang.san@example.com", "联系 [邮箱]"),
        ("浦环保〔2005〕12号", "浦环保〔2005〕12号"),
        ("2025年 工作要点", "2025年 工作要点"),
    ],
)
def test_logged_queries_carry_no_personal_data(raw, logged):
    assert normalise_for_log(raw) == logged


def test_counts_are_per_day_scope_and_query():
    today = date(2026, 3, 2)
    record_search("public", "垃圾分类", 12, day=today)
    record_search("public", "垃圾分类 ", 10, day=today)
    record_search("public", "月球基地", 0, day=today)
    record_search("intranet", "垃圾分类", 3, day=today)
    record_click("public", "垃圾分类", day=today)
    row = SearchQueryDay.objects.get(date=today, scope="public", query="垃圾分类")
    assert (row.searches, row.results_total, row.zero_result_searches, row.clicks) == (2, 22, 0, 1)
    assert row.average_results == 11
    assert SearchQueryDay.objects.filter(date=today).count() == 3
    assert not SearchQueryDay._meta.get_field("query").max_length > 100
    assert {f.name for f in SearchQueryDay._meta.fields} == {
        "id", "date", "scope", "query", "searches", "visitors", "zero_result_searches", "results_total", "clicks",
    }


def test_stats_for_a_period():
    start = date(2026, 3, 1)
    for offset, (query, results) in enumerate([("垃圾分类", 5), ("垃圾分类", 7), ("噪声", 2), ("月球基地", 0)]):
        record_search("public", query, results, day=start + timedelta(days=offset % 2))
    record_search("public", "月球基地", 0, day=start)
    record_search("public", "垃圾分类", 9, day=start + timedelta(days=30))  # outside the period
    record_click("public", "噪声", day=start)
    record_search("intranet", "内部", 0, day=start)

    report = stats.search_stats(start, start + timedelta(days=6), scope="public")
    assert report["totals"] == {
        "searches": 5,
        "zero_result_searches": 2,
        "clicks": 1,
        "distinct_queries": 3,
        "click_through_rate": 0.2,
    }
    assert report["top_queries"][0] == {"query": "垃圾分类", "searches": 2, "clicks": 0, "average_results": 6.0}
    assert report["zero_result_queries"] == [
        {"query": "月球基地", "zero_result_searches": 2, "last_date": start + timedelta(days=1)}
    ]
    assert stats.totals(start, start, scope=None)["searches"] == 4
    # Suggestions need distinct visitors (test_popular_queries.py); counted by searches here.
    assert stats.popular_queries("public", start, start + timedelta(days=6), min_visitors=0) == ["垃圾分类", "噪声"]
