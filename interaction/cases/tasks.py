"""Deadline reminders to the handling departments (django-tasks; `send_case_reminders` for cron).

Once a day, each department that handles open, running cases due within the reminder lead
(CaseSettings.reminder_lead_days working days, 2 by default) or already overdue is reminded of
them: reference, title, due date, overdue or not, and a link to the 办理 page — never the
citizen's personal data. Cases paused for a 补正 or a third party are not reminded (their clock
stands still).

Who is told: the department's active staff who hold cases.change_case get a 信息精灵
notification (event "cases.reminder"), delivered in the admin and by e-mail or SMS as each has
chosen; the department's own mailbox, a shared address no single account speaks for, still
gets the summary e-mail so the office's inbox keeps working as before.

`last_reminded_on` makes a second run on the same day remind nobody, also when two hosts run it
at once: a department's cases are claimed with one conditional UPDATE before anyone is told.
Mail is never sent inside a database transaction: the claim commits first (a durable atomic
block, so this cannot run inside someone else's transaction), the notifications are written in
their own short transaction (their e-mails and SMS go out afterwards in a task), then the
mailbox's mail goes out with settings.EMAIL_TIMEOUT. A mail server that refuses or does not
answer holds no lock on the cases; the claim is released so the next run tries again (the staff,
whose unread notification about the department is still there, are not told twice the same day),
and the run stops mailing rather than waiting on the same server once per department."""

import logging
import smtplib
from datetime import date, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from intranet.notify.api import notify

from .deadlines import reminder_horizon
from .models import Case
from .notifications import REMINDER_EVENT
from .retention import purge_personal_data

logger = logging.getLogger(__name__)

MAIL_FAILED_MESSAGE = "邮件服务器拒绝或无响应，未发送，下次运行时重试"


def due_cases(today, horizon):
    """Running cases with a handling department, due on or before `horizon`."""
    return (
        Case.objects.running()
        .filter(department__isnull=False, due_date__lte=horizon)
        .select_related("department")
        .order_by("department_id", "due_date", "reference")
    )


def department_handlers(department):
    """The department's active staff who handle cases (hold cases.change_case)."""
    User = get_user_model()
    permission = Permission.objects.get(content_type__app_label="cases", codename="change_case")
    return list(
        User.objects.filter(is_active=True, staff_profile__department=department)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True))
        .select_related("staff_profile")
        .distinct()
        .order_by("pk")
    )


def _admin_url(case):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse(Case.snippet_viewset.get_url_name("inspect"), args=[case.pk])


def _attention_list_url():
    """The case inbox filtered to overdue or due soon (scoped to the reader's department)."""
    return reverse(Case.snippet_viewset.get_url_name("list")) + "?" + urlencode({"due_soon": "attention"})


def _reminder(department, cases, today, horizon):
    """(subject, context) of one department's reminder."""
    rows = [
        {
            "reference": case.reference,
            "title": case.display_title,
            "channel": case.get_channel_display(),
            "due_date": case.due_date,
            "overdue": case.due_date < today,
            "url": _admin_url(case),
        }
        for case in cases
    ]
    overdue = sum(1 for row in rows if row["overdue"])
    subject = f"【办件提醒】{department.name}：{len(rows)} 件办件已超期或即将到期（{today:%Y-%m-%d}）"
    if overdue:
        subject = f"【办件提醒】{department.name}：{overdue} 件已超期，共 {len(rows)} 件需尽快办理（{today:%Y-%m-%d}）"
    return subject, {"department": department, "rows": rows, "overdue": overdue, "today": today, "horizon": horizon}


def _staff_name(user):
    profile = getattr(user, "staff_profile", None)
    return getattr(profile, "full_name", "") or user.get_username()


def send_reminders(today=None):
    """Remind today's departments; returns what was done as JSON-friendly dicts (one per
    department): recipients (mailbox and staff names), notified (usernames), mailed, sent."""
    today = today or timezone.localdate()
    horizon = reminder_horizon(today)
    by_department = {}
    for case in due_cases(today, horizon):
        by_department.setdefault(case.department_id, (case.department, []))[1].append(case)

    already = set(
        Case.objects.filter(department_id__in=list(by_department), last_reminded_on=today)
        .values_list("department_id", flat=True)
        .distinct()
    )
    sent = []
    mail_failed = False
    for department_id, (department, cases) in by_department.items():
        if department_id in already:
            continue  # one reminder per department per day
        handlers = department_handlers(department)
        mailbox = department.email
        item = {
            "department": department.name,
            "recipients": ([mailbox] if mailbox else []) + [_staff_name(user) for user in handlers],
            "notified": [],
            "mailed": False,
            "cases": [c.reference for c in cases],
            "sent": False,
        }
        if not item["recipients"]:
            sent.append(item)  # nobody to tell: reported, not marked, tried again tomorrow
            continue
        previous = _claim(cases, today)
        if previous is None:
            continue  # another process got there first
        subject, context = _reminder(department, cases, today, horizon)
        if handlers:
            created = notify(
                handlers,
                event=REMINDER_EVENT,
                title=subject,
                body=render_to_string("cases/admin/reminder_email.txt", {**context, "in_app": True}),
                url=_attention_list_url(),
                source=department,
            )
            item["notified"] = [n.recipient.get_username() for n in created]
        if mailbox:
            if mail_failed:
                item["error"] = MAIL_FAILED_MESSAGE
            else:
                body = render_to_string("cases/admin/reminder_email.txt", context)
                try:
                    EmailMessage(subject=subject, body=body, to=[mailbox]).send()
                except (smtplib.SMTPException, OSError) as error:
                    logger.warning("Case reminders: mail to %s failed (%r); will retry on the next run", department.name, error)
                    mail_failed = True
                    item["error"] = MAIL_FAILED_MESSAGE
                else:
                    item["mailed"] = True
            if not item["mailed"]:
                _release(previous, today)
                sent.append(item)
                continue
        item["sent"] = True
        sent.append(item)
    return sent


def _claim(cases, today):
    """Mark the cases reminded today and commit; returns their previous dates ({date: [pk]}),
    or None when another process claimed them first."""
    with transaction.atomic(durable=True):
        unclaimed = Case.objects.filter(pk__in=[c.pk for c in cases]).exclude(last_reminded_on=today)
        previous = {}
        for pk, day in unclaimed.select_for_update().values_list("pk", "last_reminded_on"):
            previous.setdefault(day, []).append(pk)
        if not previous or not Case.objects.filter(pk__in=[pk for pks in previous.values() for pk in pks]).update(
            last_reminded_on=today
        ):
            return None
    return previous


def _release(previous, today):
    """Undo a claim whose mail could not be sent, so the next run sends it."""
    for day, pks in previous.items():
        Case.objects.filter(pk__in=pks, last_reminded_on=today).update(last_reminded_on=day)


@task()
def send_case_reminders(today=None):
    """The reminders as a background task; `today` is an ISO date (JSON-serialisable) or None."""
    return send_reminders(date.fromisoformat(today) if today else None)


@task()
def purge_case_personal_data(now=None):
    """Purge personal data past its retention period (retention.py); `now` is an ISO datetime
    or None. Returns how many cases were purged and their references (no personal data)."""
    result = purge_personal_data(datetime.fromisoformat(now) if now else None)
    return {"count": result.count, "cutoff": result.cutoff.isoformat(), "references": result.references}
