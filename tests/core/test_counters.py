"""The one counter upsert: creates the row on first use, then adds; reads back its own value."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from core.counters import bump, next_value
from core.models import Sequence
from interaction.protection.models import RateLimitCounter
from search.models import SearchQueryDay


@pytest.mark.django_db
def test_sequences_start_at_one_and_count_per_key():
    assert [next_value("test/a"), next_value("test/a"), next_value("test/b"), next_value("test/a")] == [1, 2, 1, 3]
    assert Sequence.objects.get(key="test/a").last == 3


@pytest.mark.django_db
def test_bump_creates_with_defaults_then_increments_several_fields():
    key = {"date": timezone.localdate(), "scope": "public", "query": "计数测试"}
    first = bump(SearchQueryDay, key, {"searches": 1, "results_total": 7}, read="searches")
    second = bump(SearchQueryDay, key, {"searches": 1, "results_total": 3}, read="results_total")
    assert (first.created, first.value) == (True, 1)
    assert (second.created, second.value) == (False, 10)
    row = SearchQueryDay.objects.get(**key)
    assert (row.searches, row.results_total, row.clicks) == (2, 10, 0)


@pytest.mark.django_db
def test_bump_without_read_returns_no_value_and_keeps_defaults_only_on_creation():
    start = datetime(2030, 1, 1, tzinfo=UTC)
    key = {"scope": "test", "ip_hash": "x" * 64, "window_start": start}
    created = bump(RateLimitCounter, key, {"count": 1}, defaults={"expires_at": start + timedelta(hours=1)})
    again = bump(RateLimitCounter, key, {"count": 1}, defaults={"expires_at": start + timedelta(hours=9)})
    assert created.value is None and created.created and not again.created
    row = RateLimitCounter.objects.get(**key)
    assert (row.count, row.expires_at) == (2, start + timedelta(hours=1))
