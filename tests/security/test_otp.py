"""TOTP second factor: enrolment, the code after the password, and compulsory enrolment."""

import re

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.middleware import always_allowed
from security.models import AuditEvent

from tests.factories import TEST_PASSWORD

from .conftest import INFO_CENTRE, PASSWORD, logged_in_as, login_post

pytestmark = pytest.mark.django_db


def code_for(device, offset_steps=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps):06d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)


def reset_throttle(device):
    device.refresh_from_db()
    device.throttle_reset()


# Enrolment ---------------------------------------------------------------------------------------


def test_staff_can_enrol_from_the_account_page(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    assert "双因素认证" in browser.get("/admin/account/").content.decode()
    status = browser.get("/admin/security/account/otp/").content.decode()
    assert "双因素认证尚未启用" in status

    page = browser.get("/admin/security/otp/setup/?next=/admin/security/account/otp/").content.decode()
    assert "身份验证器配置二维码" in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'viewBox="0 0' in svg and "<path " in svg and "svg:" not in svg  # drawn inside HTML
    secret = re.search(r'class="security-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert secret.replace(" ", "") in device.config_url

    # A wrong code is refused in Chinese and nothing is confirmed.
    response = browser.post("/admin/security/otp/setup/", {"token": "000000", "next": "/admin/"})
    assert "动态验证码不正确或已过期" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()

    reset_throttle(device)
    response = browser.post(
        "/admin/security/otp/setup/", {"token": code_for(device), "next": "/admin/security/account/otp/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/security/account/otp/"
    device.refresh_from_db()
    assert device.confirmed
    assert "您的账号已启用双因素认证" in browser.get("/admin/security/account/otp/").content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_ENROLLED, user=staff).exists()


def test_reloading_the_set_up_page_gives_a_new_secret(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    browser.get("/admin/security/otp/setup/")
    first = TOTPDevice.objects.get(user=staff).key
    browser.get("/admin/security/otp/setup/")
    assert TOTPDevice.objects.get(user=staff).key != first  # one unconfirmed device, a fresh key


# Logging in with the second factor ---------------------------------------------------------------


@pytest.fixture
def staff_with_device(staff):
    return staff, enrolled(staff)


def test_after_the_password_the_code_is_asked_before_anything_else(browser, staff_with_device):
    staff, device = staff_with_device
    response = login_post(browser, "wangfang", PASSWORD, next_url="/")
    assert response["Location"] == "/"
    for url in ["/", "/admin/", "/admin/account/", "/admin/security/account/otp/", "/bgzn/txl/"]:
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/security/otp/verify/?next="), url
    page = browser.get("/admin/security/otp/verify/?next=/").content.decode()
    assert "请输入动态验证码" in page and "退出登录" in page
    # A half-logged-in session cannot turn the second factor off.
    browser.post("/admin/security/account/otp/")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    # Nor set up another authenticator in its place.
    response = browser.get("/admin/security/otp/setup/")
    assert response["Location"].startswith("/admin/security/otp/verify/")


def test_a_wrong_code_is_refused_and_audited(browser, staff_with_device):
    staff, device = staff_with_device
    login_post(browser, "wangfang", PASSWORD)
    response = browser.post("/admin/security/otp/verify/", {"token": "123456", "next": "/"})
    assert response.status_code == 200
    assert "动态验证码不正确或已过期" in response.content.decode()
    assert browser.get("/").status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_FAILED, user=staff).count() == 1
    # Wrong codes slow down: straight after a failure even the right code must wait.
    response = browser.post("/admin/security/otp/verify/", {"token": code_for(device), "next": "/"})
    assert "请稍等几秒后再试" in response.content.decode()


def test_the_right_code_opens_the_session(browser, staff_with_device):
    staff, device = staff_with_device
    login_post(browser, "wangfang", PASSWORD)
    response = browser.post("/admin/security/otp/verify/", {"token": code_for(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert browser.get("/").status_code == 200 and browser.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_VERIFIED, user=staff).exists()


def test_a_used_code_cannot_be_replayed_in_another_session(browser, staff_with_device):
    staff, device = staff_with_device
    code = code_for(device)
    login_post(browser, "wangfang", PASSWORD)
    browser.post("/admin/security/otp/verify/", {"token": code, "next": "/"})
    other = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.8.8.8")
    login_post(other, "wangfang", PASSWORD)
    response = other.post("/admin/security/otp/verify/", {"token": code, "next": "/"})
    assert "动态验证码不正确或已过期" in response.content.decode()
    assert other.get("/").status_code == 302


def test_the_next_parameter_cannot_lead_off_site(browser, staff_with_device):
    staff, device = staff_with_device
    login_post(browser, "wangfang", PASSWORD)
    response = browser.post("/admin/security/otp/verify/", {"token": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_staff_may_turn_an_optional_second_factor_off(browser, staff_with_device):
    staff, device = staff_with_device
    login_post(browser, "wangfang", PASSWORD)
    browser.post("/admin/security/otp/verify/", {"token": code_for(device), "next": "/"})
    browser.post("/admin/security/account/otp/")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_REMOVED, user=staff).exists()


# Compulsory for administrators -------------------------------------------------------------------


@override_settings(OTP_REQUIRED=True)
@pytest.mark.parametrize("who", ["info_centre_user", "root_user"])
def test_required_users_without_an_authenticator_must_enrol_first(request, who):
    username = request.getfixturevalue(who).username
    client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.4.4.4")
    login_post(client, username, TEST_PASSWORD, next_url="/admin/pages/")
    for url in ["/admin/pages/", "/admin/", "/admin/security/audit/", "/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/security/otp/setup/?next="), url
    page = client.get("/admin/security/otp/setup/?next=/admin/pages/").content.decode()
    assert "必须启用双因素认证后才能继续使用" in page
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    response = client.post("/admin/security/otp/setup/", {"token": code_for(device), "next": "/admin/pages/"})
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    # Required users cannot turn it off.
    client.post("/admin/security/account/otp/")
    assert TOTPDevice.objects.filter(user__username=username, confirmed=True).exists()


@override_settings(OTP_REQUIRED=True)
def test_ordinary_staff_are_not_forced_even_when_required_for_administrators(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    assert browser.get("/admin/").status_code == 200


def test_second_factor_is_not_required_in_development_and_tests(browser, info_centre_user):
    assert logged_in_as(browser) is None
    assert login_post(browser, INFO_CENTRE, TEST_PASSWORD).status_code == 302
    assert browser.get("/admin/").status_code == 200


# Reset by the information centre -----------------------------------------------------------------


def test_information_centre_resets_a_lost_authenticator(login, info_centre_user, staff_with_device):
    staff, device = staff_with_device
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, info_centre_user)
    listing = client.get("/admin/users/?q=wangfang").content.decode()
    assert f"/admin/security/users/{staff.pk}/reset-otp/" in listing
    assert "确定要重置账号“wangfang”" in client.get(f"/admin/security/users/{staff.pk}/reset-otp/").content.decode()
    client.post(f"/admin/security/users/{staff.pk}/reset-otp/")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.OTP_REMOVED)
    assert event.user == staff and event.actor_username == INFO_CENTRE


def test_ordinary_staff_cannot_reset_someone_elses_second_factor(login, plain_staff, staff_with_device):
    staff, device = staff_with_device
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, plain_staff)
    for response in (
        client.get(f"/admin/security/users/{staff.pk}/reset-otp/"),
        client.post(f"/admin/security/users/{staff.pk}/reset-otp/"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_an_authenticator_reset_while_logging_in_lets_optional_users_through(browser, staff_with_device):
    staff, device = staff_with_device
    login_post(browser, "wangfang", PASSWORD)
    assert browser.get("/").status_code == 302
    device.delete()
    response = browser.get("/admin/security/otp/verify/?next=/")
    assert response["Location"] == "/"
    assert browser.get("/").status_code == 200


# The pages a half-logged-in user may reach ---------------------------------------------------------


def test_always_allowed_paths_follow_the_urlconf_in_use(settings):
    """Reversed per URLconf, not once per process: a process serving another URLconf (a test,
    a per-host URLconf) gets that URLconf's paths, and the first one's are not reused."""
    assert always_allowed("/admin/logout/") and always_allowed("/admin/security/otp/verify/")
    assert not always_allowed("/prefixed/admin/logout/")
    settings.ROOT_URLCONF = "tests.security.urls_prefixed"
    assert always_allowed("/prefixed/admin/logout/") and always_allowed("/prefixed/admin/security/otp/verify/")
    assert not always_allowed("/admin/logout/")
    assert always_allowed(settings.STATIC_URL + "x.css")
    settings.ROOT_URLCONF = "config.urls"
    assert always_allowed("/admin/logout/")
