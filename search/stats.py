"""What happened in search over a period, for the monitoring centre (监管中心)."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, Max, Q, Sum

from .models import BlockedSearchTerm, SearchQueryDay


def _period(start, end, scope=None):
    rows = SearchQueryDay.objects.filter(date__gte=start, date__lte=end)
    return rows.filter(scope=scope) if scope else rows


def totals(start, end, scope=None):
    """{"searches", "zero_result_searches", "clicks", "distinct_queries", "click_through_rate"}"""
    data = _period(start, end, scope).aggregate(
        searches=Sum("searches"),
        zero_result_searches=Sum("zero_result_searches"),
        clicks=Sum("clicks"),
        distinct_queries=Count("query", distinct=True),
    )
    data = {key: value or 0 for key, value in data.items()}
    data["click_through_rate"] = round(data["clicks"] / data["searches"], 4) if data["searches"] else 0.0
    return data


def top_queries(start, end, scope=None, limit=20):
    """The most searched queries: [{"query", "searches", "clicks", "average_results"}]."""
    rows = (
        _period(start, end, scope)
        .values("query")
        .annotate(searches=Sum("searches"), clicks=Sum("clicks"), results=Sum("results_total"))
        .order_by("-searches", "query")[:limit]
    )
    return [
        {
            "query": row["query"],
            "searches": row["searches"],
            "clicks": row["clicks"],
            "average_results": round(row["results"] / row["searches"], 1) if row["searches"] else 0,
        }
        for row in rows
    ]


def zero_result_queries(start, end, scope=None, limit=20):
    """Queries that found nothing at least once: [{"query", "zero_result_searches", "last_date"}]."""
    rows = (
        _period(start, end, scope)
        .filter(zero_result_searches__gt=0)
        .values("query")
        .annotate(zero_result_searches=Sum("zero_result_searches"), last_date=Max("date"))
        .order_by("-zero_result_searches", "query")[:limit]
    )
    return list(rows)


def search_stats(start, end, scope=None, limit=20):
    """Everything above for one period (dates inclusive); scope "public", "intranet" or None."""
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "scope": scope or "all",
        "totals": totals(start, end, scope),
        "top_queries": top_queries(start, end, scope, limit),
        "zero_result_queries": zero_result_queries(start, end, scope, limit),
    }


def popular_queries(scope, start, end, limit=8, min_visitors=None):
    """Queries people searched and found something for, as suggestions (大家都在搜) on a page
    with no results: only those searched by at least SEARCH_POPULAR_MIN_VISITORS distinct
    visitors on one day, and none containing a term of the block list."""
    if min_visitors is None:
        min_visitors = getattr(settings, "SEARCH_POPULAR_MIN_VISITORS", 3)
    rows = (
        _period(start, end, scope)
        .values("query")
        .annotate(searches=Sum("searches"), zero=Sum("zero_result_searches"), best_day=Max("visitors"))
        .filter(searches__gt=0)
    )
    if min_visitors > 0:
        rows = rows.filter(best_day__gte=min_visitors)
    blocked = [term for term in BlockedSearchTerm.objects.values_list("term", flat=True) if term]
    if blocked:
        rows = rows.exclude(reduce(or_, (Q(query__contains=term) for term in blocked)))
    rows = rows.order_by("-searches", "query")[: limit * 3]
    return [row["query"] for row in rows if row["zero"] < row["searches"]][:limit]
