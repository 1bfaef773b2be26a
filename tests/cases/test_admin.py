"""The staff side of public cases in the Wagtail admin: scope, masking, audit, transitions."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook

from interaction.cases import workflow
from interaction.cases.models import CaseLogEntry
from interaction.cases.choices import Channel, ExtensionStatus, Status
from interaction.cases.deadlines import reminder_horizon
from interaction.cases.models import Case, ReplyTemplate
from interaction.cases.roles import ADMIN_GROUP, HANDLER_GROUP, REVIEWER_GROUP, setup_case_roles

from tests.factories import SuperuserFactory

from .conftest import CITIZEN, DISCLOSURE_ID_NUMBER

pytestmark = pytest.mark.django_db

MASKED_NAME = "欧**"
MASKED_PHONE = "139****5678"


def case_url(name, *args):
    return reverse(Case.snippet_viewset.get_url_name(name), args=args)


def list_url(**params):
    from urllib.parse import urlencode

    base = case_url("list")
    return f"{base}?{urlencode(params)}" if params else base


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def log_actions(case):
    return [e.action for e in CaseLogEntry.objects.for_instance(case).order_by("timestamp", "pk")]


def last_log(case):
    return CaseLogEntry.objects.for_instance(case).order_by("-timestamp", "-pk").first()


def is_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and an error
    message (a real 403 only for XHR); either is a refusal."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def assert_no_personal_data(text):
    for value in CITIZEN.values():
        assert value not in text
    assert DISCLOSURE_ID_NUMBER not in text


# --- Roles -----------------------------------------------------------------------------------


def test_setup_case_roles_is_idempotent_and_grants_the_documented_rights():
    first = setup_case_roles()
    second = setup_case_roles()
    assert {name: g.pk for name, g in first.items()} == {name: g.pk for name, g in second.items()}

    def perms(name):
        return {f"{p.content_type.app_label}.{p.codename}" for p in second[name].permissions.select_related("content_type")}

    assert {"cases.view_case", "cases.change_case", "cases.view_replytemplate"} <= perms(HANDLER_GROUP)
    assert not {"cases.dispatch_case", "cases.view_all_cases", "cases.view_personal_data"} & perms(HANDLER_GROUP)
    assert {
        "cases.dispatch_case", "cases.review_case", "cases.view_all_cases", "cases.view_personal_data",
        "cases.change_case", "cases.view_case", "cases.add_replytemplate", "cases.change_replytemplate",
        "cases.delete_replytemplate", "cases.change_casesettings",
    } <= perms(ADMIN_GROUP)
    assert {"cases.review_case", "cases.view_all_cases", "cases.view_case", "cases.change_case"} <= perms(REVIEWER_GROUP)
    assert "cases.view_personal_data" not in perms(REVIEWER_GROUP)
    # Handlers and the information centre register cases from the hotline, letters and visits
    # (the add permission); nobody but a superuser deletes one.
    assert "cases.add_case" in perms(HANDLER_GROUP) and "cases.add_case" in perms(ADMIN_GROUP)
    assert "cases.add_case" not in perms(REVIEWER_GROUP)
    assert not any(p.endswith("delete_case") for name in first for p in perms(name))


# --- Listing scope and masking -----------------------------------------------------------------


def test_listing_shows_each_user_only_the_cases_in_scope(client, case_factory, dept_a, dept_b, handler_a, handler_b, info_centre):
    own = case_factory.processing(dept_a)
    other = case_factory.processing(dept_b)
    co_handled = case_factory.processing(dept_b, co_departments=[dept_a])

    page = logged_in(handler_a).get(list_url()).content.decode()
    assert own.reference in page and co_handled.reference in page
    assert other.reference not in page

    page = logged_in(handler_b).get(list_url()).content.decode()
    assert other.reference in page and co_handled.reference in page
    assert own.reference not in page

    centre = logged_in(info_centre)
    for case in (own, other, co_handled):
        assert case.reference in centre.get(list_url(q=case.reference)).content.decode()

    response = client.get(list_url())
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_listing_masks_personal_data_and_marks_deadlines(case_factory, dept_a, handler_a):
    overdue = case_factory.processing(dept_a, title="超期的投诉")
    soon = case_factory.processing(dept_a, title="即将到期的投诉")
    today = timezone.localdate()
    Case.objects.filter(pk=overdue.pk).update(due_date=today - timezone.timedelta(days=3))
    Case.objects.filter(pk=soon.pk).update(due_date=reminder_horizon(today))

    page = logged_in(handler_a).get(list_url()).content.decode()
    assert_no_personal_data(page)
    assert MASKED_NAME in page
    assert "case-deadline--overdue" in page and "已超期" in page
    assert "case-deadline--soon" in page and "即将到期" in page
    for heading in ("编号", "渠道", "标题", "来信人", "承办部门", "状态", "办理期限", "提交时间"):
        assert heading in page


def test_filters_channel_overdue_due_soon_and_search(case_factory, dept_a, handler_a):
    overdue = case_factory.processing(dept_a)
    soon = case_factory.processing(dept_a)
    later = case_factory.processing(dept_a, channel=Channel.CONSULTATION, title="排污许可证怎么办理")
    today = timezone.localdate()
    Case.objects.filter(pk=overdue.pk).update(due_date=today - timezone.timedelta(days=1))
    Case.objects.filter(pk=soon.pk).update(due_date=today)
    Case.objects.filter(pk=later.pk).update(due_date=today + timezone.timedelta(days=30))
    client = logged_in(handler_a)

    def rows(**params):
        page = client.get(list_url(**params)).content.decode()
        return {c.reference for c in (overdue, soon, later) if c.reference in page}

    assert rows(overdue="yes") == {overdue.reference}
    assert rows(overdue="no") == {soon.reference, later.reference}
    assert rows(due_soon="yes") == {soon.reference}
    assert rows(due_soon="attention") == {overdue.reference, soon.reference}
    assert rows(channel=Channel.CONSULTATION) == {later.reference}
    assert rows(status=Status.PROCESSING) == {overdue.reference, soon.reference, later.reference}
    assert rows(department=dept_a.pk) == {overdue.reference, soon.reference, later.reference}
    assert rows(q="排污许可") == {later.reference}
    assert rows(q=soon.reference) == {soon.reference}
    day = timezone.localdate().isoformat()
    assert rows(submitted_from=day, submitted_to=day) == {overdue.reference, soon.reference, later.reference}
    assert rows(submitted_to="2000-01-01") == set()
    # The inbox of a channel is titled after it.
    assert "<title>网上咨询" in client.get(list_url(channel=Channel.CONSULTATION)).content.decode()


def test_listing_query_count_does_not_grow_with_rows(case_factory, dept_a, handler_a, django_assert_max_num_queries):
    client = logged_in(handler_a)
    for _ in range(20):
        case_factory.processing(dept_a)
    client.get(list_url())  # warm caches (content types, settings, permissions)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(list_url())
    assert response.content.decode().count('id="snippet_') == 20
    with CaptureQueriesContext(connection) as export_twenty:
        client.get(list_url(export="xlsx"))

    for _ in range(40):
        case_factory.processing(dept_a)
    with django_assert_max_num_queries(len(twenty)):
        response = client.get(list_url())
    assert response.content.decode().count('id="snippet_') == 50  # a full page
    with django_assert_max_num_queries(len(export_twenty)):
        response = client.get(list_url(export="xlsx"))
    assert load_workbook(io.BytesIO(response.getvalue())).active.max_row == 61


# --- Export ---------------------------------------------------------------------------------------


def test_xlsx_export_is_masked_and_scoped(case_factory, dept_a, dept_b, handler_a):
    own = case_factory.processing(dept_a)
    other = case_factory.processing(dept_b)
    response = logged_in(handler_a).get(list_url(export="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:6] == ["编号", "渠道", "标题", "来信人", "联系电话", "承办部门"]
    references = {row[0] for row in rows[1:]}
    assert own.reference in references and other.reference not in references
    own_row = next(row for row in rows if row[0] == own.reference)
    assert own_row[3] == MASKED_NAME and own_row[4] == MASKED_PHONE
    assert_no_personal_data("\n".join("\t".join(row) for row in rows))


def test_csv_export_is_masked_scoped_and_formula_safe(case_factory, dept_a, dept_b, handler_a):
    own = case_factory.processing(dept_a, title="=HYPERLINK(\"http://evil\")")
    other = case_factory.processing(dept_b)
    response = logged_in(handler_a).get(list_url(export="csv"))
    text = b"".join(response.streaming_content).decode()
    assert_no_personal_data(text)
    rows = list(csv.reader(io.StringIO(text)))
    references = {row[0] for row in rows[1:]}
    assert own.reference in references and other.reference not in references
    own_row = next(row for row in rows if row[0] == own.reference)
    assert own_row[2].startswith("'=")
    assert own_row[3] == MASKED_NAME and own_row[4] == MASKED_PHONE


# --- The permission matrix over single-object URLs ----------------------------------------------


@pytest.fixture
def matrix(case_factory, dept_a, handler_a, handler_b, info_centre, photo):
    case = case_factory.processing(dept_a, attachments=[photo])
    return {
        "case": case,
        "attachment": case.attachments.get(),
        "own": handler_a,
        "other": handler_b,
        "centre": info_centre,
    }


def get_urls(case, attachment):
    return {
        "inspect": case_url("inspect", case.pk),
        "edit": case_url("edit", case.pk),
        "history": case_url("history", case.pk),
        "usage": case_url("usage", case.pk),
        "attachment": case_url("attachment", case.pk, attachment.pk),
    }


@pytest.mark.parametrize("view", ["inspect", "edit", "history", "usage", "attachment"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("other", 404), ("own", 200), ("centre", 200)],
)
def test_permission_matrix_for_get_urls(matrix, view, who, expected):
    url = get_urls(matrix["case"], matrix["attachment"])[view]
    client = Client() if who == "anonymous" else logged_in(matrix[who])
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/admin/login/")
    if expected == 200 and view == "attachment":
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("other", 404), ("own", 302)])
def test_permission_matrix_for_actions(matrix, who, expected):
    case = matrix["case"]
    client = Client() if who == "anonymous" else logged_in(matrix[who])
    response = client.post(
        case_url("action", case.pk, "request_extension"),
        {"request_extension-days": "3", "request_extension-reason": "需要现场复测"},
    )
    assert response.status_code == expected
    case.refresh_from_db()
    if who == "own":
        assert response["Location"] == case_url("inspect", case.pk)
        assert case.extension_status == ExtensionStatus.PENDING
        assert last_log(case).action == "cases.request_extension" and last_log(case).user == matrix["own"]
    else:
        assert case.extension_status == ExtensionStatus.NONE
        if who == "anonymous":
            assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("other", 404), ("own", "denied"), ("centre", 200)])
def test_permission_matrix_for_personal_data(matrix, who, expected):
    case = matrix["case"]
    client = Client() if who == "anonymous" else logged_in(matrix[who])
    response = client.post(case_url("personal_data", case.pk))
    if expected == "denied":
        assert is_denied(response)
    else:
        assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/admin/login/")
    entries = CaseLogEntry.objects.for_instance(case).filter(action="cases.view_personal_data")
    assert entries.count() == (1 if who == "centre" else 0)


def test_export_of_other_department_lists_nothing_of_ours(matrix):
    response = logged_in(matrix["other"]).get(list_url(export="xlsx"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert matrix["case"].reference not in {row[0] for row in sheet.iter_rows(values_only=True)}


def test_users_without_case_permissions_get_nothing(matrix, make_staff, dept_a):
    colleague = make_staff("colleague_no_role", dept_a)  # same department, no case role
    client = logged_in(colleague)
    assert is_denied(client.get(list_url()))
    for url in (case_url("inspect", matrix["case"].pk), case_url("attachment", matrix["case"].pk, matrix["attachment"].pk)):
        response = client.get(url)
        assert response.status_code == 404 or is_denied(response)
    assert "办件期限提醒" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_chooser_and_bulk_urls_are_scoped_too(matrix):
    case = matrix["case"]
    other = logged_in(matrix["other"])
    chooser = reverse("wagtailsnippetchoosers_cases_case:choose")
    assert case.reference not in other.get(chooser).content.decode()
    assert other.get(reverse("wagtailsnippetchoosers_cases_case:chosen", args=[case.pk])).status_code == 404
    bulk = reverse("wagtail_bulk_action", args=["cases", "case", "delete"]) + f"?id={case.pk}"
    assert is_denied(other.get(bulk))
    assert case.reference in logged_in(matrix["own"]).get(chooser).content.decode()


def test_private_files_are_not_served_under_media(matrix, client):
    attachment = matrix["attachment"]
    assert attachment.file.name.startswith("cases/")
    client.force_login(matrix["centre"])
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_identity_documents_need_the_personal_data_permission_and_are_logged(case_factory, dept_a, handler_a, info_centre, photo):
    case = case_factory.processing(dept_a, channel=Channel.DISCLOSURE, attachments=[photo])
    url = case_url("attachment", case.pk, case.attachments.get().pk)
    assert is_denied(logged_in(handler_a).get(url))
    assert "需有查看个人信息权限" in logged_in(handler_a).get(case_url("inspect", case.pk)).content.decode()
    response = logged_in(info_centre).get(url)
    assert response.status_code == 200
    entry = last_log(case)
    assert entry.action == "cases.view_personal_data" and entry.user == info_centre
    assert entry.data["attachment"] == "现场照片.png"


# --- Create, copy, delete -------------------------------------------------------------------


def test_no_one_creates_or_copies_cases_and_only_superusers_delete(matrix):
    superuser = SuperuserFactory()
    case = matrix["case"]
    for user in (superuser, matrix["centre"], matrix["own"]):
        assert is_denied(logged_in(user).get(case_url("add")))
    with pytest.raises(NoReverseMatch):
        case_url("copy", case.pk)
    assert is_denied(logged_in(matrix["own"]).get(case_url("delete", case.pk)))
    assert is_denied(logged_in(matrix["centre"]).post(case_url("delete", case.pk)))
    assert Case.objects.filter(pk=case.pk).exists()
    assert logged_in(superuser).get(case_url("delete", case.pk)).status_code == 200
    listing = logged_in(superuser).get(list_url(q=case.reference)).content.decode()
    assert case_url("add") not in listing


# --- Edit: redaction, category and internal note only -----------------------------------------


def test_edit_changes_only_the_allowed_fields(case_factory, dept_a, handler_a):
    case = case_factory.processing(dept_a)
    client = logged_in(handler_a)
    form = client.get(case_url("edit", case.pk)).content.decode()
    assert 'name="public_title"' in form and 'name="internal_note"' in form
    assert 'name="content"' not in form and 'name="name"' not in form and 'name="phone"' not in form
    response = client.post(case_url("edit", case.pk), {
        "category": "air", "location": "某路口", "internal_note": "已电话联系工地",
        "public_title": "夜间施工噪声", "public_content": "某工地夜间施工。", "public_reply": "",
        "content": "篡改的内容", "name": "篡改", "status": Status.CLOSED,
    })
    assert response.status_code == 302 and response["Location"] == case_url("inspect", case.pk)
    case.refresh_from_db()
    assert case.internal_note == "已电话联系工地" and case.category == "air" and case.public_title == "夜间施工噪声"
    assert case.content == "某工地每晚施工到凌晨两点。" and case.name == CITIZEN["name"] and case.status == Status.PROCESSING
    assert last_log(case).action == "wagtail.edit" and last_log(case).user == handler_a


# --- The 办理 page -------------------------------------------------------------------------------


def test_inspect_page_masks_until_an_audited_reveal(case_factory, dept_a, handler_a, info_centre, photo, monkeypatch):
    case = case_factory.processing(dept_a, attachments=[photo])
    # As in a freshly started server process: the log action registry not scanned yet.
    from wagtail.log_actions import registry

    monkeypatch.setattr(registry, "has_scanned_for_actions", False)
    monkeypatch.setattr(registry, "formatters", {})
    monkeypatch.setattr(registry, "choices", [])
    page = logged_in(handler_a).get(case_url("inspect", case.pk)).content.decode()
    assert_no_personal_data(page)
    assert MASKED_NAME in page and MASKED_PHONE in page
    assert "查看完整个人信息" not in page  # no permission: no button
    assert case.title in page and case.content in page  # the letter itself is shown
    assert case_url("attachment", case.pk, case.attachments.get().pk) in page
    assert "提交办件" in page  # the history, with the submission
    assert case_url("edit", case.pk) in page and case_url("history", case.pk) in page

    centre = logged_in(info_centre)
    page = centre.get(case_url("inspect", case.pk)).content.decode()
    assert_no_personal_data(page)
    assert "查看完整个人信息" in page
    assert CaseLogEntry.objects.for_instance(case).filter(action="cases.view_personal_data").count() == 0

    assert centre.get(case_url("personal_data", case.pk)).status_code == 405  # GET never reveals
    for expected in (1, 2):
        page = centre.post(case_url("personal_data", case.pk)).content.decode()
        for value in CITIZEN.values():
            assert value in page
        entries = CaseLogEntry.objects.for_instance(case).filter(action="cases.view_personal_data")
        assert entries.count() == expected
        assert all(e.user == info_centre for e in entries)
    # The history on the 办理 page lists every entry, with who did it.
    page = centre.get(case_url("inspect", case.pk)).content.decode()
    assert page.count("查看个人信息") >= 2 and "职员xxzx_case" in page


def test_inspect_page_offers_exactly_the_available_transitions(case_factory, dept_a, handler_a, info_centre):
    case = case_factory.submitted()
    centre_page = logged_in(info_centre).get(case_url("inspect", case.pk)).content.decode()
    for name in ("accept", "reject", "merge"):
        assert case_url("action", case.pk, name) in centre_page
    assert case_url("action", case.pk, "draft_reply") not in centre_page

    workflow.accept(case, info_centre)
    workflow.assign(case, info_centre, dept_a)
    handler_page = logged_in(handler_a).get(case_url("inspect", case.pk)).content.decode()
    for name in ("request_extension", "draft_reply"):
        assert case_url("action", case.pk, name) in handler_page
    for name in ("transfer", "merge", "accept", "request_completion"):  # dispatch rights / disclosure only
        assert case_url("action", case.pk, name) not in handler_page


# --- Every transition through the admin writes its audit entry with the user ------------------


def act(client, case, name, **fields):
    data = {f"{name}-{key}": value for key, value in fields.items()}
    response = client.post(case_url("action", case.pk, name), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == case_url("inspect", case.pk)
    entry = last_log(case)
    return entry


def assert_logged(case, name, user):
    entry = last_log(case)
    assert entry.action == f"cases.{name}"
    assert entry.user_id == user.pk


def test_complaint_journey_through_the_admin(case_factory, dept_a, dept_b, handler_a, info_centre):
    centre, handler = logged_in(info_centre), logged_in(handler_a)
    case = case_factory.submitted()

    act(centre, case, "accept")
    assert_logged(case, "accept", info_centre)
    act(centre, case, "assign", department=dept_a.pk, co_departments=[dept_b.pk])
    assert_logged(case, "assign", info_centre)
    case.refresh_from_db()
    assert case.status == Status.PROCESSING and case.department == dept_a and list(case.co_departments.all()) == [dept_b]

    act(handler, case, "request_extension", days=3, reason="需要夜间现场监测")
    assert_logged(case, "request_extension", handler_a)
    due_before = Case.objects.get(pk=case.pk).due_date
    act(centre, case, "approve_extension")
    assert_logged(case, "approve_extension", info_centre)
    assert Case.objects.get(pk=case.pk).due_date > due_before

    act(handler, case, "draft_reply", text="初稿", reply_department=dept_a.pk)
    assert_logged(case, "draft_reply", handler_a)
    act(centre, case, "return_reply", comment="请写明处理结果")
    assert_logged(case, "return_reply", info_centre)
    act(handler, case, "draft_reply", text="经现场核查，已责令停止夜间施工。", reply_department=dept_a.pk)
    act(centre, case, "approve_reply", comment="同意")
    assert_logged(case, "approve_reply", info_centre)
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.reply == "经现场核查，已责令停止夜间施工。"

    # 公开: the form comes prefilled with the originals; the redacted version is published,
    # the originals stay as they were.
    page = centre.get(case_url("inspect", case.pk)).content.decode()
    assert "某工地每晚施工到凌晨两点。" in page.split('id="action-publish"')[1]
    act(centre, case, "publish", public_title="夜间施工噪声", public_content="某工地夜间施工（已删除个人信息）。",
        public_reply="已责令停止夜间施工。")
    assert_logged(case, "publish", info_centre)
    case.refresh_from_db()
    assert case.is_public and case.public_content == "某工地夜间施工（已删除个人信息）。"
    assert case.content == "某工地每晚施工到凌晨两点。" and case.reply == "经现场核查，已责令停止夜间施工。"
    act(centre, case, "unpublish")
    assert_logged(case, "unpublish", info_centre)
    act(centre, case, "close")
    assert_logged(case, "close", info_centre)
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


def test_dispatch_moves_through_the_admin(case_factory, dept_a, dept_b, info_centre, handler_a):
    centre = logged_in(info_centre)

    rejected = case_factory.submitted()
    act(centre, rejected, "reject", reason="内容与本局职责无关")
    assert_logged(rejected, "reject", info_centre)
    assert Case.objects.get(pk=rejected.pk).status == Status.REJECTED

    moved = case_factory.processing(dept_a)
    act(centre, moved, "transfer", department=dept_b.pk, reason="属乙处职责")
    assert_logged(moved, "transfer", info_centre)
    assert Case.objects.get(pk=moved.pk).department == dept_b

    main = case_factory.submitted()
    duplicate = case_factory.submitted()
    act(centre, duplicate, "merge", target=main.reference.lower())
    assert_logged(duplicate, "merge", info_centre)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == main

    denied = case_factory.processing(dept_a)
    act(logged_in(handler_a), denied, "request_extension", days=2, reason="等待检测报告")
    act(centre, denied, "deny_extension", comment="期限内可以办结")
    assert_logged(denied, "deny_extension", info_centre)
    assert Case.objects.get(pk=denied.pk).extension_status == ExtensionStatus.DENIED


def test_disclosure_journey_through_the_admin(case_factory, dept_a, handler_a, info_centre):
    centre, handler = logged_in(info_centre), logged_in(handler_a)
    case = case_factory.processing(dept_a, channel=Channel.DISCLOSURE)

    act(handler, case, "request_completion", notice="请写明项目名称和文号")
    assert_logged(case, "request_completion", handler_a)
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_COMPLETION
    workflow.complete(case, "项目为某某垃圾转运站，文号沪浦环保许评〔2025〕1号")

    act(handler, case, "start_third_party", note="征求建设单位意见")
    assert_logged(case, "start_third_party", handler_a)
    act(handler, case, "end_third_party")
    assert_logged(case, "end_third_party", handler_a)

    # The result needs a reason of the national table; the engine's message comes back on the page.
    response = handler.post(case_url("action", case.pk, "draft_reply"), {
        "draft_reply-text": "经审查，不予公开。", "draft_reply-result": "withhold", "draft_reply-result_reason": "",
    })
    assert response.status_code == 200
    assert "“不予公开”需要选择具体理由。" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.PROCESSING

    act(handler, case, "draft_reply", text="经审查，该信息涉及第三方合法权益，不予公开。", result="withhold",
        result_reason="third_party_rights")
    assert_logged(case, "draft_reply", handler_a)
    act(centre, case, "approve_reply")
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.result == "withhold" and case.result_reason == "third_party_rights"


def test_reply_template_fills_the_text_without_javascript(case_factory, dept_a, handler_a):
    template = ReplyTemplate.objects.create(title="噪声投诉通用答复", channel=Channel.COMPLAINT, body="您好！您反映的噪声问题已转执法部门核查。")
    unrelated = ReplyTemplate.objects.create(title="咨询答复", channel=Channel.CONSULTATION, body="咨询模板正文")
    case = case_factory.processing(dept_a)
    client = logged_in(handler_a)
    page = client.get(case_url("inspect", case.pk)).content.decode()
    assert template.title in page and unrelated.title not in page
    assert 'name="use_template"' in page

    response = client.post(case_url("action", case.pk, "draft_reply"), {
        "draft_reply-template": template.pk, "draft_reply-text": "", "use_template": "1",
    })
    assert response.status_code == 200
    page = response.content.decode()
    textarea = page.split('name="draft_reply-text"')[1].split("</textarea>")[0]
    assert template.body in textarea
    case.refresh_from_db()
    assert case.status == Status.PROCESSING and case.reply == ""
    assert "cases.draft_reply" not in log_actions(case)


def test_illegal_crafted_posts_show_the_engines_refusal_and_change_nothing(case_factory, dept_a, dept_b, handler_a, info_centre):
    case = case_factory.processing(dept_a)
    before = log_actions(case)
    handler = logged_in(handler_a)

    response = handler.post(case_url("action", case.pk, "accept"), {})
    assert response.status_code == 200
    assert "办件当前状态为“办理中”，不能受理。" in response.content.decode()

    response = handler.post(case_url("action", case.pk, "transfer"), {"transfer-department": dept_b.pk, "transfer-reason": "x"})
    assert "您没有权限对该办件转办。" in response.content.decode()

    response = logged_in(info_centre).post(case_url("action", case.pk, "close"), {})
    assert "办件当前状态为“办理中”，不能办结。" in response.content.decode()

    response = handler.post(case_url("action", case.pk, "request_extension"), {"request_extension-days": "3"})
    assert "请填写延期理由。" in response.content.decode()

    assert handler.post(case_url("action", case.pk, "no_such_move"), {}).status_code == 404
    assert handler.get(case_url("action", case.pk, "accept")).status_code == 405

    case.refresh_from_db()
    assert case.status == Status.PROCESSING and case.extension_status == ExtensionStatus.NONE
    assert log_actions(case) == before


def test_action_posts_need_the_csrf_token(case_factory, dept_a, handler_a):
    case = case_factory.processing(dept_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(handler_a)
    response = client.post(case_url("action", case.pk, "request_extension"), {
        "request_extension-days": "3", "request_extension-reason": "需要监测",
    })
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).extension_status == ExtensionStatus.NONE
    assert client.post(case_url("personal_data", case.pk)).status_code == 403


# --- Menu and dashboard ------------------------------------------------------------------------


def sidebar_menu(client):
    """The admin's sidebar menu (rendered by JavaScript from a JSON script), as readable text."""
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    props = page.split('id="wagtail-sidebar-props"', 1)[1].split(">", 1)[1].split("</script>", 1)[0]
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_menu_groups_the_inboxes(handler_a, info_centre, make_staff, dept_a):
    menu = sidebar_menu(logged_in(handler_a))
    for label in ("互动交流", "局长信箱", "网上投诉", "网上咨询", "依申请公开", "全部办件", "答复模板"):
        assert label in menu
    assert f"{case_url('list')}?channel={Channel.DISCLOSURE.value}" in menu
    assert "办件时限" not in menu
    assert "办件时限" in sidebar_menu(logged_in(info_centre))
    assert "互动交流" not in sidebar_menu(logged_in(make_staff("no_case_role", dept_a)))


