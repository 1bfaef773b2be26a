"""The security audit log: what each event writes, who may browse and export it, retention."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone
from openpyxl import load_workbook

from security.checks import check_security_settings
from security.models import AuditEvent
from security.tasks import prune_security_audit

from .conftest import INFO_CENTRE, PASSWORD, ROOT, login_post

pytestmark = pytest.mark.django_db
Kind = AuditEvent.Kind


@pytest.fixture
def xxzx(login, info_centre_user):
    client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.0.0.8")
    login(client, info_centre_user)
    return client


@pytest.fixture
def superuser(login, root_user):
    client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.0.0.9")
    login(client, root_user)
    return client


def newest(kind, **filters):
    return AuditEvent.objects.filter(kind=kind, **filters).first()


def test_login_and_logout_are_recorded_with_address_and_browser(staff):
    client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Mozilla/5.0 测试")
    login_post(client, "wangfang", PASSWORD)
    event = newest(Kind.LOGIN)
    assert (event.user, event.username, event.actor) == (staff, "wangfang", staff)
    assert event.ip_address == "10.1.2.3" and event.user_agent == "Mozilla/5.0 测试"
    client.post("/admin/logout/")
    assert newest(Kind.LOGOUT, user=staff) is not None


def test_a_failed_login_keeps_the_name_typed_but_never_the_password(browser, staff):
    login_post(browser, "nobody-here", "Very-Secret-Guess-1")
    login_post(browser, "wangfang", "Other-Secret-Guess-2")
    unknown, known = AuditEvent.objects.filter(kind=Kind.LOGIN_FAILED).order_by("pk")
    assert unknown.username == "nobody-here" and unknown.user is None
    assert known.user == staff and known.detail == "用户名或密码错误"
    for event in AuditEvent.objects.all():
        values = " ".join(str(getattr(event, f.attname)) for f in AuditEvent._meta.fields)
        assert "Secret-Guess" not in values


def edit_user(client, user, **changes):
    data = {
        "username": user.username, "first_name": user.first_name or "芳", "last_name": user.last_name or "王",
        "email": user.email or f"{user.username}@example.com", "password1": "", "password2": "",
        "is_active": "on" if user.is_active else "", "groups": [g.pk for g in user.groups.all()],
        **changes,
    }
    if data.get("is_superuser") is False:
        data.pop("is_superuser")
    return client.post(f"/admin/users/edit/{user.pk}/", {k: v for k, v in data.items() if v not in ("", None)})


def test_group_changes_made_in_the_admin_name_the_groups_and_the_administrator(xxzx, staff):
    reviewers = Group.objects.get(name="审核员")
    staff_group = Group.objects.get(name="全体职工")
    response = edit_user(xxzx, staff, groups=[staff_group.pk, reviewers.pk])
    assert response.status_code == 302, response.content.decode()[:3000]
    event = newest(Kind.GROUPS_CHANGED, user=staff)
    assert event.detail == "加入：审核员" and event.actor_username == INFO_CENTRE and event.ip_address == "10.0.0.8"
    edit_user(xxzx, staff, groups=[reviewers.pk])
    assert newest(Kind.GROUPS_CHANGED, user=staff).detail == "移出：全体职工"


def test_group_membership_changed_from_either_side_or_cleared(staff):
    reviewers = Group.objects.get(name="审核员")
    reviewers.user_set.add(staff)
    assert newest(Kind.GROUPS_CHANGED, user=staff).detail == "加入：审核员"
    staff.groups.clear()
    assert newest(Kind.GROUPS_CHANGED, user=staff).detail == "移出：全体职工、审核员"
    assert newest(Kind.GROUPS_CHANGED, user=staff).actor_username == ""  # no request: the system


def test_permission_changes_of_users_and_groups(staff):
    permission = Permission.objects.get(codename="view_auditevent")
    staff.user_permissions.add(permission)
    event = newest(Kind.USER_PERMISSIONS_CHANGED, user=staff)
    assert event.detail.startswith("加入：") and "security.view_auditevent" in event.detail
    reviewers = Group.objects.get(name="审核员")
    reviewers.permissions.add(permission)
    event = newest(Kind.GROUP_PERMISSIONS_CHANGED)
    assert event.username == "用户组：审核员" and "security.view_auditevent" in event.detail
    reviewers.permissions.remove(permission)
    assert newest(Kind.GROUP_PERMISSIONS_CHANGED).detail.startswith("移出：")


def test_superuser_and_active_flags(superuser, staff):
    edit_user(superuser, staff, is_superuser="on")
    event = newest(Kind.ACCOUNT_FLAGS_CHANGED, user=staff)
    assert event.detail == "超级管理员：否→是" and event.actor_username == ROOT
    staff.refresh_from_db()
    staff.is_active = False
    staff.save()
    assert newest(Kind.ACCOUNT_FLAGS_CHANGED, user=staff).detail == "账号启用：是→否"


def test_an_ordinary_save_or_login_records_no_flag_change(browser, staff):
    staff.first_name = "王小芳"
    staff.save()
    login_post(browser, "wangfang", PASSWORD)  # updates last_login
    assert not AuditEvent.objects.filter(kind=Kind.ACCOUNT_FLAGS_CHANGED).exists()


def test_created_and_deleted_accounts(make_staff):
    user = make_staff("temp_user", groups=())
    assert newest(Kind.USER_CREATED, username="temp_user") is not None
    user.delete()
    assert newest(Kind.USER_DELETED, username="temp_user") is not None


# Browsing and exporting --------------------------------------------------------------------------


def test_information_centre_browses_and_filters_the_log(xxzx, browser, staff):
    login_post(browser, "wangfang", "Wrong-Password-9")
    page = xxzx.get("/admin/security/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "安全审计日志" in html and "登录失败" in html and "wangfang" in html
    filtered = re.sub(r"\s+", " ", xxzx.get("/admin/security/audit/", {"kind": "login_failed"}).content.decode())
    assert "<td > 登录失败 </td>" in filtered and "<td > 新建账号 </td>" not in filtered
    assert "<td > 新建账号 </td>" in re.sub(r"\s+", " ", html)
    assert "/admin/security/audit/" in xxzx.get("/admin/").content.decode()  # in the menu


def test_export_to_csv_and_xlsx_in_chinese(xxzx, browser, staff):
    login_post(browser, "=HYPERLINK(\"http://evil\")", "Wrong-Password-9")
    response = xxzx.get("/admin/security/audit/", {"kind": "login_failed", "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["时间", "事件", "账号", "操作人", "来源地址", "浏览器", "说明"]
    assert rows[1][1] == "登录失败" and rows[1][2] == "'=HYPERLINK(\"http://evil\")"  # stays text
    assert rows[1][4] == "10.1.2.3"

    response = xxzx.get("/admin/security/audit/", {"kind": "login_failed", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("时间", "事件", "账号") and values[1][1] == "登录失败"
    assert str(values[1][0]).startswith(timezone.localtime().strftime("%Y-%m-%d"))


@pytest.mark.parametrize("url", ["/admin/security/audit/", "/admin/security/audit/?export=csv", "/admin/security/audit/results/"])
def test_ordinary_staff_cannot_browse_or_export(login, plain_staff, url):
    client = Client(HTTP_HOST="intranet.localhost")
    login(client, plain_staff)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "/admin/security/audit/" not in client.get("/admin/").content.decode()


# Retention ---------------------------------------------------------------------------------------


def aged(days, kind=Kind.LOGIN):
    return AuditEvent.objects.create(kind=kind, username=f"aged-{days}", timestamp=timezone.now() - timedelta(days=days))


def test_prune_keeps_a_year_by_default():
    old, recent = aged(400), aged(300)
    out = io.StringIO()
    call_command("prune_security_audit", stdout=out)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert "保存期限 365 天" in out.getvalue() and "1 条" in out.getvalue()


@override_settings(SECURITY_AUDIT_RETENTION_DAYS=200)
def test_prune_as_a_background_task():
    old, recent = aged(201), aged(199)
    result = prune_security_audit.enqueue()
    assert result.return_value == 1
    assert AuditEvent.objects.filter(pk=recent.pk).exists() and not AuditEvent.objects.filter(pk=old.pk).exists()


@override_settings(SECURITY_AUDIT_RETENTION_DAYS=90)
def test_less_than_six_months_is_refused():
    event = aged(100)
    with pytest.raises(CommandError, match="不能少于 183 天"):
        call_command("prune_security_audit", stdout=io.StringIO())
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    [error] = check_security_settings()
    assert error.id == "security.E001"
    assert check_security_settings.__module__ == "security.checks"


def test_default_retention_passes_the_check():
    assert check_security_settings() == []


# Page and collection permissions of a group, edited in the admin's group form ----------------------


def form_data(html, form_selector="form[method=post]"):
    """What a browser would submit for the page's form, as the user left it."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button"):
            continue
        if field.name == "select":
            values = [o.get("value") for o in field.select("option[selected]")]
            if values:
                data.setdefault(name, []).extend(values)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_page_permissions_changed_in_the_group_form_are_recorded(superuser):
    from wagtail.models import GroupPagePermission

    group = Group.objects.get(name="审核员")
    url = f"/admin/groups/edit/{group.pk}/"
    data = form_data(superuser.get(url).content.decode(), "form[action='%s']" % url)
    # Untick "lock" and "unlock" on every page the reviewers hold.
    data = {
        key: [v for v in values if not v.endswith(("lock_page", "unlock_page"))] if isinstance(values, list) else values
        for key, values in data.items()
    }
    lock_ids = {str(pk) for pk in GroupPagePermission.objects.filter(
        group=group, permission__codename__in=["lock_page", "unlock_page"]).values_list("permission_id", flat=True)}
    data = {k: [v for v in vs if v not in lock_ids] if isinstance(vs, list) and k.endswith("-permissions") else vs
            for k, vs in data.items()}
    before = GroupPagePermission.objects.filter(group=group).count()
    response = superuser.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert GroupPagePermission.objects.filter(group=group).count() < before
    event = newest(Kind.GROUP_PERMISSIONS_CHANGED)
    assert event.username == "用户组：审核员" and event.actor_username == ROOT
    assert "移出：" in event.detail and "锁定页面" in event.detail and "解锁页面" in event.detail
    assert "加入" not in event.detail


