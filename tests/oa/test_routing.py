"""The routing engine: serial and parallel steps, 加签, 退回, 收回, 催办, closing, 流转人次."""

from datetime import timedelta

import pytest
from django.utils import timezone
from intranet.oa.models import OALogEntry

from intranet.oa import routing
from intranet.oa.choices import Action, ItemStatus, Kind, StepStatus, TaskStatus
from intranet.oa.routing import Hop, RoutingError
from intranet.oa.stats import routing_count


def states(item):
    return [(s.action, s.status, sorted(t.user.first_name for t in s.tasks.all())) for s in item.steps.order_by("seq")]


def actions_logged(item):
    return list(OALogEntry.objects.filter(item_id=item.pk).order_by("timestamp", "pk").values_list("action", flat=True))


def test_parallel_step_needs_both_then_closes(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a, bureau.b], parallel=True)])
    doc.refresh_from_db()
    assert doc.status == ItemStatus.ROUTING
    assert set(routing.allowed(doc, bureau.a)) >= {"complete", "forward", "return"}
    routing.complete(doc, bureau.a, "已安排人员检查。")
    assert "close" not in routing.allowed(doc, bureau.registrar)  # b has not finished
    with pytest.raises(RoutingError, match="还有未办理完毕的步骤"):
        routing.close(doc, bureau.registrar)
    routing.complete(doc, bureau.b, "已完成监测。")
    routing.close(doc, bureau.registrar)
    doc.refresh_from_db()
    assert doc.status == ItemStatus.CLOSED and doc.closed_at
    assert routing_count(doc) == 2
    assert actions_logged(doc) == ["oa.send", "oa.complete", "oa.complete", "oa.close"]


def test_serial_route_reaches_people_one_after_another(bureau):
    doc = bureau.document(kind=Kind.READ)
    routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a, bureau.c])])
    assert states(doc) == [
        (Action.READ, StepStatus.ACTIVE, ["办理甲"]),
        (Action.READ, StepStatus.PENDING, ["办理丙"]),
    ]
    assert routing.open_task_of(doc, bureau.c) is None  # not arrived yet
    with pytest.raises(RoutingError, match="没有待办"):
        routing.complete(doc, bureau.c, "")
    routing.complete(doc, bureau.a, "")  # 阅 needs no opinion on a 阅件
    assert routing.open_task_of(doc, bureau.c) is not None
    assert routing_count(doc) == 2


def test_handling_needs_an_opinion(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    with pytest.raises(RoutingError, match="须填写意见"):
        routing.complete(doc, bureau.a, "   ")
    assert routing.open_task_of(doc, bureau.a).status == TaskStatus.WAITING


def test_forward_adds_steps_after_the_current_one(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a]), Hop(Action.READ, [bureau.c])])
    routing.complete(doc, bureau.a, "请乙协办。", plan=[Hop(Action.HANDLE, [bureau.b])])
    assert states(doc) == [
        (Action.HANDLE, StepStatus.DONE, ["办理甲"]),
        (Action.HANDLE, StepStatus.ACTIVE, ["办理乙"]),
        (Action.READ, StepStatus.PENDING, ["办理丙"]),
    ]
    assert "oa.forward" in actions_logged(doc)


def test_return_sends_back_to_previous_step_and_then_again(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a]), Hop(Action.SIGN_OFF, [bureau.leader])])
    routing.complete(doc, bureau.a, "拟同意。")
    with pytest.raises(RoutingError, match="理由"):
        routing.return_step(doc, bureau.leader, "")
    routing.return_step(doc, bureau.leader, "数据不全，请补充。")
    assert states(doc) == [
        (Action.HANDLE, StepStatus.DONE, ["办理甲"]),
        (Action.SIGN_OFF, StepStatus.RETURNED, ["站长"]),
        (Action.HANDLE, StepStatus.ACTIVE, ["办理甲"]),
        (Action.SIGN_OFF, StepStatus.PENDING, ["站长"]),
    ]
    routing.complete(doc, bureau.a, "已补充数据。")
    routing.complete(doc, bureau.leader, "同意。")
    routing.close(doc, bureau.registrar)
    assert routing_count(doc) == 4  # a, leader (returned), a again, leader again


def test_return_from_the_first_step_gives_a_draft_back(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a]), Hop(Action.READ, [bureau.c])])
    routing.return_step(doc, bureau.a, "不属于本处职责。")
    doc.refresh_from_db()
    assert doc.status == ItemStatus.DRAFT
    assert [s.status for s in doc.steps.order_by("seq")] == [StepStatus.RETURNED, StepStatus.RECALLED]
    assert "send" in routing.allowed(doc, bureau.registrar)


def test_recall_only_before_opening_and_only_by_the_sender(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a, bureau.b], parallel=True)])
    assert "recall" not in routing.allowed(doc, bureau.a)
    with pytest.raises(RoutingError, match="发送人"):
        routing.recall(doc, bureau.a)
    routing.open_item(doc, bureau.b)
    with pytest.raises(RoutingError, match="已有办理人打开"):
        routing.recall(doc, bureau.registrar)


def test_recall_returns_an_unopened_item_to_draft_and_nothing_counts(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a]), Hop(Action.READ, [bureau.c])])
    routing.recall(doc, bureau.registrar)
    doc.refresh_from_db()
    assert doc.status == ItemStatus.DRAFT
    assert routing_count(doc) == 0
    assert routing.open_task_of(doc, bureau.a) is None


