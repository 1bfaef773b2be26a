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
from .access import is_lead_staff, is_supervisor, may_view
from .choices import OPEN_STATES, Feedback, State
from .models import Proposal


class TransitionError(Exception):
    """An illegal move; the message is shown to the person who tried it."""


LEAD = "lead"  # staff of the lead (主办) department
SUPERVISOR = "supervisor"  # leaders and 信息中心管理员

# name -> (Chinese label, states it may start from, who, state it leads to (None: unchanged))
TRANSITIONS = {
    "start": ("开始办理", (State.ASSIGNED,), LEAD, State.HANDLING),
    "reply": ("答复", (State.HANDLING,), LEAD, State.REPLIED),
    "close": ("办结", (State.REPLIED,), SUPERVISOR, State.CLOSED),
    "urge": ("催办", OPEN_STATES, SUPERVISOR, None),
}
WHO = {LEAD: "主办部门的工作人员", SUPERVISOR: "局领导或信息中心管理员"}


def _may_act(user, proposal, who):
    return is_lead_staff(user, proposal) if who == LEAD else is_supervisor(user)


def allowed(proposal, user):
    """{name: label} of the moves `user` may make on `proposal` now."""
    return {
        name: label
        for name, (label, states, who, _) in TRANSITIONS.items()
        if proposal.state in states and _may_act(user, proposal, who)
    }


def _check(proposal, user, name):
    label, states, who, _ = TRANSITIONS[name]
    if not may_view(user, proposal):
        raise TransitionError("您无权办理该议案。")
    if proposal.state not in states:
        raise TransitionError(f"该议案当前状态为“{proposal.get_state_display()}”，不能{label}。")
    if not _may_act(user, proposal, who):
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
