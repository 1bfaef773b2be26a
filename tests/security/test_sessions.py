"""Idle timeout and maximum age of a staff session."""

import time

import pytest
from django.conf import settings
from django.test import override_settings

from security.models import AuditEvent
from security.sessions import ACTIVE_KEY, STARTED_KEY

from .conftest import PASSWORD, logged_in_as, login_post

pytestmark = pytest.mark.django_db


def age_session(client, idle_minutes=0, since_login_minutes=0):
    session = client.session
    now = int(time.time())
    session[STARTED_KEY] = now - since_login_minutes * 60
    session[ACTIVE_KEY] = now - idle_minutes * 60
    session.save()


@pytest.fixture
def logged_in(browser, staff):
    assert login_post(browser, "wangfang", PASSWORD).status_code == 302
    return browser


def test_defaults_are_thirty_minutes_and_twelve_hours():
    assert settings.SESSION_IDLE_TIMEOUT == 30 and settings.SESSION_MAX_AGE == 12
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_activity_within_thirty_minutes_keeps_the_session(logged_in):
    age_session(logged_in, idle_minutes=29, since_login_minutes=60)
    assert logged_in.get("/admin/").status_code == 200
    assert int(time.time()) - logged_in.session[ACTIVE_KEY] < 5  # the request counted as activity


def test_thirty_minutes_idle_logs_out_and_the_login_page_says_why(logged_in, staff):
    age_session(logged_in, idle_minutes=31, since_login_minutes=40)
    response = logged_in.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    page = logged_in.get(response["Location"]).content.decode()
    assert "您已超过 30 分钟没有操作，为保护账号安全已自动退出，请重新登录。" in page
    assert logged_in_as(logged_in) is None
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SESSION_EXPIRED)
    assert event.user == staff and event.data == {"reason": "idle"}
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT).exists()
    # Logging in again leads back to where she was.
    response = login_post(logged_in, "wangfang", PASSWORD, next_url="/admin/pages/")
    assert response["Location"] == "/admin/pages/"


def test_the_intranet_sends_an_expired_session_to_the_login_and_back(staff, intranet_client):
    login_post(intranet_client, "wangfang", PASSWORD)
    assert intranet_client.get("/").status_code == 200
    age_session(intranet_client, idle_minutes=45, since_login_minutes=50)
    response = intranet_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=/")
    response = login_post(intranet_client, "wangfang", PASSWORD, next_url="/")
    assert response["Location"] == "/"
    assert intranet_client.get("/").status_code == 200


def test_twelve_hours_after_login_the_session_ends_even_when_active(logged_in):
    age_session(logged_in, idle_minutes=1, since_login_minutes=12 * 60 + 1)
    response = logged_in.get("/admin/")
    assert response.status_code == 302
    page = logged_in.get(response["Location"]).content.decode()
    assert "您本次登录已超过 12 小时" in page
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.SESSION_EXPIRED).data == {"reason": "max_age"}


@override_settings(SESSION_IDLE_TIMEOUT=5, SESSION_MAX_AGE=2)
def test_both_limits_are_configurable(logged_in):
    age_session(logged_in, idle_minutes=4, since_login_minutes=100)
    assert logged_in.get("/admin/").status_code == 200
    age_session(logged_in, idle_minutes=6, since_login_minutes=10)
    assert logged_in.get("/admin/").status_code == 302
    assert "5 分钟没有操作" in logged_in.get("/admin/login/").content.decode()


def test_the_editors_presence_ping_is_not_activity(logged_in):
    age_session(logged_in, idle_minutes=20, since_login_minutes=30)
    before = logged_in.session[ACTIVE_KEY]
    logged_in.post("/admin/editing-sessions/ping/wagtailcore/page/3/1/")
    assert logged_in.session[ACTIVE_KEY] == before
    age_session(logged_in, idle_minutes=31, since_login_minutes=40)
    logged_in.post("/admin/editing-sessions/ping/wagtailcore/page/3/1/")
    assert logged_in_as(logged_in) is None


def test_an_old_session_without_stamps_is_stamped_not_ended(logged_in):
    session = logged_in.session
    del session[STARTED_KEY], session[ACTIVE_KEY]
    session.save()
    assert logged_in.get("/admin/").status_code == 200
    assert STARTED_KEY in logged_in.session


@override_settings(
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions-test"}},
)
def test_timeouts_work_on_cached_db_sessions(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    assert logged_in_as(browser) == "wangfang"
    age_session(browser, idle_minutes=31, since_login_minutes=31)
    assert browser.get("/admin/").status_code == 302
    assert logged_in_as(browser) is None


def test_remember_me_keeps_the_cookie_no_longer_than_the_maximum_age(browser, staff):
    response = browser.post(
        "/admin/login/", {"username": "wangfang", "password": PASSWORD, "remember": "on", "next": "/admin/"}
    )
    assert response.cookies["sessionid"]["max-age"] == 12 * 3600


def redis_available():
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001 - any failure means: no server to test against
        return False
    return True


@pytest.mark.skipif(not redis_available(), reason="no Redis server on 127.0.0.1:6379")
def test_timeouts_work_on_cached_db_sessions_in_redis(browser, staff):
    """The production arrangement (REDIS_URL): sessions in Redis in front of the database."""
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"pdenv-auth-test-{time.time_ns()}",  # never touches anyone else's keys
    }
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db", CACHES={"default": redis_cache}):
        login_post(browser, "wangfang", PASSWORD)
        assert logged_in_as(browser) == "wangfang"
        age_session(browser, idle_minutes=10, since_login_minutes=10)
        assert browser.get("/admin/").status_code == 200
        age_session(browser, idle_minutes=31, since_login_minutes=31)
        assert browser.get("/admin/").status_code == 302
        assert logged_in_as(browser) is None
        from django.core.cache import cache

        cache.delete_many([f"django.contrib.sessions.cached_db{browser.cookies['sessionid'].value}"])
