"""Redis stopped mid-run: pages still render (cache misses, not exceptions) and a logged-in
staff member stays logged in (cached_db sessions fall back to the database).

Starts a real redis-server of its own on a spare port (never the machine's shared one)."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.test import Client

from config.cache import ResilientRedisCache

from .conftest import INTRANET_HOST, PUBLIC_HOST, page_urls

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which(REDIS_SERVER):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    import redis

    port = free_port()
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)

    def stop():
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)

    yield port, client, stop
    stop()


@pytest.fixture
def redis_settings(settings, redis_server):
    port, client, stop = redis_server
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "pdenv-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return client, stop


def test_pages_and_sessions_survive_redis_stopping(redis_settings, public_home, intranet_home, staff_user):
    redis_client, stop = redis_settings
    visitor = Client(HTTP_HOST=PUBLIC_HOST)
    staff = Client(HTTP_HOST=INTRANET_HOST)
    staff.force_login(staff_user)
    public_pages = page_urls(public_home)[:12] + ["/search/?q=环境"]
    intranet_pages = [url for url in page_urls(intranet_home) if not url.endswith("rss/")][:6]

    for url in public_pages:
        assert visitor.get(url).status_code in (200, 302), url
    home = staff.get("/")
    assert home.status_code == 200 and "退出" in home.content.decode()  # logged in
    assert redis_client.dbsize() > 0  # menus and the session really live in Redis

    stop()  # Redis goes away mid-run

    started = time.monotonic()
    for url in public_pages:
        assert visitor.get(url).status_code in (200, 302), url
    for url in intranet_pages:
        response = staff.get(url)
        assert response.status_code == 200, url
        assert "退出" in response.content.decode(), f"{url}: the staff member was logged out"
    assert staff.get("/admin/").status_code == 200
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"pages took {elapsed:.1f} s without Redis"

    # A new login and a logout still work without Redis.
    newcomer = Client(HTTP_HOST=INTRANET_HOST)
    newcomer.force_login(staff_user)
    assert "退出" in newcomer.get("/").content.decode()
    newcomer.logout()
    assert "退出" not in newcomer.get("/").content.decode()


def test_the_cache_answers_like_an_empty_one_when_redis_is_unreachable(caplog):
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    )
    ResilientRedisCache._last_logged = 0.0
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert cache.get("menu", "miss") == "miss"
        cache.set("menu", [1, 2])
        assert cache.add("menu", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.has_key("a") is False and cache.delete("a") is False and cache.touch("a") is False
        cache.delete_many(["a"])
        assert cache.get_or_set("computed", lambda: 42) == 42
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.clear() is False
    warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 1 and "Redis cache unavailable" in warnings[0].getMessage()  # not one per call


def test_production_settings_use_the_resilient_cache_and_db_backed_sessions():
    import os
    import sys
    from pathlib import Path

    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "REDIS_URL": "redis://127.0.0.1:1/0"}
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["config.cache.ResilientRedisCache", "django.contrib.sessions.backends.cached_db"]
