"""Every legal transition, and a refusal for each illegal one, with audit entries."""

from datetime import date, datetime, time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from interaction.cases import workflow as wf
from interaction.cases.choices import Channel, DisclosureResult, ExtensionStatus, Status
from interaction.cases.models import Case, CaseLogEntry
from tests.factories import DepartmentFactory, StaffProfileFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def admin():
    return SuperuserFactory()


@pytest.fixture
def pollution():
    return DepartmentFactory(name="测试污染防治处")


@pytest.fixture
def office():
    return DepartmentFactory(name="测试办公室")


@pytest.fixture
def handler(pollution):
    """A member of `pollution` with the case permissions but no role group."""
    user = UserFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_case", "view_case"]))
    StaffProfileFactory(user=user, full_name="办件测试", department=pollution)
    return User.objects.get(pk=user.pk)


def local(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def new_case(channel=Channel.COMPLAINT, when=None, **extra):
    fields = {"name": "张三", "phone": "13812345678", "title": "夜间施工噪声", "content": "工地每晚施工到凌晨。", "consent_publish": True}
    if channel == Channel.COMPLAINT:
        fields["category"] = "noise"
    if channel == Channel.DISCLOSURE:
        fields.update(applicant_type="person", id_type="id_card", id_number="11010519491231002X", delivery="email")
    fields.update(extra)
    case, code = wf.submit(channel, when=when, **fields)
    return case


def actions(case):
    return [e.action for e in CaseLogEntry.objects.for_instance(case).order_by("timestamp", "id")]


def processing(admin, pollution, **kwargs):
    case = new_case(**kwargs)
    wf.accept(case, admin)
    wf.assign(case, admin, pollution)
    return case


def test_submission_gets_reference_code_and_deadline():
    case, code = wf.submit(Channel.CONSULTATION, name="李四", phone="13900001111", title="咨询", content="排污许可怎么办理？",
                          when=local(date(2026, 9, 25)))
    assert case.reference.startswith("ZX20260925")
    assert case.check_query_code(code) and not case.check_query_code("AAAAAAAA")
    assert case.status == Status.SUBMITTED
    # Five working days from Friday 25 September 2026 (中秋, a holiday): 28, 29, 30 September,
    # then National Day (1-7 October) is skipped: 8 and 9 October.
    assert case.due_date == date(2026, 10, 9)
    assert actions(case) == ["cases.submit"]


def test_happy_path_of_a_complaint(admin, pollution):
    case = new_case()
    wf.accept(case, admin)
    assert case.status == Status.ACCEPTED and case.accepted_at
    inspection = DepartmentFactory(name="测试监察支队")
    wf.assign(case, admin, pollution, co_departments=[inspection])
    assert case.status == Status.PROCESSING and case.department == pollution
    assert list(case.co_departments.all()) == [inspection]
    wf.draft_reply(case, admin, "经查，已责令施工单位整改。")
    assert case.status == Status.REPLY_PENDING and case.reply_department == pollution
    wf.approve_reply(case, admin, "同意")
    assert case.status == Status.REPLIED and case.replied_at
    wf.publish(case, admin, public_title="夜间施工噪声", public_content="工地每晚施工。", public_reply="已责令整改。")
    assert case.is_public and case.public_content == "工地每晚施工。" and case.content == "工地每晚施工到凌晨。"
    wf.rate(case, "satisfied", "处理及时")
    assert case.status == Status.CLOSED and case.rating == "satisfied"
    assert actions(case) == [
        "cases.submit", "cases.accept", "cases.assign", "cases.draft_reply", "cases.approve_reply", "cases.publish", "cases.rate",
    ]
    entry = CaseLogEntry.objects.for_instance(case).get(action="cases.assign")
    assert entry.user_id == admin.pk and entry.data["department"] == pollution.name == "测试污染防治处"


@pytest.mark.parametrize(
    "step,call",
    [
        ("accept twice", lambda c, u, d: (wf.accept(c, u), wf.accept(c, u))),
        ("assign before accept", lambda c, u, d: wf.assign(c, u, d)),
        ("reply before assign", lambda c, u, d: wf.draft_reply(c, u, "答复")),
        ("approve without draft", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.approve_reply(c, u))),
        ("close before reply", lambda c, u, d: (wf.accept(c, u), wf.close(c, u))),
        ("publish before reply", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.publish(c, u))),
        ("transfer when only accepted", lambda c, u, d: (wf.accept(c, u), wf.transfer(c, u, d, "转"))),
        ("completion on a complaint", lambda c, u, d: (wf.accept(c, u), wf.request_completion(c, u, "补正"))),
        ("third party on a complaint", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.start_third_party(c, u, "征求"))),
        ("end third party not started", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.end_third_party(c, u))),
        ("reject after assignment", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.reject(c, u, "理由"))),
        ("approve extension never asked", lambda c, u, d: (wf.accept(c, u), wf.assign(c, u, d), wf.approve_extension(c, u))),
        ("rate before reply", lambda c, u, d: wf.rate(c, "satisfied")),
        ("complete when not asked", lambda c, u, d: wf.complete(c, "补充")),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(step, call, admin, pollution):
    case = new_case()
    with pytest.raises(wf.TransitionError) as excinfo:
        call(case, admin, pollution)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(excinfo.value)), "message is Chinese"
    case.refresh_from_db()
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == case.status


