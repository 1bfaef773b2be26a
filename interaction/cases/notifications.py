"""Cases' part of 信息精灵 (found by intranet.notify's autodiscovery of `notifications` modules):
the deadline reminder event and the 待办办件 counter on the intranet home."""

from urllib.parse import urlencode

from django.urls import reverse

from intranet.notify.api import register_event, register_todo_counter

from .choices import OPEN_STATES, PAUSED_STATES
from .models import Case
from .policy import CASE_POLICY, scoped_cases

REMINDER_EVENT = "cases.reminder"
HANDLING = ["change"]

register_event(REMINDER_EVENT, "办件到期提醒")


def awaiting_cases(user):
    """Running cases (clock not paused) the user's department must act on, as the case
    dashboard scopes them; None for staff without the right to handle cases."""
    if not CASE_POLICY.user_has_any_permission(user, HANDLING):
        return None
    return scoped_cases(user, HANDLING).running().count()


def awaiting_cases_url():
    running = [state for state in OPEN_STATES if state not in PAUSED_STATES]
    return reverse(Case.snippet_viewset.get_url_name("list")) + "?" + urlencode({"status": running}, doseq=True)


register_todo_counter("待办办件", awaiting_cases_url, awaiting_cases, key="cases", order=50)
