"""Lockout after repeated failures, per account and per client address, and unlocking it."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.utils import timezone

from security.models import AuditEvent

from .conftest import INFO_CENTRE, PASSWORD, captcha_answer, logged_in_as, login_post

pytestmark = pytest.mark.django_db


def errors(response):
    return re.findall(r'<li class="error">(.*?)</li>', response.content.decode(), re.S)


def fail_with_captcha(client, username, times, password="wrong-Password-1"):
    """Wrong passwords, answering the captcha whenever the login page shows one (as a person would)."""
    response = None
    for _ in range(times):
        page = client.get("/admin/login/").content.decode()
        extra = captcha_answer(page) if "captcha_0" in page else {}
        response = login_post(client, username, password, **extra)
    return response


def test_fifth_wrong_password_locks_the_account_with_a_clear_message(browser, staff):
    response = fail_with_captcha(browser, "wangfang", 5)
    assert response.status_code == 429
    assert "网络地址登录失败次数过多" not in browser.get("/admin/login/").content.decode()  # the address is not locked
    [message] = errors(response)
    assert "该账号连续登录失败 5 次，已被暂时锁定" in message
    assert "约 30 分钟后" in message and "如需立即解锁，请联系信息中心" in message
    last = AccessAttempt.objects.filter(username="wangfang").latest("attempt_time").attempt_time
    assert f"请在 {timezone.localtime(last + timedelta(minutes=30)):%H:%M} 之后" in message

    # The right password no longer opens the account, from this browser or any other address.
    for client in (browser, Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.9.9.9")):
        page = client.get("/admin/login/").content.decode()
        extra = captcha_answer(page) if "captcha_0" in page else {}
        response = login_post(client, "wangfang", PASSWORD, **extra)
        assert response.status_code == 429
        assert "已被暂时锁定" in errors(response)[0]
        assert logged_in_as(client) is None


def test_wrong_passwords_say_so_plainly_and_warn_before_the_lock(browser, staff):
    messages = [errors(fail_with_captcha(browser, "wangfang", 1))[0] for _ in range(4)]
    assert messages[0] == messages[1] == "用户名或密码不正确，请重新输入。"
    assert messages[2] == "用户名或密码不正确，请重新输入。再输错 2 次，该账号将被锁定 30 分钟。"
    assert messages[3] == "用户名或密码不正确，请重新输入。再输错 1 次，该账号将被锁定 30 分钟。"
    # An account that does not exist gets exactly the same answers.
    other = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.6.6.6")
    assert [errors(fail_with_captcha(other, "nobody", 1))[0] for _ in range(4)] == messages


def test_four_failures_do_not_lock(browser, staff):
    fail_with_captcha(browser, "wangfang", 4)
    page = browser.get("/admin/login/").content.decode()
    response = login_post(browser, "wangfang", PASSWORD, **captcha_answer(page))
    assert response.status_code == 302
    assert logged_in_as(browser) == "wangfang"


def test_a_successful_login_forgets_the_accounts_failures(browser, staff):
    fail_with_captcha(browser, "wangfang", 4)
    page = browser.get("/admin/login/").content.decode()
    login_post(browser, "wangfang", PASSWORD, **captcha_answer(page))
    assert not AccessAttempt.objects.filter(username="wangfang").exists()


def test_the_lock_ends_by_itself_after_the_cool_off(browser, staff):
    fail_with_captcha(browser, "wangfang", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = login_post(browser, "wangfang", PASSWORD)
    assert response.status_code == 302
    assert logged_in_as(browser) == "wangfang"


@override_settings(LOGIN_LOCKOUT_IP_FAILURES=6)
def test_many_accounts_tried_from_one_address_lock_the_address(browser, make_staff):
    make_staff("lisi", first_name="李四")
    for name in ["zhangsan", "zhaoliu", "sunqi"]:
        fail_with_captcha(browser, name, 2)
    page = browser.get("/admin/login/").content.decode()
    response = login_post(browser, "lisi", PASSWORD, **captcha_answer(page))
    assert response.status_code == 429
    [message] = errors(response)
    assert "您所在的网络地址登录失败次数过多" in message and "请联系信息中心" in message
    assert logged_in_as(browser) is None
    # The login page says so before anything is typed.
    assert "您所在的网络地址登录失败次数过多" in browser.get("/admin/login/").content.decode()
    # Colleagues elsewhere are not affected.
    elsewhere = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.7.7.7")
    assert login_post(elsewhere, "lisi", PASSWORD).status_code == 302


@override_settings(NUM_PROXIES=1)
def test_behind_the_proxy_the_forwarded_client_address_is_what_gets_locked(staff, make_staff):
    make_staff("lisi", first_name="李四")

    def via_proxy(forwarded):
        return Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    attacker = via_proxy("1.2.3.4, 203.0.113.9")  # the left entry is the client's own claim
    with override_settings(LOGIN_LOCKOUT_IP_FAILURES=4):
        for name in ["a1", "a2"]:
            fail_with_captcha(attacker, name, 2)
        assert AccessAttempt.objects.filter(ip_address="203.0.113.9").count() == 2
        assert not AccessAttempt.objects.filter(ip_address__in=["1.2.3.4", "127.0.0.1"]).exists()
        # Changing the spoofable part does not escape the lock...
        response = login_post(via_proxy("5.6.7.8, 203.0.113.9"), "lisi", PASSWORD)
        assert response.status_code == 429
        # ...and another real client behind the same proxy logs in.
        assert login_post(via_proxy("198.51.100.20"), "lisi", PASSWORD).status_code == 302


def test_lockout_and_the_refused_attempts_are_audited_without_the_password(browser, staff):
    fail_with_captcha(browser, "wangfang", 5, password="Secret-Guess-42")
    fail_with_captcha(browser, "wangfang", 1, password="Another-Guess-43")
    events = AuditEvent.objects.filter(username="wangfang").order_by("pk")
    kinds = [e.kind for e in events]
    assert kinds.count(AuditEvent.Kind.LOGIN_FAILED) == 6
    assert kinds.count(AuditEvent.Kind.LOCKED_OUT) == 1
    locked = events.get(kind=AuditEvent.Kind.LOCKED_OUT)
    assert locked.user == staff and locked.ip_address == "10.1.2.3"
    assert "5 次" in locked.detail
    refused = events.filter(kind=AuditEvent.Kind.LOGIN_FAILED).last()
    assert "已锁定" in refused.detail
    for event in AuditEvent.objects.all():
        text = f"{event.detail}{event.data}{event.username}{event.user_agent}"
        assert "Secret-Guess" not in text and "Another-Guess" not in text


# Unlocking ---------------------------------------------------------------------------------------


@pytest.fixture
def locked_staff(browser, staff):
    fail_with_captcha(browser, "wangfang", 5)
    assert AccessAttempt.objects.filter(username="wangfang").exists()
    return staff


@pytest.fixture
def xxzx_client(login, info_centre_user):
    client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.0.0.8")
    login(client, info_centre_user)
    return client


def test_information_centre_sees_the_lock_and_unlocks_it(xxzx_client, locked_staff, browser):
    assert "/admin/security/lockouts/" in xxzx_client.get("/admin/").content.decode()  # in the menu
    page = xxzx_client.get("/admin/security/lockouts/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "已锁定" in html and "wangfang" in html and "解锁" in html
    response = xxzx_client.post("/admin/security/lockouts/", {"kind": "username", "value": "wangfang"})
    assert response.status_code == 302
    assert "已解除账号“wangfang”的登录锁定" in xxzx_client.get(response["Location"]).content.decode()
    assert not AccessAttempt.objects.filter(username="wangfang").exists()

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.UNLOCKED)
    assert event.user == locked_staff and event.actor_username == INFO_CENTRE and event.ip_address == "10.0.0.8"

    # She can log in now (her browser still answers the captcha: the address had failures).
    page = browser.get("/admin/login/").content.decode()
    extra = captcha_answer(page) if "captcha_0" in page else {}
    assert login_post(browser, "wangfang", PASSWORD, **extra).status_code == 302


def test_unlocking_an_address(xxzx_client, browser, staff):
    with override_settings(LOGIN_LOCKOUT_IP_FAILURES=4):
        for name in ["x1", "x2"]:
            fail_with_captcha(browser, name, 2)
        assert "10.1.2.3" in xxzx_client.get("/admin/security/lockouts/").content.decode()
        xxzx_client.post("/admin/security/lockouts/", {"kind": "ip_address", "value": "10.1.2.3"})
        assert login_post(browser, "wangfang", PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.UNLOCKED, data__value="10.1.2.3").exists()


def test_unlocking_what_is_not_locked_says_so(xxzx_client, staff):
    response = xxzx_client.post("/admin/security/lockouts/", {"kind": "username", "value": "wangfang"}, follow=True)
    assert "目前没有被锁定" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.UNLOCKED).exists()
    response = xxzx_client.post("/admin/security/lockouts/", {"kind": "password", "value": "x"}, follow=True)
    assert response.status_code == 200 and "解锁请求无效" in response.content.decode()


def test_ordinary_staff_cannot_unlock_even_by_typed_url(login, plain_staff, locked_staff):
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, plain_staff)
    assert "/admin/security/lockouts/" not in client.get("/admin/").content.decode()  # no menu item
    for response in (
        client.get("/admin/security/lockouts/"),
        client.post("/admin/security/lockouts/", {"kind": "username", "value": "wangfang"}),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(username="wangfang").exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.UNLOCKED).exists()


def test_anonymous_cannot_reach_the_lockout_page(browser, locked_staff):
    response = browser.get("/admin/security/lockouts/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
