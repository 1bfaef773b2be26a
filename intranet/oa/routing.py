"""The routing engine (流转): a small state machine in plain Python.

An item's route is an ordered list of steps; a step gives one action (阅, 办, 核稿, 会签, 签发,
批示, 回复) to one person or to several at once (并行). A 串行 route for several people is a chain
of one-person steps. Each person on a step holds a task, and each task that reaches its holder
is one 流转人次.

    拟稿 --send--> 流转中 --(complete | forward | return | recall | urge)*--> --close--> 已办结

Every transition locks the item row, refuses an illegal move with a RoutingError carrying a
Chinese message, changes the route, writes Wagtail's audit log and tells the people concerned
through 信息精灵. TRANSITIONS drives the engine, the admin's buttons and forms alike: a button is
offered only when `allowed()` says the engine would accept it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from intranet.org.models import department_of

from . import events
from .access import REGISTRAR_GROUP, is_registrar, is_staff_member, may_manage, may_view
from .choices import OPINION_REQUIRED, Action, ExchangeStatus, ItemStatus, Kind, StepStatus, TaskStatus
from .models import Attachment, ContactSheet, Exchange, OfficeItem, OfficialDocument, Step, Task
from .numbering import assign_number


class RoutingError(Exception):
    """An illegal move; the message is shown to the person who tried it."""


# Who may perform a transition.
MANAGER = "manager"  # the item's creator or a registrar of its owning unit
HOLDER = "holder"  # the person holding an open task of the active step
SENDER = "sender"  # who sent the step (or the item's manager)
REGISTRAR = "registrar"  # a registrar of the owning unit
RECEIVER = "receiver"  # a registrar of the unit an exchange is addressed to

# name -> (Chinese label, item states it may start from, who)
TRANSITIONS = {
    "send": ("发送", (ItemStatus.DRAFT, ItemStatus.ROUTING), MANAGER),
    "complete": ("办理完毕", (ItemStatus.ROUTING,), HOLDER),
    "forward": ("加签", (ItemStatus.ROUTING,), HOLDER),
    "return": ("退回", (ItemStatus.ROUTING,), HOLDER),
    "recall": ("收回", (ItemStatus.ROUTING,), SENDER),
    "urge": ("催办", (ItemStatus.ROUTING,), SENDER),
    "close": ("办结", (ItemStatus.ROUTING,), MANAGER),
    "number": ("编号", (ItemStatus.ROUTING,), REGISTRAR),
    "exchange": ("公文交换", (ItemStatus.ROUTING, ItemStatus.CLOSED), REGISTRAR),
    "accept_exchange": ("签收", None, RECEIVER),
    "decline_exchange": ("退回交换", None, RECEIVER),
}
CLOSE_LABELS = {Kind.OUTGOING: "印发"}


@dataclass
class Hop:
    """One entry of a routing plan: an action for some people, 并行 (all at once) or 串行."""

    action: str
    users: list = field(default_factory=list)
    parallel: bool = False
    due_at: datetime | None = None


def label(name, item=None):
    if name == "close" and item is not None:
        return CLOSE_LABELS.get(item.kind, TRANSITIONS[name][0])
    return TRANSITIONS[name][0]


# --- reading the route ----------------------------------------------------------------------


def active_step(item):
    return item.steps.filter(status=StepStatus.ACTIVE).first()


def open_task_of(item, user):
    """The user's open task on the item's active step, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Task.objects.select_related("step")
        .filter(item=item, user=user, step__status=StepStatus.ACTIVE, status__in=(TaskStatus.WAITING, TaskStatus.OPENED))
        .first()
    )


def has_remaining_steps(item):
    return item.steps.filter(status__in=(StepStatus.ACTIVE, StepStatus.PENDING)).exists()


def recallable_step(item, user):
    """The active step `user` sent and nobody has opened yet, or None."""
    step = active_step(item)
    if step is None or step.sent_by_id != getattr(user, "pk", None):
        return None
    if step.tasks.exclude(opened_at=None).exists() or step.tasks.filter(status=TaskStatus.DONE).exists():
        return None
    return step