def test_refusals_after_terminal_states(admin, pollution):
    rejected = new_case()
    wf.reject(rejected, admin, "非本局职责，请向区城管执法局反映。")
    assert rejected.status == Status.REJECTED and rejected.rejection_reason
    for move in (lambda: wf.accept(rejected, admin), lambda: wf.assign(rejected, admin, pollution)):
        with pytest.raises(wf.TransitionError):
            move()
    with pytest.raises(wf.TransitionError, match="理由"):
        wf.reject(new_case(), admin, "  ")


def test_rights_are_checked_in_the_engine(handler, admin, pollution, office):
    case = new_case()
    with pytest.raises(wf.TransitionError, match="没有权限"):
        wf.accept(case, handler)  # handlers cannot dispatch
    wf.accept(case, admin)
    wf.assign(case, admin, office)
    with pytest.raises(wf.TransitionError, match="没有权限"):
        wf.draft_reply(case, handler, "越权答复")  # another department's case
    wf.transfer(case, admin, pollution, "属污染防治处职责")
    wf.draft_reply(case, handler, "本部门答复")
    assert case.status == Status.REPLY_PENDING
    with pytest.raises(wf.TransitionError, match="没有权限"):
        wf.approve_reply(case, handler)  # review is the information centre's


def test_transfer_and_return_reply(admin, pollution, office):
    case = processing(admin, pollution)
    with pytest.raises(wf.TransitionError, match="理由"):
        wf.transfer(case, admin, office, "")
    wf.transfer(case, admin, office, "属办公室职责")
    assert case.department == office
    wf.draft_reply(case, admin, "初稿")
    wf.return_reply(case, admin, "请补充整改时限")
    assert case.status == Status.PROCESSING and case.review_comment == "请补充整改时限"
    with pytest.raises(wf.TransitionError):
        wf.return_reply(case, admin, "再退")


def test_extension_once_with_approval(admin, pollution):
    case = processing(admin, pollution, when=local(date(2026, 3, 2)))
    due = case.due_date
    with pytest.raises(wf.TransitionError, match="1 至 15"):
        wf.request_extension(case, admin, 30, "情况复杂")
    wf.request_extension(case, admin, 10, "需现场监测")
    assert case.extension_status == ExtensionStatus.PENDING and case.due_date == due
    wf.approve_extension(case, admin)
    assert case.extension_status == ExtensionStatus.APPROVED and case.extension_days == 10
    assert case.due_date > due
    with pytest.raises(wf.TransitionError, match="一次"):
        wf.request_extension(case, admin, 5, "再延")


def test_denied_extension_keeps_the_deadline(admin, pollution):
    case = processing(admin, pollution)
    due = case.due_date
    wf.request_extension(case, admin, 5, "理由")
    wf.deny_extension(case, admin, "不符合延期条件")
    assert case.extension_status == ExtensionStatus.DENIED and case.due_date == due


def test_disclosure_completion_restarts_the_clock(admin, pollution):
    received = local(date(2026, 9, 1))
    case = new_case(Channel.DISCLOSURE, when=received)
    # 20 working days from 1 September 2026; Sunday 20 September is a 调休 working day.
    assert case.due_date == date(2026, 9, 29)
    wf.accept(case, admin)
    wf.request_completion(case, admin, "请写明所需信息的名称或文号。", today=date(2026, 9, 3))
    assert case.status == Status.AWAITING_COMPLETION
    assert not Case.objects.overdue(date(2026, 12, 1)).filter(pk=case.pk).exists(), "the clock is paused while waiting"
    wf.complete(case, "所需信息为2025年排污许可证核发名单。", today=date(2026, 10, 12))
    assert case.status == Status.ACCEPTED and case.clock_start == date(2026, 10, 12)
    # 20 working days counted afresh from the completion.
    assert case.due_date == date(2026, 11, 9)
    assert "cases.complete" in actions(case)


def test_completion_notice_only_within_seven_working_days(admin):
    case = new_case(Channel.DISCLOSURE, when=local(date(2026, 9, 1)))
    wf.accept(case, admin)
    with pytest.raises(wf.TransitionError, match="7 个工作日"):
        wf.request_completion(case, admin, "补正", today=date(2026, 9, 11))


def test_third_party_time_is_not_counted(admin, pollution):
    case = processing(admin, pollution, channel=Channel.DISCLOSURE, when=local(date(2026, 3, 2)))
    due = case.due_date
    wf.start_third_party(case, admin, "征求上海某某化工有限公司意见", today=date(2026, 3, 9))
    assert case.status == Status.THIRD_PARTY
    wf.end_third_party(case, admin, today=date(2026, 3, 20))
    assert case.paused_days == 9  # 10 March .. 20 March: nine working days
    assert case.status == Status.PROCESSING
    from intranet.org.workdays import add_working_days

    assert case.due_date == add_working_days(due, 9)


