"""Deadlines in working days (China's calendar with 调休, from intranet.org.workdays).

Whether a case is overdue or due soon is decided in one place, the queries of models/case.py
(running_q, overdue_q, due_soon_q, CaseQuerySet.with_deadline_state); this module computes the
dates those rules compare against."""

from django.utils import timezone

from intranet.org.workdays import add_working_days

# The submodule, not the package: models/pages.py imports this module while the package loads.
from .models.case import CaseSettings


def case_settings():
    return CaseSettings.load()


def time_limit(channel, settings=None):
    return (settings or case_settings()).limit_for(channel)


def compute_due_date(case, settings=None):
    """The day the answer is due: the channel's limit counted from the clock start, plus an
    approved extension and the working days the clock stood still (third-party consultation)."""
    days = time_limit(case.channel, settings) + case.extension_days + case.paused_days
    return add_working_days(case.clock_start, days)


def completion_notice_deadline(case, settings=None):
    """A 补正 notice must go out within N working days of receipt (N=7 by the 2019 条例)."""
    settings = settings or case_settings()
    received = timezone.localtime(case.submitted_at).date()
    return add_working_days(received, settings.completion_notice_days)


def reminder_horizon(today=None, settings=None):
    """Cases due on or before this day get a reminder (and show as 'due soon')."""
    settings = settings or case_settings()
    return add_working_days(today or timezone.localdate(), settings.reminder_lead_days)


def deadline_bounds(today=None):
    """(today, reminder horizon): what CaseQuerySet.with_deadline_state and the deadline filters
    compare against. Computed once per request, never per row."""
    today = today or timezone.localdate()
    return today, reminder_horizon(today)