def allowed(item, user, now=None):
    """The transitions `user` may perform on `item` now, as {name: label}."""
    result = {}
    if not is_staff_member(user):
        return result
    now = now or timezone.now()
    item = OfficeItem.objects.select_related("owner").get(pk=item.pk)  # the current state, not a stale copy
    number = OfficialDocument.objects.filter(pk=item.pk).values_list("number", flat=True).first()
    manager = may_manage(user, item)
    step = active_step(item) if item.status == ItemStatus.ROUTING else None
    if manager and (item.status == ItemStatus.DRAFT or (item.status == ItemStatus.ROUTING and step is None and not has_remaining_steps(item))):
        result["send"] = label("send")
    if step is not None and open_task_of(item, user) is not None:
        for name in ("complete", "forward", "return"):
            result[name] = label(name)
    if step is not None and recallable_step(item, user) is not None:
        result["recall"] = label("recall")
    if step is not None and (manager or step.sent_by_id == user.pk) and step.last_urged_on != timezone.localdate(now):
        result["urge"] = label("urge")
    if item.status == ItemStatus.ROUTING and manager and not has_remaining_steps(item):
        if item.kind != Kind.OUTGOING or number:
            result["close"] = label("close", item)
    if item.kind == Kind.OUTGOING and item.status == ItemStatus.ROUTING and is_registrar(user, item.owner):
        if not number and _signed_off(item):
            result["number"] = label("number")
    if item.is_document and is_registrar(user, item.owner) and item.status in TRANSITIONS["exchange"][1]:
        if item.kind != Kind.OUTGOING or item.status == ItemStatus.CLOSED:
            result["exchange"] = label("exchange")
    return result


def _signed_off(item):
    return item.steps.filter(action=Action.SIGN_OFF, status=StepStatus.DONE).exists()


# --- helpers --------------------------------------------------------------------------------


def _lock(item):
    return OfficeItem.objects.select_for_update().get(pk=item.pk)


def _refuse_unless(condition, message):
    if not condition:
        raise RoutingError(message)


def _check(name, item, user):
    lbl, states, _ = TRANSITIONS[name]
    _refuse_unless(is_staff_member(user), "只有本局工作人员可以办理公文。")
    if states is not None:
        _refuse_unless(item.status in states, f"该件当前状态为“{item.get_status_display()}”，不能{label(name, item)}。")


def _log(item, name, user, **data):
    log(instance=item, action=f"oa.{name}", user=user, data={k: v for k, v in data.items() if v not in (None, "")})


def _validate_plan(plan):
    _refuse_unless(plan, "请至少安排一个流转步骤。")
    for hop in plan:
        _refuse_unless(hop.action in Action.values, "流转环节无效。")
        _refuse_unless(hop.users, f"“{Action(hop.action).label}”环节没有选择办理人。")
        for person in hop.users:
            _refuse_unless(is_staff_member(person), f"{person} 不是在职工作人员，不能接收公文。")
        _refuse_unless(len({u.pk for u in hop.users}) == len(hop.users), "同一环节不能重复选择同一人。")


def _expand(plan):
    """(action, users, due) per step: a 串行 hop for n people becomes n one-person steps."""
    for hop in plan:
        if hop.parallel or len(hop.users) == 1:
            yield hop.action, list(hop.users), hop.due_at
        else:
            for person in hop.users:
                yield hop.action, [person], hop.due_at


def _insert_steps(item, plan, user, after_seq, now):
    """Create the plan's steps right after `after_seq` (later steps move down); return them."""
    rows = list(_expand(plan))
    later = list(item.steps.filter(seq__gt=after_seq).order_by("-seq"))
    for step in later:  # from the end, so (item, seq) stays unique at every UPDATE
        Step.objects.filter(pk=step.pk).update(seq=step.seq + len(rows))
    batch = (item.steps.aggregate(m=Max("batch"))["m"] or 0) + 1
    created = []
    for offset, (action, people, due) in enumerate(rows, start=1):
        step = Step.objects.create(
            item=item, seq=after_seq + offset, action=action, due_at=due, batch=batch, sent_by=user, sent_at=now
        )
        Task.objects.bulk_create(
            Task(step=step, item=item, user=person, department=department_of(person)) for person in people
        )
        created.append(step)
    return created


def _activate(item, step, now):
    step.status = StepStatus.ACTIVE
    step.activated_at = now
    step.save(update_fields=["status", "activated_at"])
    step.tasks.update(status=TaskStatus.WAITING, arrived_at=now)
    users = [task.user for task in step.tasks.select_related("user")]
    events.tasks_arrived(item, step, users)


def _activate_next(item, after_seq, now):
    nxt = item.steps.filter(status=StepStatus.PENDING, seq__gt=after_seq).order_by("seq").first()
    if nxt is not None:
        _activate(item, nxt, now)
    return nxt


def _last_seq(item):
    return item.steps.aggregate(m=Max("seq"))["m"] or 0