def test_disclosure_reply_needs_result_and_reason(admin, pollution):
    case = processing(admin, pollution, channel=Channel.DISCLOSURE)
    with pytest.raises(wf.TransitionError, match="办理结果"):
        wf.draft_reply(case, admin, "答复")
    with pytest.raises(wf.TransitionError, match="理由"):
        wf.draft_reply(case, admin, "答复", result=DisclosureResult.WITHHOLD)
    wf.draft_reply(case, admin, "经审查不予公开。", result=DisclosureResult.WITHHOLD, result_reason="third_party_rights")
    assert case.result == "withhold" and case.result_reason == "third_party_rights"
    wf.return_reply(case, admin, "改为部分公开")
    wf.draft_reply(case, admin, "部分公开。", result=DisclosureResult.PARTIAL, result_reason="state_secret")
    assert case.result == "partial" and case.result_reason == "", "部分公开 has no sub-reason"


def test_merge_duplicates(admin, pollution):
    main = processing(admin, pollution)
    duplicate = new_case(title="同一工地噪声")
    other_channel = new_case(Channel.CONSULTATION)
    with pytest.raises(wf.TransitionError, match="同一渠道"):
        wf.merge(other_channel, admin, main)
    with pytest.raises(wf.TransitionError):
        wf.merge(duplicate, admin, duplicate)
    wf.merge(duplicate, admin, main)
    assert duplicate.status == Status.MERGED and duplicate.merged_into == main
    assert "cases.merged_duplicate" in actions(main)
    third = new_case()
    with pytest.raises(wf.TransitionError, match="主办件"):
        wf.merge(third, admin, duplicate)


def test_publish_requires_consent_and_text(admin, pollution):
    case = processing(admin, pollution, consent_publish=False)
    wf.draft_reply(case, admin, "答复")
    wf.approve_reply(case, admin)
    with pytest.raises(wf.TransitionError):
        wf.publish(case, admin)
    assert ("publish", "公开") not in wf.available_transitions(case, admin)
    consenting = processing(admin, pollution)
    wf.draft_reply(consenting, admin, "答复")
    wf.approve_reply(consenting, admin)
    with pytest.raises(wf.TransitionError, match="不能为空"):
        wf.publish(consenting, admin, public_reply="  ")
    wf.publish(consenting, admin)
    with pytest.raises(wf.TransitionError):
        wf.publish(consenting, admin)
    wf.unpublish(consenting, admin)
    assert not consenting.is_public


def test_rating_once_and_valid_values(admin, pollution):
    case = processing(admin, pollution)
    wf.draft_reply(case, admin, "答复")
    wf.approve_reply(case, admin)
    with pytest.raises(wf.TransitionError):
        wf.rate(case, "great")
    wf.rate(case, "basically")
    with pytest.raises(wf.TransitionError, match="评价过"):
        wf.rate(case, "unsatisfied")


def test_available_transitions_match_what_the_engine_accepts(admin, pollution, handler):
    case = new_case()
    assert [n for n, _ in wf.available_transitions(case, admin)] == ["accept", "reject", "merge"]
    assert wf.available_transitions(case, handler) == []
    wf.accept(case, admin)
    wf.assign(case, admin, pollution)
    names = [n for n, _ in wf.available_transitions(case, handler)]
    assert names == ["request_extension", "draft_reply"]


def test_overdue_and_due_soon_querysets(admin, pollution):
    old = processing(admin, pollution, when=local(date(2026, 1, 5)))
    assert Case.objects.overdue(date(2026, 11, 1)).filter(pk=old.pk).exists()
    assert not Case.objects.overdue(date(2026, 1, 6)).filter(pk=old.pk).exists()
    # Due on or before the horizon and not overdue yet: due soon; past it: overdue, not due soon.
    assert Case.objects.due_soon(date(2026, 1, 6), old.due_date).filter(pk=old.pk).exists()
    assert not Case.objects.due_soon(date(2026, 11, 1), date(2026, 11, 3)).filter(pk=old.pk).exists()
    state = lambda today, horizon: Case.objects.with_deadline_state(today, horizon).get(pk=old.pk).deadline_state
    assert state(date(2026, 11, 1), date(2026, 11, 3)) == "overdue"
    assert state(date(2026, 1, 6), old.due_date) == "soon"
    assert state(date(2026, 1, 6), date(2026, 1, 7)) == ""


def test_fifty_parallel_submissions_get_distinct_references():
    from django.db import connection

    from tests.helpers import committed, in_threads

    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are exercised on PostgreSQL; SQLite serialises them")
    when = local(date(2031, 5, 6))
    try:
        results = in_threads(lambda i: wf.submit(Channel.COMPLAINT, when=when, name=f"并发{i}", phone="13812345678",
                                                   title="并发提交", content="同时提交的投诉内容。", category="other")[0].reference, 50)
    finally:
        count = committed(lambda: Case.objects.filter(title="并发提交").count())
        committed(lambda: (CaseLogEntry.objects.filter(case__title="并发提交").delete(),
                           Case.objects.filter(title="并发提交").delete()))
    assert count == 50
    assert len(set(results)) == 50
    assert all(r.startswith("TS20310506") for r in results)
