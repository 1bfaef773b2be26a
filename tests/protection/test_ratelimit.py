"""Per-client submission limits, kept in the database so every worker and host shares them."""

import datetime
import threading

import pytest
from django.db import connection, connections

from interaction.protection import ratelimit
from interaction.protection.models import RateLimitCounter
from interaction.protection.ratelimit import client_ip, rate_limit_message, rate_limited

from .conftest import FORM_DATA, FORM_URL

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    """The rate limiter's clock, starting at T0; advance with clock.now += timedelta(...)."""

    class Clock:
        now = T0

    monkeypatch.setattr(ratelimit, "_now", lambda: Clock.now)
    return Clock


def request_from(rf, ip, forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.post("/", **extra)


@pytest.mark.urls("tests.protection.urls")
def test_form_refuses_the_submission_over_the_limit_and_keeps_the_data(client, solved_captcha, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (3, 3600)
    for _ in range(3):
        assert client.post(FORM_URL, {**FORM_DATA, **solved_captcha()}).status_code == 201
    response = client.post(FORM_URL, {**FORM_DATA, **solved_captcha()})
    assert response.status_code == 429
    page = response.content.decode()
    assert "您提交得过于频繁，请稍后再试。" in page
    assert 'value="13800138000"' in page
    # Another visitor is not affected.
    other = {"REMOTE_ADDR": "198.51.100.20"}
    answer = solved_captcha(**other)
    assert client.post(FORM_URL, {**FORM_DATA, **answer}, **other).status_code == 201


def test_limit_plus_one_is_refused(rf, clock):
    request = request_from(rf, "203.0.113.5")
    assert [rate_limited(request, "complaints", limit=3, window=60) for _ in range(5)] == [
        False,
        False,
        False,
        True,
        True,
    ]


def test_defaults_come_from_settings(rf, clock, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (2, 600)
    request = request_from(rf, "203.0.113.5")
    assert [rate_limited(request, "letters") for _ in range(3)] == [False, False, True]
    assert RateLimitCounter.objects.get(scope="letters").expires_at == T0 + datetime.timedelta(seconds=600)


def test_other_ip_and_other_scope_are_counted_apart(rf, clock):
    first = request_from(rf, "203.0.113.5")
    for _ in range(3):
        rate_limited(first, "complaints", limit=2, window=60)
    assert rate_limited(first, "complaints", limit=2, window=60)
    assert not rate_limited(request_from(rf, "203.0.113.6"), "complaints", limit=2, window=60)
    assert not rate_limited(first, "polls", limit=2, window=60)


def test_the_limit_lifts_when_the_window_ends(rf, clock):
    request = request_from(rf, "203.0.113.5")
    clock.now = T0 + datetime.timedelta(seconds=10)
    for _ in range(3):
        rate_limited(request, "complaints", limit=2, window=3600)
    clock.now = T0 + datetime.timedelta(minutes=59, seconds=59)
    assert rate_limited(request, "complaints", limit=2, window=3600)
    clock.now = T0 + datetime.timedelta(hours=1)
    assert not rate_limited(request, "complaints", limit=2, window=3600)
    # The counter of the finished window was pruned when the new one opened.
    assert list(RateLimitCounter.objects.filter(scope="complaints").values_list("window_start", "count")) == [
        (T0 + datetime.timedelta(hours=1), 1)
    ]


def test_raw_ip_is_not_stored(rf, clock):
    rate_limited(request_from(rf, "203.0.113.77"), "complaints")
    counter = RateLimitCounter.objects.get(scope="complaints")
    assert "203.0.113.77" not in str(vars(counter))
    assert len(counter.ip_hash) == 64 and counter.ip_hash == ratelimit.hash_ip("203.0.113.77")


def test_ipv6_clients_are_counted_by_their_64_network(rf, clock):
    rate_limited(request_from(rf, "2001:db8:1:2::1"), "complaints", limit=1, window=60)
    assert rate_limited(request_from(rf, "2001:db8:1:2:ffff::9"), "complaints", limit=1, window=60)
    assert not rate_limited(request_from(rf, "2001:db8:1:3::1"), "complaints", limit=1, window=60)


def test_message():
    assert rate_limit_message() == "您提交得过于频繁，请稍后再试。"


def test_bad_arguments_are_refused(rf):
    with pytest.raises(ValueError):
        rate_limited(request_from(rf, "203.0.113.5"), "x" * 65)
    with pytest.raises(ValueError):
        rate_limited(request_from(rf, "203.0.113.5"), "complaints", window=0)


class TestClientIp:
    def test_without_proxies_forwarded_for_is_ignored(self, rf, settings):
        settings.NUM_PROXIES = 0
        assert client_ip(request_from(rf, "203.0.113.5", "198.51.100.1")) == "203.0.113.5"

    def test_behind_one_proxy_the_entry_it_appended_is_used(self, rf, settings):
        settings.NUM_PROXIES = 1
        # The client forged the first two entries; nginx appended the real address.
        request = request_from(rf, "10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.5")
        assert client_ip(request) == "203.0.113.5"

    def test_behind_two_proxies(self, rf, settings):
        settings.NUM_PROXIES = 2
        request = request_from(rf, "10.0.0.3", "1.1.1.1, 203.0.113.5, 10.0.0.2")
        assert client_ip(request) == "203.0.113.5"

    def test_missing_or_malformed_header_falls_back_to_remote_addr(self, rf, settings):
        settings.NUM_PROXIES = 2
        assert client_ip(request_from(rf, "10.0.0.3", "203.0.113.5")) == "10.0.0.3"
        assert client_ip(request_from(rf, "10.0.0.3")) == "10.0.0.3"
        assert client_ip(request_from(rf, "10.0.0.3", "not-an-ip, 10.0.0.2")) == "10.0.0.3"

    def test_spoofed_header_cannot_escape_the_limit(self, rf, clock, settings):
        settings.NUM_PROXIES = 1
        for n in range(3):
            request = request_from(rf, "10.0.0.2", f"198.51.100.{n}, 203.0.113.5")
            limited = rate_limited(request, "complaints", limit=2, window=60)
        assert limited


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrent writers")
def test_counter_is_exact_under_concurrency(rf):
    """Many threads, each with its own database connection (as separate workers would have),
    hit the same counter at once: no hit is lost and exactly `limit` are let through."""
    scope, threads_count, limit = "concurrency-test", 16, 5
    barrier = threading.Barrier(threads_count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(rate_limited(request_from(rf, "203.0.113.99"), scope, limit=limit, window=3600))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def in_own_connection(function):
        outcome = []
        thread = threading.Thread(target=lambda: (outcome.append(function()), connections.close_all()))
        thread.start()
        thread.join()
        return outcome[0]

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert results.count(False) == limit and results.count(True) == threads_count - limit
        count = in_own_connection(lambda: RateLimitCounter.objects.get(scope=scope).count)
        assert count == threads_count
    finally:
        # The threads committed outside this test's transaction: clean up the same way.
        in_own_connection(lambda: RateLimitCounter.objects.filter(scope=scope).delete())