def _finish_step_if_done(item, step, now):
    if step.tasks.filter(status__in=(TaskStatus.WAITING, TaskStatus.OPENED)).exists():
        return False
    step.status = StepStatus.DONE
    step.completed_at = now
    step.save(update_fields=["status", "completed_at"])
    _activate_next(item, step.seq, now)
    return True


# --- transitions ----------------------------------------------------------------------------


@transaction.atomic
def send(item, user, plan, now=None):
    """Start (or continue, once all steps are done) the item's route with `plan`."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("send", locked, user)
    _refuse_unless(may_manage(user, locked), "只有拟稿人或本单位收文登记人员可以发送。")
    _refuse_unless(not has_remaining_steps(locked), "该件仍在流转中，请待当前步骤办理完毕后再发送。")
    _validate_plan(plan)
    steps = _insert_steps(locked, plan, user, _last_seq(locked), now)
    locked.status = ItemStatus.ROUTING
    locked.save(update_fields=["status", "updated_at"])
    _activate(locked, steps[0], now)
    _log(locked, "send", user, steps=[f"{s.get_action_display()}:{s.tasks.count()}" for s in steps])
    return steps


def _holder_task(locked, user, name):
    task = open_task_of(locked, user)
    _refuse_unless(task is not None, f"您在该件当前环节没有待办，不能{label(name)}。")
    return task


def _require_opinion(locked, task, opinion):
    needs = task.step.action in OPINION_REQUIRED or locked.kind == Kind.HANDLE
    _refuse_unless(not needs or opinion.strip(), f"“{task.step.get_action_display()}”须填写意见。")


@transaction.atomic
def complete(item, user, opinion="", plan=None, now=None):
    """The holder finishes her task with an opinion (required for 办, 核稿, 会签, 签发, 批示, 回复
    and on every 办件); with a `plan` she also adds steps after the current one (加签)."""
    now = now or timezone.now()
    name = "forward" if plan else "complete"
    locked = _lock(item)
    _check(name, locked, user)
    task = _holder_task(locked, user, name)
    _require_opinion(locked, task, opinion)
    if plan:
        _validate_plan(plan)
        _insert_steps(locked, plan, user, task.step.seq, now)
    task.status = TaskStatus.DONE
    task.opinion = opinion.strip()
    task.completed_at = now
    task.opened_at = task.opened_at or now
    task.save(update_fields=["status", "opinion", "completed_at", "opened_at"])
    if task.step.action == Action.REPLY and locked.kind == Kind.CONTACT:
        ContactSheet.objects.filter(pk=locked.pk).update(reply=task.opinion, replied_at=now)
    _finish_step_if_done(locked, task.step, now)
    locked.save(update_fields=["updated_at"])
    _log(locked, name, user, step=task.step.seq, action=task.step.action, opinion=task.opinion[:200])
    return task


@transaction.atomic
def return_step(item, user, reason, now=None):
    """退回: the holder sends the item back to the previous step, which is done again (and then
    her step after it); with no previous step it goes back to the sender as a draft."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("return", locked, user)
    task = _holder_task(locked, user, "return")
    _refuse_unless(reason.strip(), "退回须说明理由。")
    step = task.step
    step.tasks.filter(status__in=(TaskStatus.WAITING, TaskStatus.OPENED)).exclude(pk=task.pk).update(
        status=TaskStatus.RETURNED
    )
    task.status = TaskStatus.RETURNED
    task.opinion = reason.strip()
    task.completed_at = now
    task.opened_at = task.opened_at or now
    task.save(update_fields=["status", "opinion", "completed_at", "opened_at"])
    step.status = StepStatus.RETURNED
    step.completed_at = now
    step.save(update_fields=["status", "completed_at"])
    previous = locked.steps.filter(seq__lt=step.seq, status=StepStatus.DONE).order_by("-seq").first()
    if previous is None:
        # Back to the sender: the rest of the route is withdrawn; she revises and sends again.
        later = locked.steps.filter(status=StepStatus.PENDING)
        Task.objects.filter(step__in=later).update(status=TaskStatus.RECALLED)
        later.update(status=StepStatus.RECALLED)
        locked.status = ItemStatus.DRAFT if not locked.steps.filter(status=StepStatus.DONE).exists() else locked.status
        locked.save(update_fields=["status", "updated_at"])
        events.returned(locked, [locked.created_by])
    else:
        redo = [
            Hop(previous.action, [t.user for t in previous.tasks.filter(status=TaskStatus.DONE).select_related("user")], True, previous.due_at),
            Hop(step.action, [t.user for t in step.tasks.select_related("user")], True, step.due_at),
        ]
        new_steps = _insert_steps(locked, redo, user, step.seq, now)
        _activate(locked, new_steps[0], now)
        events.returned(locked, [t.user for t in new_steps[0].tasks.select_related("user")])
    _log(locked, "return", user, step=step.seq, reason=reason.strip()[:200])
    return step


