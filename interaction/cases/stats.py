"""What happened to public cases in a period — the answers the monitoring centre composes.

Counts are database aggregates; working days to reply use one WorkingCalendar for the whole
period (a couple of queries), never a query per case."""

from collections import OrderedDict
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from intranet.org.workdays import WorkingCalendar

from .choices import (
    RESULT_REASONS,
    ApplicantType,
    Channel,
    ComplaintCategory,
    DisclosureResult,
    Rating,
    ReceivedVia,
    Status,
)
from .models.case import Case

# A valid message left unanswered for more than three months fails a government site's inspection.
UNANSWERED_LIMIT_DAYS = 90


def _bounds(start, end):
    """Aware datetimes for the local dates [start, end]."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _counts(qs, field, choices=None):
    rows = dict(qs.values_list(field).annotate(n=Count("id")).order_by())
    if choices is None:
        return rows
    return OrderedDict((label, rows.get(value, 0)) for value, label in choices)


def reply_durations(cases):
    """[(case, working days from clock start to reply minus paused days, on time?)] for replied cases."""
    cases = [c for c in cases if c.replied_at]
    if not cases:
        return []
    calendar = WorkingCalendar()
    first = min(c.clock_start for c in cases)
    last = max(max(timezone.localtime(c.replied_at).date(), c.due_date) for c in cases)
    calendar.load(first, last)
    result = []
    for case in cases:
        replied_on = timezone.localtime(case.replied_at).date()
        days = max(calendar.working_days_between(case.clock_start, replied_on) - case.paused_days, 0)
        result.append((case, days, replied_on <= case.due_date))
    return result


def reply_summary(replied_cases):
    durations = reply_durations(replied_cases)
    if not durations:
        return {"replied": 0, "avg_days": None, "max_days": None, "on_time": 0, "on_time_rate": None}
    days = [d for _, d, _ in durations]
    on_time = sum(1 for _, _, ok in durations if ok)
    return {
        "replied": len(durations),
        "avg_days": round(sum(days) / len(days), 1),
        "max_days": max(days),
        "on_time": on_time,
        "on_time_rate": round(on_time / len(durations), 4),
    }


def period_stats(start, end, channel=None, today=None):
    """Everything about cases for the local dates [start, end]."""
    today = today or timezone.localdate()
    lo, hi = _bounds(start, end)
    base = Case.objects.all() if channel is None else Case.objects.filter(channel=channel)
    received = base.filter(submitted_at__gte=lo, submitted_at__lt=hi).exclude(status=Status.MERGED)
    replied = list(
        base.filter(replied_at__gte=lo, replied_at__lt=hi).only(
            "id", "clock_start", "replied_at", "due_date", "paused_days"
        )
    )
    rated = base.filter(rated_at__gte=lo, rated_at__lt=hi)
    by_month = OrderedDict(
        (row["month"].strftime("%Y-%m"), row["n"])
        for row in received.annotate(month=TruncMonth("submitted_at")).values("month").annotate(n=Count("id")).order_by("month")
    )
    departments = OrderedDict(
        (row["department__name"] or "未分派", row["n"])
        for row in received.values("department__name").annotate(n=Count("id")).order_by("-n", "department__name")
    )
    limit = timezone.make_aware(datetime.combine(today - timedelta(days=UNANSWERED_LIMIT_DAYS), time.min))
    return {
        "start": start,
        "end": end,
        "received": received.count(),
        "by_channel": _counts(received, "channel", Channel.choices),
        # 一网一线: online submissions and cases registered from the hotline, letters and visits.
        "by_received_via": _counts(received, "received_via", ReceivedVia.choices),
        "by_status": _counts(received, "status", Status.choices),
        "by_category": _counts(received.filter(channel=Channel.COMPLAINT), "category", ComplaintCategory.choices),
        "by_department": departments,
        "by_month": by_month,
        "merged": base.filter(submitted_at__gte=lo, submitted_at__lt=hi, status=Status.MERGED).count(),
        "replies": reply_summary(replied),
        "satisfaction": _counts(rated, "rating", Rating.choices),
        "overdue_open": base.overdue(today).count(),
        "unanswered_over_3_months": base.open().filter(submitted_at__lt=limit).count(),
    }


def monthly_public_stats(channel, months=12, today=None):
    """Per month, newest first: received, replied, average working days to reply, on-time rate.

    What every channel page publishes (handling statistics are public by national rules)."""
    today = today or timezone.localdate()
    first_month = date(today.year, today.month, 1)
    for _ in range(months - 1):
        first_month = (first_month - timedelta(days=1)).replace(day=1)
    lo, hi = _bounds(first_month, today)
    base = Case.objects.filter(channel=channel)
    received = dict(
        (row["month"].strftime("%Y-%m"), row["n"])
        for row in base.filter(submitted_at__gte=lo, submitted_at__lt=hi)
        .exclude(status=Status.MERGED)
        .annotate(month=TruncMonth("submitted_at")).values("month").annotate(n=Count("id")).order_by()
    )
    replied_cases = list(
        base.filter(replied_at__gte=lo, replied_at__lt=hi).only("id", "clock_start", "replied_at", "due_date", "paused_days")
    )
    per_month = {}
    for case, days, on_time in reply_durations(replied_cases):
        key = timezone.localtime(case.replied_at).strftime("%Y-%m")
        per_month.setdefault(key, []).append((days, on_time))
    rows = []
    month = first_month
    while month <= today:
        key = month.strftime("%Y-%m")
        durations = per_month.get(key, [])
        rows.append({
            "month": key,
            "received": received.get(key, 0),
            "replied": len(durations),
            "avg_days": round(sum(d for d, _ in durations) / len(durations), 1) if durations else None,
            "on_time_rate": round(sum(1 for _, ok in durations if ok) / len(durations), 4) if durations else None,
        })
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return list(reversed(rows))


# The national annual report table of government information disclosure ----------------------

APPLICANT_COLUMNS = [
    ("person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]


def _row():
    return {key: 0 for key, _ in APPLICANT_COLUMNS}


def disclosure_annual_table(year):
    """三、收到和处理政府信息公开申请情况 of the annual report, for one calendar year.

    Rows: new requests, carried over from last year, results by category and reason, total
    handled, carried forward. Invariant: new + carried over = total handled + carried forward."""
    lo, hi = _bounds(date(year, 1, 1), date(year, 12, 31))
    requests = list(
        Case.objects.filter(channel=Channel.DISCLOSURE, submitted_at__lt=hi)
        .exclude(status=Status.MERGED)
        .exclude(replied_at__lt=lo)
        .only("id", "applicant_type", "submitted_at", "replied_at", "status", "result", "result_reason", "closed_at")
    )
    rows = OrderedDict()
    rows["new"] = _row()
    rows["carried_over"] = _row()
    for result, label in DisclosureResult.choices:
        rows[result] = _row()
        for reason, _ in RESULT_REASONS.get(DisclosureResult(result), []):
            rows[f"{result}:{reason}"] = _row()
    rows["handled_total"] = _row()
    rows["carried_forward"] = _row()

    def add(row, case):
        applicant = case.applicant_type if case.applicant_type in ApplicantType.values else "other"
        rows[row][applicant] += 1
        rows[row]["total"] += 1

    for case in requests:
        add("new" if case.submitted_at >= lo else "carried_over", case)
        concluded_at = case.replied_at or (case.closed_at if case.status == Status.REJECTED else None)
        if concluded_at and lo <= concluded_at < hi:
            # A request refused at intake has no result of its own: it counts as 其他处理 / 其他.
            result = case.result or DisclosureResult.OTHER
            reason = case.result_reason or ("other" if result == DisclosureResult.OTHER else "")
            add(result, case)
            if reason:
                add(f"{result}:{reason}", case)
            add("handled_total", case)
        else:
            add("carried_forward", case)
    labels = {"new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
              "handled_total": "三、本年度办理结果（总计）", "carried_forward": "四、结转下年度继续办理"}
    for result, label in DisclosureResult.choices:
        labels[result] = label
        for reason, reason_label in RESULT_REASONS.get(DisclosureResult(result), []):
            labels[f"{result}:{reason}"] = reason_label
    return {"year": year, "columns": APPLICANT_COLUMNS, "rows": rows, "labels": labels}


def check_disclosure_table(table):
    """True when new + carried over = handled + carried forward in every column."""
    rows = table["rows"]
    return all(
        rows["new"][k] + rows["carried_over"][k] == rows["handled_total"][k] + rows["carried_forward"][k]
        for k, _ in APPLICANT_COLUMNS
    )