def test_recall_of_a_forward_gives_the_forwarder_her_task_back(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    routing.complete(doc, bureau.a, "转乙办理。", plan=[Hop(Action.HANDLE, [bureau.b])])
    routing.recall(doc, bureau.a)
    task = routing.open_task_of(doc, bureau.a)
    assert task is not None and task.status == TaskStatus.OPENED
    assert routing.open_task_of(doc, bureau.b) is None


def test_urge_at_most_once_a_day_per_step(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    with pytest.raises(RoutingError, match="发送人或主办单位"):
        routing.urge(doc, bureau.stranger)
    now = timezone.now()
    routing.urge(doc, bureau.registrar, now=now)
    assert "urge" not in routing.allowed(doc, bureau.registrar, now=now)
    with pytest.raises(RoutingError, match="今天已经催办过"):
        routing.urge(doc, bureau.registrar, now=now)
    routing.urge(doc, bureau.registrar, now=now + timedelta(days=1))


def test_send_refuses_bad_plans_and_wrong_people(bureau):
    doc = bureau.document()
    with pytest.raises(RoutingError, match="至少安排"):
        routing.send(doc, bureau.registrar, [])
    with pytest.raises(RoutingError, match="没有选择办理人"):
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [])])
    with pytest.raises(RoutingError, match="重复"):
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a, bureau.a], parallel=True)])
    with pytest.raises(RoutingError, match="拟稿人或本单位收文登记人员"):
        routing.send(doc, bureau.stranger, [Hop(Action.READ, [bureau.a])])
    bureau.a.is_active = False
    bureau.a.save()
    with pytest.raises(RoutingError, match="不是在职工作人员"):
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    assert doc.steps.count() == 0


def test_closed_item_refuses_everything(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    routing.complete(doc, bureau.a, "办结。")
    routing.close(doc, bureau.registrar)
    with pytest.raises(RoutingError, match="已办结"):
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.c])])
    with pytest.raises(RoutingError, match="已办结"):
        routing.close(doc, bureau.registrar)


def test_outgoing_document_is_signed_off_numbered_and_issued(bureau):
    doc = bureau.document(kind=Kind.OUTGOING, by=bureau.a, title="关于加强夏季河道保洁工作的通知")
    routing.send(doc, bureau.a, [
        Hop(Action.CHECK, [bureau.c]),
        Hop(Action.COUNTERSIGN, [bureau.b, bureau.leader], parallel=True),
        Hop(Action.SIGN_OFF, [bureau.leader]),
    ])
    routing.complete(doc, bureau.c, "文字已核。")
    assert "number" not in routing.allowed(doc, bureau.registrar)
    routing.complete(doc, bureau.b, "同意。")
    routing.complete(doc, bureau.leader, "同意。")
    with pytest.raises(RoutingError, match="签发后"):
        routing.number(doc, bureau.registrar)
    routing.complete(doc, bureau.leader, "签发。")
    with pytest.raises(RoutingError, match="先编号"):
        routing.close(doc, bureau.a)
    with pytest.raises(RoutingError, match="收文登记人员"):
        routing.number(doc, bureau.a)
    number = routing.number(doc, bureau.registrar)
    assert number == f"测环保〔{timezone.localdate().year}〕1号"
    assert routing.allowed(doc, bureau.a)["close"] == "印发"
    routing.close(doc, bureau.a)
    doc.refresh_from_db()
    assert doc.issued_at and doc.written_on and doc.number == number
    assert routing_count(doc) == 4  # 核稿 1, 会签 2, 签发 1


def test_contact_sheet_reply_is_kept_on_the_sheet(bureau):
    sheet = bureau.contact_sheet()
    routing.send(sheet, bureau.a, [Hop(Action.REPLY, [bureau.b])])
    routing.complete(sheet, bureau.b, "数据已整理，见附件。")
    sheet.refresh_from_db()
    assert sheet.reply == "数据已整理，见附件。" and sheet.replied_at


def test_exchange_is_accepted_into_the_receiving_units_register(bureau):
    doc = bureau.document(kind=Kind.READ)
    routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    with pytest.raises(RoutingError, match="收文登记人员"):
        routing.send_exchange(doc, bureau.a, [bureau.unit])
    [exchange] = routing.send_exchange(doc, bureau.registrar, [bureau.unit, bureau.office])
    with pytest.raises(RoutingError, match="已发送过"):
        routing.send_exchange(doc, bureau.registrar, [bureau.unit])
    with pytest.raises(RoutingError, match="接收单位的收文登记人员"):
        routing.accept_exchange(exchange, bureau.registrar)
    received = routing.accept_exchange(exchange, bureau.unit_registrar, Kind.HANDLE)
    assert received.owner == bureau.unit and received.source_unit == bureau.office.name
    assert received.doc_kind == Kind.HANDLE and received.status == ItemStatus.DRAFT
    exchange.refresh_from_db()
    assert exchange.status == "accepted" and exchange.received == received
    with pytest.raises(RoutingError, match="已签收"):
        routing.decline_exchange(exchange, bureau.unit_registrar, "重复")
    routing.send(received, bureau.unit_registrar, [Hop(Action.HANDLE, [bureau.b])])
    assert routing.open_task_of(received, bureau.b) is not None


def test_opening_is_logged_and_marks_the_task_opened(bureau):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    routing.open_item(doc, bureau.a)
    assert routing.open_task_of(doc, bureau.a).status == TaskStatus.OPENED
    assert actions_logged(doc)[-1] == "oa.open"
