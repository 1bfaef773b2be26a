"""Password rules (length, character classes, history) and expiry, with Chinese messages."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone, translation

from security.models import AuditEvent, PasswordHistory
from security.passwords import character_classes

from .conftest import PASSWORD, login_post

pytestmark = pytest.mark.django_db


def messages_for(password, user=None):
    with translation.override("zh-hans"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


def test_the_demo_password_passes():
    assert messages_for("Pudong@2026") == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab1!xyz", "密码太短：至少需要 10 个字符，当前只有 7 个。"),
        ("abcdefghij1", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"),
        ("ABCDEFGHIJK", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"),
        ("12345678901", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, expected):
    assert expected in messages_for(password)


@pytest.mark.parametrize("password", ["Abcdefghij1", "abcdefghi1!", "ABCDEFGH1!x", "环境保护Abc123"])
def test_three_classes_of_ten_characters_pass(password):
    assert messages_for(password) == []


def test_character_classes():
    assert character_classes("aA1!") == {"大写字母", "小写字母", "数字", "符号"}
    assert character_classes("环境abc") == {"小写字母", "符号"}


def change_password(client, old, new):
    return client.post(
        "/admin/account/",
        {"password-old_password": old, "password-new_password1": new, "password-new_password2": new,
         "name_email-first_name": "芳", "name_email-last_name": "王", "name_email-email": "wangfang@example.com",
         "locale-preferred_language": "zh-hans", "locale-current_time_zone": "Asia/Shanghai",
         "theme-theme": "system", "theme-density": "default", "theme-contrast": "system"},
    )


def test_no_reuse_of_the_last_five_passwords(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    passwords = [PASSWORD] + [f"Pudong#20{n}x" for n in range(31, 36)]
    for old, new in zip(passwords, passwords[1:]):
        response = change_password(browser, old, new)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert PasswordHistory.objects.filter(user=staff).count() == 5
    # The last five (the current one included) are refused, with a message in Chinese...
    current = passwords[-1]
    for reused in passwords[-5:]:
        response = change_password(browser, current, reused)
        assert response.status_code == 200
        assert "不能使用最近 5 次用过的密码" in response.content.decode()
    # ...the sixth-last is allowed again.
    assert change_password(browser, current, passwords[0]).status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_history_is_refused_on_the_user_edit_form_too(login, info_centre_user, staff):
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, info_centre_user)
    response = client.post(
        f"/admin/users/edit/{staff.pk}/",
        {"username": "wangfang", "email": "", "first_name": "芳", "last_name": "王",
         "password1": PASSWORD, "password2": PASSWORD, "is_active": "on", "groups": []},
    )
    assert "不能使用最近 5 次用过的密码" in response.content.decode()


def test_history_keeps_hashes_never_passwords(staff):
    [entry] = PasswordHistory.objects.filter(user=staff)
    assert PASSWORD not in entry.password_hash and entry.password_hash == staff.password


def test_a_password_change_is_audited(browser, staff):
    login_post(browser, "wangfang", PASSWORD)
    change_password(browser, PASSWORD, "Zhangjiang$2032")
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_CHANGED).first()  # newest
    assert event.user == staff and event.actor == staff and event.detail == "本人修改密码"
    assert "Zhangjiang" not in f"{event.detail}{event.data}"


def test_expiry_is_off_by_default(browser, staff):
    PasswordHistory.objects.filter(user=staff).update(created_at=timezone.now() - timedelta(days=3000))
    login_post(browser, "wangfang", PASSWORD)
    assert browser.get("/admin/").status_code == 200


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_an_expired_password_must_be_changed_after_login(browser, staff):
    PasswordHistory.objects.filter(user=staff).update(created_at=timezone.now() - timedelta(days=91))
    response = login_post(browser, "wangfang", PASSWORD, next_url="/")
    assert response["Location"] == "/"
    for url in ["/", "/admin/", "/bgzn/txl/"]:
        response = browser.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/account/", url
    page = browser.get("/admin/account/").content.decode()
    assert "您的密码已使用超过 90 天，请先在“密码”一栏修改密码后再继续使用。" in page
    assert change_password(browser, PASSWORD, "Zhangjiang$2032").status_code == 302
    assert browser.get("/").status_code == 200 and browser.get("/admin/").status_code == 200


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_a_recent_password_is_not_expired(browser, staff):
    PasswordHistory.objects.filter(user=staff).update(created_at=timezone.now() - timedelta(days=89))
    login_post(browser, "wangfang", PASSWORD)
    assert browser.get("/").status_code == 200