@transaction.atomic
def recall(item, user, now=None):
    """收回: the sender takes back the active step she sent, before anyone on it opened it; the
    rest of that sending goes with it. Her own task comes back to her if she forwarded it; an
    item nobody has acted on returns to draft."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("recall", locked, user)
    step = active_step(locked)
    _refuse_unless(step is not None and step.sent_by_id == user.pk, "只有发送人可以收回。")
    _refuse_unless(recallable_step(locked, user) is not None, "已有办理人打开，不能收回。")
    batch = locked.steps.filter(batch=step.batch, status__in=(StepStatus.ACTIVE, StepStatus.PENDING))
    Task.objects.filter(step__in=batch).update(status=TaskStatus.RECALLED)
    batch.update(status=StepStatus.RECALLED)
    previous = locked.steps.filter(seq__lt=step.seq, status=StepStatus.DONE).order_by("-seq").first()
    mine = previous.tasks.filter(user=user, status=TaskStatus.DONE).first() if previous else None
    if mine is not None:
        Step.objects.filter(pk=previous.pk).update(status=StepStatus.ACTIVE, completed_at=None)
        Task.objects.filter(pk=mine.pk).update(status=TaskStatus.OPENED, completed_at=None)
    elif not locked.steps.filter(status=StepStatus.DONE).exists():
        locked.status = ItemStatus.DRAFT
    else:
        # Earlier steps stay done: the route continues once the manager sends it on.
        later = locked.steps.filter(seq__gt=step.seq, status=StepStatus.PENDING)
        if later.exists():
            _activate_next(locked, step.seq, now)
    locked.save(update_fields=["status", "updated_at"])
    _log(locked, "recall", user, step=step.seq)
    return step


@transaction.atomic
def urge(item, user, now=None):
    """催办: remind the holders of the active step; at most once a day per step."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("urge", locked, user)
    step = active_step(locked)
    _refuse_unless(step is not None, "该件没有正在办理的步骤。")
    _refuse_unless(may_manage(user, locked) or step.sent_by_id == user.pk, "只有发送人或主办单位可以催办。")
    today = timezone.localdate(now)
    _refuse_unless(step.last_urged_on != today, "该步骤今天已经催办过，每个步骤每天最多催办一次。")
    step.last_urged_on = today
    step.save(update_fields=["last_urged_on"])
    holders = [t.user for t in step.tasks.filter(status__in=(TaskStatus.WAITING, TaskStatus.OPENED)).select_related("user")]
    events.urged(locked, step, holders)
    _log(locked, "urge", user, step=step.seq)
    return step


@transaction.atomic
def close(item, user, now=None):
    """办结 (发文: 印发) once every step is done; an outgoing document needs its 文号 first."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("close", locked, user)
    _refuse_unless(may_manage(user, locked), "只有拟稿人或本单位收文登记人员可以办结。")
    _refuse_unless(not has_remaining_steps(locked), "还有未办理完毕的步骤，不能办结。")
    _refuse_unless(locked.steps.filter(status=StepStatus.DONE).exists(), "该件尚未流转，不能办结。")
    if locked.kind == Kind.OUTGOING:
        doc = OfficialDocument.objects.get(pk=locked.pk)
        _refuse_unless(doc.number, "发文须先编号，才能印发。")
        OfficialDocument.objects.filter(pk=locked.pk).update(issued_at=now)
    locked.status = ItemStatus.CLOSED
    locked.closed_at = now
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    _log(locked, "close", user)
    return locked


@transaction.atomic
def number(item, user, now=None):
    """编号: give a signed-off outgoing document its 文号."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("number", locked, user)
    _refuse_unless(locked.kind == Kind.OUTGOING, "只有发文需要编号。")
    _refuse_unless(is_registrar(user, locked.owner), "只有本单位收文登记人员可以编号。")
    doc = OfficialDocument.objects.get(pk=locked.pk)
    _refuse_unless(not doc.number, f"该文已编号：{doc.number}。")
    _refuse_unless(_signed_off(locked), "发文须经签发后才能编号。")
    assign_number(doc, locked.owner, timezone.localdate(now).year)
    doc.written_on = doc.written_on or timezone.localdate(now)
    OfficialDocument.objects.filter(pk=doc.pk).update(
        number=doc.number, number_year=doc.number_year, number_seq=doc.number_seq,
        numbered_by=doc.numbered_by, written_on=doc.written_on,
    )
    _log(locked, "number", user, number=doc.number)
    return doc.number


