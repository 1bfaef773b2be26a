"""Deadline reminders to the handling departments (django-tasks; `send_case_reminders` for cron).

Once a day, each department that handles open, running cases due within the reminder lead
(CaseSettings.reminder_lead_days working days, 2 by default) or already overdue gets one e-mail
listing them: reference, title, due date, overdue or not, and a link to the 办理 page — never the
citizen's personal data. Recipients: the department's own address and its active staff who hold
cases.change_case. Cases paused for a 补正 or a third party are not reminded (their clock stands
still). `last_reminded_on` makes a second run on the same day send nothing, also when two hosts
run it at once: a department's cases are claimed with one conditional UPDATE before sending.

Mail is never sent inside a database transaction: the claim commits first (a durable atomic
block, so this cannot run inside someone else's transaction), then the mail goes out with
settings.EMAIL_TIMEOUT. A mail server that refuses or does not answer holds no lock on the
cases; the claim is released so the next run tries again, and the run stops there rather than
waiting on the same server once per department."""

import logging
import smtplib
from datetime import date

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

from .deadlines import reminder_horizon
from .models import Case

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


def department_recipients(department):
    """The department's address plus its active handlers' (staff holding cases.change_case)."""
    User = get_user_model()
    permission = Permission.objects.get(content_type__app_label="cases", codename="change_case")
    users = (
        User.objects.filter(is_active=True, staff_profile__department=department)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    addresses = [department.email] if department.email else []
    for email in users.values_list("email", flat=True):
        if email not in addresses:
            addresses.append(email)
    return addresses


def _admin_url(case):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse(Case.snippet_viewset.get_url_name("inspect"), args=[case.pk])


def _message(department, cases, today, horizon, recipients):
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
    body = render_to_string(
        "cases/admin/reminder_email.txt",
        {"department": department, "rows": rows, "overdue": overdue, "today": today, "horizon": horizon},
    )
    return EmailMessage(subject=subject, body=body, to=recipients)


def send_reminders(today=None):
    """Send today's reminders; returns what was sent as JSON-friendly dicts (one per e-mail)."""
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
            continue  # one e-mail per department per day
        item = {"department": department.name, "recipients": [], "cases": [c.reference for c in cases], "sent": False}
        recipients = department_recipients(department)
        if not recipients:
            sent.append(item)
            continue
        item["recipients"] = recipients
        if mail_failed:
            item["error"] = MAIL_FAILED_MESSAGE
            sent.append(item)
            continue
        previous = _claim(cases, today)
        if previous is None:
            continue  # another process got there first
        try:
            _message(department, cases, today, horizon, recipients).send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Case reminders: mail to %s failed (%r); will retry on the next run", department.name, error)
            _release(previous, today)
            mail_failed = True
            item["error"] = MAIL_FAILED_MESSAGE
        else:
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
    from datetime import datetime

    from .retention import purge_personal_data

    result = purge_personal_data(datetime.fromisoformat(now) if now else None)
    return {"count": result.count, "cutoff": result.cutoff.isoformat(), "references": result.references}
