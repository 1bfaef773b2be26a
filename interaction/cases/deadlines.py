"""Deadlines in working days (China's calendar with 调休, from intranet.org.workdays)."""

from django.utils import timezone

from intranet.org.workdays import add_working_days, working_days_between

from .choices import Channel


def case_settings():
    from .models import CaseSettings

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


def working_days_to_reply(case):
    """Working days from the clock start to the reply, not counting paused days."""
    if not case.replied_at:
        return None
    days = working_days_between(case.clock_start, timezone.localtime(case.replied_at).date())
    return max(days - case.paused_days, 0)


def replied_on_time(case):
    if not case.replied_at:
        return None
    return timezone.localtime(case.replied_at).date() <= case.due_date


def reminder_horizon(today=None, settings=None):
    """Cases due on or before this day get a reminder (and show as 'due soon')."""
    settings = settings or case_settings()
    return add_working_days(today or timezone.localdate(), settings.reminder_lead_days)


def is_disclosure(case):
    return case.channel == Channel.DISCLOSURE
