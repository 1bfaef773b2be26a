"""OA statistics for the monitoring centre, per period [start, end) (aware datetimes).

Documents are counted by the day they were created; routings (流转人次) by the day the task
reached its holder; both by kind and by the category of the owning department (局机关处室 /
局属单位). Every function is a handful of aggregate queries, whatever the period."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from intranet.org.models import Department

from .choices import COUNTED_TASK_STATES, DOCUMENT_KINDS, ExchangeStatus, Kind, TaskStatus
from .models import Exchange, OfficeItem, Task

CATEGORIES = Department.Category


def routing_count(item):
    """流转人次 of one item."""
    return Task.objects.filter(item=item, status__in=COUNTED_TASK_STATES).count()


def _period(field, start, end):
    return {f"{field}__gte": start, f"{field}__lt": end}


def items_by_kind_and_category(start, end):
    """{(kind, category): count} of items created in the period."""
    rows = (
        OfficeItem.objects.filter(**_period("created_at", start, end))
        .values("kind", "owner__category")
        .annotate(n=Count("pk"))
    )
    return {(r["kind"], r["owner__category"]): r["n"] for r in rows}


def routings_by_kind_and_category(start, end):
    """{(kind, category): 流转人次} of tasks that reached their holder in the period."""
    rows = (
        Task.objects.filter(status__in=COUNTED_TASK_STATES, **_period("arrived_at", start, end))
        .values("item__kind", "item__owner__category")
        .annotate(n=Count("pk"))
    )
    return {(r["item__kind"], r["item__owner__category"]): r["n"] for r in rows}


def exchanges(start, end):
    rows = Exchange.objects.filter(**_period("sent_at", start, end)).values("status").annotate(n=Count("pk"))
    by_status = {r["status"]: r["n"] for r in rows}
    return {"sent": sum(by_status.values()), "accepted": by_status.get(ExchangeStatus.ACCEPTED, 0)}


def overdue_tasks(start, end, now):
    """Tasks due in the period that were finished late or are still open past their due time."""
    due = Task.objects.filter(**_period("step__due_at", start, end)).filter(status__in=COUNTED_TASK_STATES)
    return due.filter(
        Q(completed_at__gt=F("step__due_at")) | Q(completed_at__isnull=True, step__due_at__lt=now)
    ).count()


def average_handling_hours(start, end):
    """Mean time from arrival to completion of tasks completed in the period, in hours (None if none)."""
    took = ExpressionWrapper(F("completed_at") - F("arrived_at"), output_field=DurationField())
    result = (
        Task.objects.filter(status=TaskStatus.DONE, arrived_at__isnull=False, **_period("completed_at", start, end))
        .aggregate(avg=Avg(took))["avg"]
    )
    return None if result is None else round(result.total_seconds() / 3600, 1)


def summary(start, end, now):
    """The figures of the annual report's OA section: for 公文 per category and kind, and for
    contact sheets and sign reports, items and 流转人次; exchanges, overdue tasks, mean handling time."""
    items = items_by_kind_and_category(start, end)
    routings = routings_by_kind_and_category(start, end)

    def total(table, kinds, category=None):
        return sum(n for (kind, cat), n in table.items() if kind in kinds and (category is None or cat == category))

    documents = {
        category.value: {
            "documents": total(items, DOCUMENT_KINDS, category),
            "routings": total(routings, DOCUMENT_KINDS, category),
            "by_kind": {
                kind.value: {"documents": total(items, [kind], category), "routings": total(routings, [kind], category)}
                for kind in DOCUMENT_KINDS
            },
        }
        for category in CATEGORIES
    }
    return {
        "documents": {
            "total": total(items, DOCUMENT_KINDS),
            "routings": total(routings, DOCUMENT_KINDS),
            "by_category": documents,
        },
        "contact_sheets": {"items": total(items, [Kind.CONTACT]), "routings": total(routings, [Kind.CONTACT])},
        "sign_reports": {"items": total(items, [Kind.SIGN]), "routings": total(routings, [Kind.SIGN])},
        "exchanges": exchanges(start, end),
        "overdue_tasks": overdue_tasks(start, end, now),
        "average_handling_hours": average_handling_hours(start, end),
    }
