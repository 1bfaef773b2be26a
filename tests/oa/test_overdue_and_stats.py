"""Overdue reminders, 文号 numbering and the statistics the annual report is built from."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from intranet.notify.models import Notification
from intranet.oa import routing, stats
from intranet.oa.choices import Action, Kind
from intranet.oa.models import OfficialDocument
from intranet.oa.numbering import assign_number, format_number, pattern_for
from intranet.oa.routing import Hop
from tests.helpers import committed, in_threads


def test_overdue_tasks_are_told_once(bureau):
    doc = bureau.document(title="限期上报的办件")
    past = timezone.now() - timedelta(days=1)
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a], due_at=past)], now=past - timedelta(days=2))
    out = StringIO()
    call_command("notify_overdue_oa", stdout=out)
    assert f"已提醒 {bureau.a.get_username()}：限期上报的办件" in out.getvalue()
    out = StringIO()
    call_command("notify_overdue_oa", stdout=out)
    assert "没有新超期的公文待办" in out.getvalue()


def test_a_task_done_in_time_is_not_overdue(bureau):
    doc = bureau.document()
    soon = timezone.now() + timedelta(hours=1)
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a], due_at=soon)])
    routing.complete(doc, bureau.a, "已办。")
    assert stats.overdue_tasks(timezone.now() - timedelta(days=1), timezone.now() + timedelta(days=1), timezone.now() + timedelta(days=1)) == 0


def test_statistics_count_documents_and_routings_by_category_and_kind(bureau):
    start = timezone.now() - timedelta(minutes=1)
    office_doc = bureau.document(kind=Kind.READ)
    routing.send(office_doc, bureau.registrar, [Hop(Action.READ, [bureau.a, bureau.c, bureau.b], parallel=True)])
    unit_doc = bureau.document(kind=Kind.HANDLE, by=bureau.unit_registrar)
    routing.send(unit_doc, bureau.unit_registrar, [Hop(Action.HANDLE, [bureau.b])])
    routing.complete(unit_doc, bureau.b, "已办。")
    routing.send_exchange(office_doc, bureau.registrar, [bureau.unit])
    sheet = bureau.contact_sheet()
    routing.send(sheet, bureau.a, [Hop(Action.REPLY, [bureau.b])])
    report = bureau.sign_report()
    routing.send(report, bureau.a, [Hop(Action.INSTRUCT, [bureau.leader])])
    routing.recall(report, bureau.a)  # recalled before opening: no routing
    end = timezone.now() + timedelta(minutes=1)
    summary = stats.summary(start, end, end)
    bureau_side = summary["documents"]["by_category"]["bureau"]
    unit_side = summary["documents"]["by_category"]["unit"]
    assert (bureau_side["documents"], bureau_side["routings"]) == (1, 3)
    assert bureau_side["by_kind"]["read"] == {"documents": 1, "routings": 3}
    assert (unit_side["documents"], unit_side["routings"]) == (1, 1)
    assert summary["documents"]["total"] == 2 and summary["documents"]["routings"] == 4
    assert summary["contact_sheets"] == {"items": 1, "routings": 1}
    assert summary["sign_reports"] == {"items": 1, "routings": 0}
    assert summary["exchanges"] == {"sent": 1, "accepted": 0}
    assert summary["average_handling_hours"] is not None
    empty = stats.summary(start - timedelta(days=9000), start - timedelta(days=8999), end)
    assert empty["documents"]["total"] == 0 and empty["average_handling_hours"] is None


def test_statistics_cost_a_fixed_number_of_queries(bureau, django_assert_max_num_queries):
    for _ in range(5):
        doc = bureau.document()
        routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    now = timezone.now()
    with django_assert_max_num_queries(6):
        stats.summary(now - timedelta(days=1), now + timedelta(days=1), now)


def test_document_numbers_continue_per_unit_kind_and_year(bureau):
    from intranet.oa.models import NumberPattern

    NumberPattern.objects.create(unit=bureau.office, doc_kind=Kind.OUTGOING, pattern="浦环保〔{year}〕{seq}号")
    docs = [bureau.document(kind=Kind.OUTGOING) for _ in range(3)]
    numbers = [assign_number(d, bureau.office, 2005) for d in docs]
    assert numbers == ["浦环保〔2005〕1号", "浦环保〔2005〕2号", "浦环保〔2005〕3号"]
    assert assign_number(bureau.document(kind=Kind.OUTGOING), bureau.office, 2006) == "浦环保〔2006〕1号"
    assert assign_number(bureau.document(kind=Kind.OUTGOING, by=bureau.unit_registrar), bureau.unit, 2005).endswith("〔2005〕1号")


def test_notifications_reach_the_people_of_each_event(bureau):
    doc = bureau.document(title="需要通知的公文")
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a]), Hop(Action.SIGN_OFF, [bureau.leader])])
    routing.complete(doc, bureau.a, "拟同意。")
    routing.urge(doc, bureau.registrar)
    routing.return_step(doc, bureau.leader, "请补充材料。")
    about = Notification.objects.filter(source_id=str(doc.pk), event__startswith="oa.")
    told = list(about.order_by("pk").values_list("recipient__username", "event", "title"))
    assert told == [
        (bureau.a.username, "oa.task", "请办：需要通知的公文"),
        (bureau.leader.username, "oa.task", "请签发：需要通知的公文"),
        (bureau.leader.username, "oa.urge", "催办（签发）：需要通知的公文"),
        # the redone step reaches a again: her unread "请办" of today is not repeated; the return says why
        (bureau.a.username, "oa.return", "已退回：需要通知的公文"),
    ]
    assert {n.url for n in about} == {f"/admin/oa/item/{doc.pk}/"}
    assert not about.filter(recipient__in=[bureau.stranger, bureau.c]).exists()


def test_notification_is_delivered_by_mail_unless_the_user_turned_it_off(bureau, mailoutbox, django_capture_on_commit_callbacks):
    from intranet.notify.models import Preference

    with django_capture_on_commit_callbacks(execute=True):
        doc = bureau.document(title="邮件通知的公文")
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    assert any("邮件通知的公文" in m.subject for m in mailoutbox)
    mailoutbox.clear()
    Preference.objects.update_or_create(user=bureau.c, event="oa.task", channel="email", defaults={"enabled": False})
    with django_capture_on_commit_callbacks(execute=True):
        doc = bureau.document(title="不要邮件的公文")
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.c])])
    assert not any("不要邮件的公文" in m.subject for m in mailoutbox)


def test_parallel_numbering_gives_unique_continuous_numbers(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locking is exercised on PostgreSQL; SQLite serialises writers anyway")
    from core.models import Sequence
    from intranet.org.models import Department

    unit = Department.objects.order_by("pk").first()  # committed by the demo database
    try:
        batches = in_threads(
            lambda i: [assign_number(OfficialDocument(doc_kind=Kind.OUTGOING), unit, 2099) for _ in range(10)], 5
        )
    finally:
        committed(lambda: Sequence.objects.filter(key=f"oa:{unit.code}:outgoing:2099").delete())
    numbers = [n for batch in batches for n in batch]
    pattern = pattern_for(unit, Kind.OUTGOING)  # the demo gives the office 浦环保〔{year}〕{seq}号
    assert sorted(numbers, key=lambda n: int(n.split("〕")[1][:-1])) == [
        format_number(pattern, unit, 2099, seq) for seq in range(1, 51)
    ]