@transaction.atomic
def send_exchange(item, user, units, note="", now=None):
    """公文交换: put the document into other units' 收文 registers."""
    now = now or timezone.now()
    locked = _lock(item)
    _check("exchange", locked, user)
    _refuse_unless(locked.is_document, "只有公文可以交换。")
    _refuse_unless(is_registrar(user, locked.owner), "只有本单位收文登记人员可以交换公文。")
    _refuse_unless(locked.kind != Kind.OUTGOING or locked.status == ItemStatus.CLOSED, "发文须印发后才能交换。")
    units = [u for u in units if u.pk != locked.owner_id]
    _refuse_unless(units, "请选择接收单位（不含本单位）。")
    already = set(Exchange.objects.filter(document_id=locked.pk, to_unit__in=units).values_list("to_unit__name", flat=True))
    _refuse_unless(not already, f"已发送过：{'、'.join(sorted(already))}。")
    rows = Exchange.objects.bulk_create(
        Exchange(document_id=locked.pk, from_unit=locked.owner, to_unit=unit, sent_by=user, sent_at=now, note=note[:200])
        for unit in units
    )
    registrars = _registrars_of(units)
    events.exchange_arrived(locked, registrars)
    _log(locked, "exchange", user, to=[u.name for u in units])
    return rows


def _registrars_of(units):
    return list(
        get_user_model().objects.filter(
            is_active=True, groups__name=REGISTRAR_GROUP, staff_profile__department__in=units
        ).distinct()
    )


def _lock_exchange(exchange, user, name):
    locked = Exchange.objects.select_for_update().select_related("document", "to_unit", "from_unit").get(pk=exchange.pk)
    _refuse_unless(is_staff_member(user) and is_registrar(user, locked.to_unit), f"只有接收单位的收文登记人员可以{label(name)}。")
    _refuse_unless(locked.status == ExchangeStatus.SENT, f"该交换件已{locked.get_status_display()}。")
    return locked


@transaction.atomic
def accept_exchange(exchange, user, doc_kind=Kind.READ, now=None):
    """签收: the receiving unit registers the document as its own 阅件 or 办件, ready to route."""
    now = now or timezone.now()
    locked = _lock_exchange(exchange, user, "accept_exchange")
    _refuse_unless(doc_kind in (Kind.READ, Kind.HANDLE), "签收时请选择阅件或办件。")
    source = locked.document
    received = OfficialDocument.objects.create(
        doc_kind=doc_kind, title=source.title, body=source.body, owner=locked.to_unit, created_by=user,
        created_at=now, secrecy=source.secrecy, urgency=source.urgency, deadline=source.deadline,
        source_unit=locked.from_unit.name, source_number=source.number or "",
        main_recipients=source.main_recipients, written_on=source.written_on,
    )
    Attachment.objects.bulk_create(
        Attachment(item=received, document_id=a.document_id, added_by=user, added_at=now) for a in source.attachments.all()
    )
    locked.status = ExchangeStatus.ACCEPTED
    locked.handled_by = user
    locked.handled_at = now
    locked.received = received
    locked.save()
    _log(source, "accept_exchange", user, unit=locked.to_unit.name)
    _log(received, "register", user, source=locked.from_unit.name)
    return received


@transaction.atomic
def decline_exchange(exchange, user, reason, now=None):
    now = now or timezone.now()
    locked = _lock_exchange(exchange, user, "decline_exchange")
    _refuse_unless(reason.strip(), "退回须说明理由。")
    locked.status = ExchangeStatus.DECLINED
    locked.handled_by = user
    locked.handled_at = now
    locked.note = reason.strip()[:200]
    locked.save()
    _log(locked.document, "decline_exchange", user, unit=locked.to_unit.name, reason=locked.note)
    return locked


def open_item(item, user, now=None):
    """Record that `user` opened the item: audit-log it, and mark her waiting task opened (which
    ends the sender's chance to recall it). The caller has checked may_view."""
    now = now or timezone.now()
    Task.objects.filter(item=item, user=user, status=TaskStatus.WAITING, step__status=StepStatus.ACTIVE).update(
        status=TaskStatus.OPENED, opened_at=now
    )
    _log(item, "open", user)


def check_view(item, user):
    _refuse_unless(may_view(user, item), "您无权查看该件。")
