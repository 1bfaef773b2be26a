"""The life of a 两会议案 as a small transition table:

    交办 --start--> 办理中 --reply--> 已答复 --close--> 已办结
    (urge: 催办 while 交办 or 办理中; the state stays)

Every move locks the row, refuses an illegal move with a TransitionError carrying a Chinese
message, writes the audit log and tells the people concerned through 信息精灵. TRANSITIONS
drives the engine and the admin's buttons alike: a button is offered only when `allowed()` says
the move would be accepted."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import events
from .access import is_co_staff, is_lead_staff, is_supervisor, may_view
from .choices import OPEN_STATES, OPEN_TASK_STATES, Feedback, Source, State, TaskState
from .models import ProgressReport, Proposal, SupervisionTask


class TransitionError(Exception):
    """An illegal move; the message is shown to the person who tried it."""


LEAD = "lead"  # staff of the lead (主办/牵头) department
HANDLERS = "handlers"  # staff of the lead or a co department
SUPERVISOR = "supervisor"  # leaders and 信息中心管理员

# name -> (Chinese label, states it may start from, who, state it leads to (None: unchanged))
TRANSITIONS = {
    "start": ("开始办理", (State.ASSIGNED,), LEAD, State.HANDLING),
    "reply": ("答复", (State.HANDLING,), LEAD, State.REPLIED),
    "close": ("办结", (State.REPLIED,), SUPERVISOR, State.CLOSED),
    "urge": ("催办", OPEN_STATES, SUPERVISOR, None),
}
# The 督办 items' table: 待签收 --sign--> 办理中 --close--> 已办结; report (反馈) and urge keep the state.
TASK_TRANSITIONS = {
    "sign": ("签收", (TaskState.ASSIGNED,), LEAD, TaskState.SIGNED),
    "report": ("反馈进展", (TaskState.SIGNED,), HANDLERS, None),
    "close": ("办结", (TaskState.SIGNED,), SUPERVISOR, TaskState.CLOSED),
    "urge": ("催办", OPEN_TASK_STATES, SUPERVISOR, None),
}
WHO = {LEAD: "主办部门的工作人员", HANDLERS: "牵头或配合部门的工作人员", SUPERVISOR: "局领导或信息中心管理员"}
NOUN = {Proposal: "议案", SupervisionTask: "督办事项"}


def table_of(item):
    return TASK_TRANSITIONS if isinstance(item, SupervisionTask) else TRANSITIONS


def _may_act(user, item, who):
    if who == LEAD:
        return is_lead_staff(user, item)
    if who == HANDLERS:
        return is_lead_staff(user, item) or is_co_staff(user, item)
    return is_supervisor(user)


def allowed(item, user):
    """{name: label} of the moves `user` may make on `item` (a proposal or a 督办 item) now."""
    return {
        name: label
        for name, (label, states, who, _) in table_of(item).items()
        if item.state in states and _may_act(user, item, who)
    }


def _check(item, user, name):
    label, states, who, _ = table_of(item)[name]
    if not may_view(user, item):
        raise TransitionError(f"您无权办理该{NOUN[type(item)]}。")
    if item.state not in states:
        raise TransitionError(f"该{NOUN[type(item)]}当前状态为“{item.get_state_display()}”，不能{label}。")
    if not _may_act(user, item, who):
        raise TransitionError(f"只有{WHO[who]}可以{label}。")


def assigned(proposal, user):
    """A new proposal was registered (交办): log it and tell the lead department."""
    log(proposal, "supervision.assign", user=user)
    events.assigned(proposal)


def transition(proposal, user, name, *, reply="", feedback=""):
    """Make move `name`; returns the updated proposal or raises TransitionError."""
    if name not in TRANSITIONS:
        raise TransitionError("未知的操作。")
    if name == "reply" and not reply.strip():
        raise TransitionError("请填写答复内容。")
    if name == "close" and feedback not in Feedback.values:
        raise TransitionError("请选择代表或委员对答复的反馈意见。")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        _check(locked, user, name)
        target = TRANSITIONS[name][3]
        data = {"from": locked.state}
        if target is not None:
            locked.state = target
            data["to"] = target
        now = timezone.now()
        if name == "reply":
            locked.reply, locked.replied_at = reply.strip(), now
        if name == "close":
            locked.feedback, locked.closed_at = feedback, now
            data["feedback"] = feedback
        locked.save()
        log(locked, f"supervision.{name}", user=user, data=data)
        if name == "reply":
            events.replied(locked)
        if name == "urge":
            events.urged(locked)
    return locked


def spawn_task(proposal, user, working_days=10, start_date=None):
    """Turn a proposal into a 督办 item (once): same title and departments, deadline in working days."""
    if not is_supervisor(user) or not may_view(user, proposal):
        raise TransitionError("只有局领导或信息中心管理员可以将议案列入督办。")
    if not proposal.is_open:
        raise TransitionError("该议案已答复或办结，无需督办。")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if SupervisionTask.objects.filter(proposal=locked).exists():
            raise TransitionError("该议案已列入督办。")
        task = SupervisionTask.objects.create(
            source=Source.PROPOSAL, proposal=locked, title=locked.title, content=f"{locked.code}：{locked.content}".strip("："),
            lead_department_id=locked.lead_department_id, start_date=start_date or timezone.localdate(),
            working_days=working_days, created_by=user,
        )
        task.co_departments.set(locked.co_departments.all())
        task_assigned(task, user)
    return task


def task_assigned(task, user):
    log(task, "supervision.task_assign", user=user)
    events.task_assigned(task)


def task_transition(task, user, name, *, text=""):
    """Make move `name` on a 督办 item; returns it updated or raises TransitionError."""
    if name not in TASK_TRANSITIONS:
        raise TransitionError("未知的操作。")
    if name == "report" and not text.strip():
        raise TransitionError("请填写进展情况。")
    today = timezone.localdate()
    with transaction.atomic():
        locked = SupervisionTask.objects.select_for_update().get(pk=task.pk)
        _check(locked, user, name)
        if name == "urge" and locked.last_urged_on == today:
            raise TransitionError("今天已催办过，请明天再催。")
        target = TASK_TRANSITIONS[name][3]
        data = {"from": locked.state}
        if target is not None:
            locked.state = target
            data["to"] = target
        now = timezone.now()
        if name == "sign":
            locked.signed_by, locked.signed_at = user, now
        if name == "close":
            locked.closed_at = now
        if name == "urge":
            locked.last_urged_on = today
        if name == "report":
            ProgressReport.objects.create(task=locked, author=user, department=user.staff_profile.department, text=text.strip())
        locked.save()
        log(locked, f"supervision.task_{name}", user=user, data=data)
        if name == "urge":
            events.task_urged(locked)
        if name == "report":
            events.task_reported(locked)
    return locked