def test_dashboard_lists_the_users_urgent_cases(case_factory, dept_a, dept_b, handler_a):
    today = timezone.localdate()
    overdue = case_factory.processing(dept_a, title="已经超期的一件")
    soon = case_factory.processing(dept_a, title="快到期的一件")
    relaxed = case_factory.processing(dept_a, title="时间还多的一件")
    paused = case_factory.processing(dept_a, channel=Channel.DISCLOSURE, title="等待补正的一件")
    foreign = case_factory.processing(dept_b, title="别的部门超期件")
    Case.objects.filter(pk__in=[overdue.pk, foreign.pk]).update(due_date=today - timezone.timedelta(days=2))
    Case.objects.filter(pk=soon.pk).update(due_date=reminder_horizon(today))
    Case.objects.filter(pk=relaxed.pk).update(due_date=today + timezone.timedelta(days=40))
    workflow.request_completion(paused, handler_a, "请补充文号")
    Case.objects.filter(pk=paused.pk).update(due_date=today - timezone.timedelta(days=2))

    page = logged_in(handler_a).get(reverse("wagtailadmin_home")).content.decode()
    panel = page.split('id="case-deadlines-section"')[1].split("</section>")[0]
    assert overdue.reference in panel and soon.reference in panel
    assert case_url("inspect", overdue.pk) in panel
    assert relaxed.reference not in panel and paused.reference not in panel and foreign.reference not in panel
    assert "已超期" in panel and "即将到期" in panel
    assert_no_personal_data(panel)
