"""两会议案 and 督办's part of 信息精灵 (found by intranet.notify's autodiscovery): their events, and
the counts of the user's department's open proposals and unsigned 督办 items on the intranet home."""

from django.urls import reverse

from intranet.notify.api import register_event, register_todo_counter
from intranet.org.models import department_of

from .access import is_staff_member
from .choices import OPEN_STATES, TaskState
from .events import EVENTS
from .models import Proposal, SupervisionTask

for _key, _label in EVENTS.items():
    register_event(_key, _label)


def open_for_department(user):
    if not is_staff_member(user):
        return None
    return Proposal.objects.filter(lead_department=department_of(user), state__in=OPEN_STATES).count()


register_todo_counter(
    "待办两会议案", lambda: reverse("wagtailsnippets_supervision_proposal:list") + "?open=1",
    open_for_department, key="supervision", order=20,
)


def to_sign(user):
    if not is_staff_member(user):
        return None
    return SupervisionTask.objects.filter(lead_department=department_of(user), state=TaskState.ASSIGNED).count()


register_todo_counter(
    "待签收督办", lambda: reverse("supervision_board"), to_sign, key="supervision-sign", order=21,
)
