"""End-to-end fixtures: a real gunicorn server on the session's test database (already filled by
`load_demo`) and Playwright driving Debian's Chromium.

The e2e tests run last in the session (see tests/conftest.py) because what they submit through
the browser is committed. Without /usr/bin/chromium they are skipped, unless E2E_REQUIRED=1
(CI sets it), in which case they fail."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "var" / "screenshots"


@dataclass
class LiveSite:
    public_url: str
    intranet_url: str
    port: int


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(settings_dict):
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def _wait_until_up(url, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("测试服务器启动失败")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"测试服务器未在 {timeout} 秒内就绪")


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    from django.conf import settings
    from django.db import connection

    with django_db_blocker.unblock():
        connection.close()
    port = _free_port()
    if "test" not in str(connection.settings_dict["NAME"]):
        pytest.fail("the browser tests must run on the test database (see tests/e2e/test_000_database.py)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SITE_PORT": str(port),
        "CAPTCHA_TEST_MODE": "1",
    }
    # One log per test database: the SQLite and PostgreSQL runs of .ci/run go side by side.
    log_name = Path(str(connection.settings_dict["NAME"])).stem
    log = open(ROOT / "var" / f"e2e-server-{log_name}.log", "w")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py",
         "-b", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/robots.txt", proc)
        yield LiveSite(f"http://localhost:{port}", f"http://intranet.localhost:{port}", port)
    finally:
        # SIGINT is gunicorn's quick shutdown, yet its workers linger several seconds at exit
        # (SIGTERM's graceful shutdown took ~9 s): the session is over, so after a short grace the
        # server's own process group is killed, and waited for before the test database is dropped.
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # the group may have exited meanwhile
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 but Chromium is not installed at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_failed = report.failed


@pytest.fixture
def browser_page(browser, request):
    """A fresh browser tab (own cookies) at desktop size; its last view is kept if the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    if getattr(request.node, "e2e_failed", False):
        screenshot(page, f"FAILED-{request.node.name}")
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    """Keep a picture of what the journey saw (var/screenshots/), for people to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


def staff_login(page, base_url, username, password="Pudong@2026", next_path="/"):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
