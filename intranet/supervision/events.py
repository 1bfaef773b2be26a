"""What 两会议案 tells people through 信息精灵."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from intranet.notify.api import notify

from .models import Proposal

ASSIGNED = "supervision.assigned"
REPLIED = "supervision.replied"
URGED = "supervision.urge"

EVENTS = {
    ASSIGNED: "两会议案交办",
    REPLIED: "两会议案已答复",
    URGED: "两会议案催办",
}


def proposal_url(proposal):
    return reverse("supervision_proposal", args=[proposal.pk])


def lead_staff(proposal):
    return get_user_model().objects.filter(
        is_active=True, staff_profile__department_id=proposal.lead_department_id
    )


def _say(users, event, proposal, text):
    source = Proposal(pk=proposal.pk)
    return notify(users, event=event, title=f"{text}：{proposal.title}", url=proposal_url(proposal), source=source)


def assigned(proposal):
    return _say(lead_staff(proposal), ASSIGNED, proposal, f"请主办{proposal.code}")


def replied(proposal):
    return _say([proposal.created_by], REPLIED, proposal, f"{proposal.code}已答复")


def urged(proposal):
    return _say(lead_staff(proposal), URGED, proposal, f"催办{proposal.code}")