def test_saving_the_group_form_unchanged_records_nothing(superuser):
    group = Group.objects.get(name="审核员")
    url = f"/admin/groups/edit/{group.pk}/"
    data = form_data(superuser.get(url).content.decode(), "form[action='%s']" % url)
    assert superuser.post(url, data).status_code == 302
    assert not AuditEvent.objects.filter(kind=Kind.GROUP_PERMISSIONS_CHANGED).exists()


def test_model_permissions_changed_in_the_group_form_give_one_net_entry(superuser):
    group = Group.objects.get(name="信息中心管理员")
    url = f"/admin/groups/edit/{group.pk}/"
    data = form_data(superuser.get(url).content.decode(), "form[action='%s']" % url)
    redirect_perm = Permission.objects.get(codename="delete_redirect")
    assert str(redirect_perm.pk) in data["permissions"]
    data["permissions"] = [pk for pk in data["permissions"] if pk != str(redirect_perm.pk)]
    assert superuser.post(url, data).status_code == 302
    [event] = AuditEvent.objects.filter(kind=Kind.GROUP_PERMISSIONS_CHANGED)
    assert event.detail.startswith("移出：") and "wagtailredirects.delete_redirect" in event.detail
    assert "加入" not in event.detail
    assert not group.permissions.filter(pk=redirect_perm.pk).exists()
