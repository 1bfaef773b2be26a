"""The life of a 两会议案: 交办 → 办理中 → 已答复 → 已办结, who may make each move, the Chinese
refusals, the audit trail, 信息精灵, and 办结率."""

import pytest
from django.db import IntegrityError, transaction

from intranet.notify.models import Notification
from intranet.supervision import stats, transitions
from intranet.supervision.choices import Body, Feedback, State
from intranet.supervision.models import Proposal, SupervisionLogEntry
from intranet.supervision.transitions import TransitionError, transition


def close(bureau, proposal, feedback=Feedback.SATISFIED):
    transition(proposal, bureau.handler, "start")
    transition(proposal, bureau.handler, "reply", reply="已开展专项整治。")
    return transition(proposal, bureau.admin, "close", feedback=feedback)


def test_full_life_is_logged_and_told(bureau):
    proposal = bureau.proposal()
    assert Notification.objects.filter(recipient=bureau.handler, event="supervision.assigned").count() == 1
    assert not Notification.objects.filter(recipient=bureau.stranger).exists()
    assert transitions.allowed(proposal, bureau.handler) == {"start": "开始办理"}
    assert transitions.allowed(proposal, bureau.co_clerk) == {}
    closed = close(bureau, proposal, Feedback.BASICALLY)
    assert closed.state == State.CLOSED and closed.get_feedback_display() == "基本满意"
    assert closed.reply == "已开展专项整治。" and closed.replied_at and closed.closed_at
    actions = list(SupervisionLogEntry.objects.filter(proposal=proposal).order_by("timestamp", "id").values_list("action", flat=True))
    assert actions == ["supervision.assign", "supervision.start", "supervision.reply", "supervision.close"]
    assert Notification.objects.filter(recipient=bureau.admin, event="supervision.replied").count() == 1
    assert transitions.allowed(closed, bureau.admin) == {}


@pytest.mark.parametrize(
    "who, name, data, message",
    [
        ("handler", "reply", {"reply": "答复"}, "当前状态为“交办”，不能答复"),
        ("handler", "close", {"feedback": Feedback.SATISFIED}, "不能办结"),
        ("co_clerk", "start", {}, "只有主办部门的工作人员可以开始办理"),
        ("stranger", "start", {}, "您无权办理该议案"),
        ("admin", "start", {}, "只有主办部门的工作人员可以开始办理"),
        ("handler", "urge", {}, "只有局领导或信息中心管理员可以催办"),
        ("handler", "delete", {}, "未知的操作"),
    ],
)
def test_illegal_moves_are_refused_in_chinese(bureau, who, name, data, message):
    proposal = bureau.proposal()
    with pytest.raises(TransitionError, match=message):
        transition(proposal, getattr(bureau, who), name, **data)
    proposal.refresh_from_db()
    assert proposal.state == State.ASSIGNED
    assert SupervisionLogEntry.objects.filter(proposal=proposal).count() == 1  # only the 交办


def test_reply_needs_text_and_close_needs_feedback(bureau):
    proposal = bureau.proposal()
    transition(proposal, bureau.handler, "start")
    with pytest.raises(TransitionError, match="请填写答复内容"):
        transition(proposal, bureau.handler, "reply", reply="   ")
    transition(proposal, bureau.handler, "reply", reply="已答复。")
    with pytest.raises(TransitionError, match="请选择"):
        transition(proposal, bureau.admin, "close", feedback="very happy")
    with pytest.raises(TransitionError, match="只有局领导或信息中心管理员可以办结"):
        transition(proposal, bureau.handler, "close", feedback=Feedback.SATISFIED)
    assert transition(proposal, bureau.leader, "close", feedback=Feedback.UNSATISFIED).state == State.CLOSED


def test_urge_tells_the_lead_department_and_keeps_the_state(bureau):
    proposal = bureau.proposal()
    urged = transition(proposal, bureau.leader, "urge")
    assert urged.state == State.ASSIGNED
    assert Notification.objects.filter(recipient=bureau.handler, event="supervision.urge").count() == 1
    assert SupervisionLogEntry.objects.filter(proposal=proposal, action="supervision.urge").exists()


def test_number_is_unique_per_body_and_year(bureau):
    bureau.proposal(number=7)
    bureau.proposal(number=7, body=Body.CPPCC)
    bureau.proposal(number=7, year=1996)
    with pytest.raises(IntegrityError), transaction.atomic():
        bureau.proposal(number=7)


def test_closure_rates_per_year_and_department(bureau, django_assert_max_num_queries):
    # 1995: 4 proposals, 3 closed (75%); the lead department led 3 and closed 2, the co unit led 1.
    for n in range(1, 4):
        proposal = bureau.proposal(number=n)
        if n < 3:
            close(bureau, proposal)
    other = bureau.proposal(number=4, body=Body.CPPCC, lead=bureau.co, co=bureau.lead, bureau_leads=False)
    transition(other, bureau.co_clerk, "start")
    transition(other, bureau.co_clerk, "reply", reply="已答复主办单位。")
    transition(other, bureau.admin, "close", feedback=Feedback.SATISFIED)
    bureau.proposal(number=1, year=1996)
    with django_assert_max_num_queries(1):
        years = stats.by_year(1995, 1996)
    assert years == [
        {"year": 1995, "total": 4, "npc": 3, "cppcc": 1, "closed": 3, "rate": 75.0},
        {"year": 1996, "total": 1, "npc": 1, "cppcc": 0, "closed": 0, "rate": 0.0},
    ]
    with django_assert_max_num_queries(2):
        departments = {row["department"]: row for row in stats.by_department(1995)}
    assert departments["测试污防处"] == {"department": "测试污防处", "lead": 3, "closed": 2, "rate": 66.7, "co": 1}
    assert departments["测试监测站"] == {"department": "测试监测站", "lead": 1, "closed": 1, "rate": 100.0, "co": 3}
    summary = stats.summary(1995)
    assert (summary["total"], summary["led"], summary["closed"], summary["rate"]) == (4, 3, 3, 75.0)
    assert summary["feedback"] == {Feedback.SATISFIED: 3}
    assert stats.by_department(1990) == [] and stats.rate(0, 0) is None
    assert Proposal.objects.filter(year__lt=2000).count() == 5
