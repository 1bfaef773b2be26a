"""两会议案's part of 信息精灵 (found by intranet.notify's autodiscovery): its events, and the
count of open proposals of the user's department on the intranet home."""

from django.urls import reverse

from intranet.notify.api import register_event, register_todo_counter
from intranet.org.models import department_of

from .access import is_staff_member
from .choices import OPEN_STATES
from .events import EVENTS
from .models import Proposal

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
