"""The captcha of the public forms appears on the login form after the first failures."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings

from .conftest import PASSWORD, captcha_answer, fail_logins, logged_in_as, login_post

pytestmark = pytest.mark.django_db


def test_no_captcha_before_any_failure_and_after_one(browser, staff):
    page = browser.get("/admin/login/").content.decode()
    assert "captcha_0" not in page and "看不清" not in page
    assert "<title>职工登录 - 浦东环境网 · 局内网</title>" in page and "局内网 · 职工登录" in page
    fail_logins(browser, "wangfang", 1)
    assert "captcha_0" not in browser.get("/admin/login/").content.decode()


def test_after_two_failures_the_login_page_asks_for_the_captcha(browser, staff):
    fail_logins(browser, "wangfang", 1)
    response = login_post(browser, "wangfang", "wrong-Password-2")
    # The page answering the second failure already shows it, labelled and in Chinese.
    html = response.content.decode()
    assert "captcha_0" in html and "验证码" in html and 'alt="验证码图片"' in html
    assert "看不清？换一张" in html and "/static/protection/captcha.js" in html
    assert "captcha_0" in browser.get("/admin/login/").content.decode()


def test_the_right_password_without_the_captcha_is_refused_with_a_clear_error(browser, staff):
    fail_logins(browser, "wangfang", 2)
    failures = AccessAttempt.objects.get(username="wangfang").failures_since_start
    response = login_post(browser, "wangfang", PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "登录失败次数较多，请先输入验证码再登录。" in html and "请输入验证码。" in html
    assert logged_in_as(browser) is None
    # No password was checked, so nothing was counted either.
    assert AccessAttempt.objects.get(username="wangfang").failures_since_start == failures


def test_a_wrong_captcha_answer_is_refused_even_with_the_right_password(browser, staff):
    fail_logins(browser, "wangfang", 2)
    answer = captcha_answer(browser.get("/admin/login/").content.decode())
    response = login_post(browser, "wangfang", PASSWORD, **{**answer, "captcha_1": "WRONG"})
    assert "验证码不正确或已过期" in response.content.decode()
    assert logged_in_as(browser) is None


def test_the_right_captcha_and_password_log_in(browser, staff):
    fail_logins(browser, "wangfang", 2)
    answer = captcha_answer(browser.get("/admin/login/").content.decode())
    response = login_post(browser, "wangfang", PASSWORD, next_url="/admin/pages/", **answer)
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert logged_in_as(browser) == "wangfang"


def test_failures_of_the_account_from_elsewhere_also_bring_the_captcha(browser, staff):
    fail_logins(Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.5.5.5"), "wangfang", 2)
    # This browser's address has no failures: the login page shows no captcha at first...
    assert "captcha_0" not in browser.get("/admin/login/").content.decode()
    # ...but the account has, so the password is not checked until the captcha is answered.
    response = login_post(browser, "wangfang", PASSWORD)
    assert "请先输入验证码" in response.content.decode() and "captcha_0" in response.content.decode()
    response = login_post(browser, "wangfang", PASSWORD, **captcha_answer(response.content.decode()))
    assert response.status_code == 302


@override_settings(RECAPTCHA_PUBLIC_KEY="pub-key", RECAPTCHA_PRIVATE_KEY="priv-key")
def test_with_recaptcha_configured_the_login_uses_recaptcha(browser, staff):
    fail_logins(browser, "wangfang", 2)
    html = browser.get("/admin/login/").content.decode()
    assert "g-recaptcha" in html and "captcha_0" not in html
    response = login_post(browser, "wangfang", PASSWORD)
    assert "请先完成人机验证" in response.content.decode()
    assert logged_in_as(browser) is None


# Hostile input never gives a 500 -----------------------------------------------------------------


def has_nul(data):
    """A NUL anywhere in a form or query is refused with 400 before any view (security/headers.py)."""
    return any("\x00" in str(value) for value in data.values())


@pytest.mark.parametrize(
    "data",
    [
        {"username": "wang\x00fang", "password": "x"},
        {"username": "a" * 100_000, "password": "x"},
        {"username": "wangfang", "password": "p\x00ss" * 10_000},
        {"username": "wangfang", "password": PASSWORD, "captcha_0": "'; drop table", "captcha_1": "\x00"},
        {"username": ["a", "b"], "password": ""},
        {},
    ],
)
def test_hostile_login_posts_are_refused_calmly(browser, staff, data):
    fail_logins(browser, "wangfang", 2)  # so the captcha is in play
    response = browser.post("/admin/login/", data)
    assert response.status_code in ((400,) if has_nul(data) else (200, 429))
    assert logged_in_as(browser) is None


def test_hostile_unlock_requests_are_refused_calmly(login, info_centre_user, staff):
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, info_centre_user)
    for data in (
        {"kind": "ip_address", "value": "not-an-address"},
        {"kind": "username", "value": "x\x00y"},
        {"kind": "ip_address", "value": "1.2.3.4\x00"},
        {"kind": "username", "value": "a" * 10_000},
    ):
        response = client.post("/admin/security/lockouts/", data, follow=True)
        if has_nul(data):
            assert response.status_code == 400
            continue
        assert response.status_code == 200
        assert "解锁请求无效" in response.content.decode()


def test_hostile_audit_filters_are_ignored(login, info_centre_user):
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, info_centre_user)
    for params in (
        {"ip_address": "\x00"},
        {"timestamp_after": "9999-99-99"},
        {"kind": "nonsense"},
        {"username": "x" * 5000, "ordering": "password"},
        {"p": "-1"},
    ):
        assert client.get("/admin/security/audit/", params).status_code == (400 if has_nul(params) else 200)
