"""What 两会议案 tells people through 信息精灵."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from intranet.notify.api import notify

from .models import Proposal, SupervisionTask

ASSIGNED = "supervision.assigned"
REPLIED = "supervision.replied"
URGED = "supervision.urge"
TASK_ASSIGNED = "supervision.task"
TASK_URGED = "supervision.task_urge"
TASK_REPORTED = "supervision.task_report"

EVENTS = {
    ASSIGNED: "两会议案交办",
    REPLIED: "两会议案已答复",
    URGED: "两会议案催办",
    TASK_ASSIGNED: "督办事项交办",
    TASK_URGED: "督办催办",
    TASK_REPORTED: "督办进展反馈",
}


def proposal_url(proposal):
    return reverse("supervision_proposal", args=[proposal.pk])


def lead_staff(item):
    return get_user_model().objects.filter(is_active=True, staff_profile__department_id=item.lead_department_id)


def task_url(task):
    return reverse("supervision_task", args=[task.pk])


def _say(users, event, proposal, text):
    source = Proposal(pk=proposal.pk)
    return notify(users, event=event, title=f"{text}：{proposal.title}", url=proposal_url(proposal), source=source)


def assigned(proposal):
    return _say(lead_staff(proposal), ASSIGNED, proposal, f"请主办{proposal.code}")


def replied(proposal):
    return _say([proposal.created_by], REPLIED, proposal, f"{proposal.code}已答复")


def urged(proposal):
    return _say(lead_staff(proposal), URGED, proposal, f"催办{proposal.code}")


def _tell(users, event, task, text):
    source = SupervisionTask(pk=task.pk)
    return notify(users, event=event, title=f"{text}：{task.title}", url=task_url(task), source=source)


def task_assigned(task):
    return _tell(lead_staff(task), TASK_ASSIGNED, task, f"请签收督办事项（{task.deadline:%m月%d日}前办结）")


def task_urged(task):
    return _tell(lead_staff(task), TASK_URGED, task, "督办催办")


def task_reported(task):
    return _tell([task.created_by], TASK_REPORTED, task, "督办事项有新进展")
