"""Overdue steps: once a day, every holder of an open task past its due time is told through
信息精灵, and the item's manager with her; each task is told once (`overdue_notified`, claimed
with one conditional UPDATE, so two hosts running it at once tell nobody twice)."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import events
from .choices import OPEN_TASK_STATES, StepStatus
from .models import Task


def overdue_open_tasks(now):
    return Task.objects.filter(
        status__in=OPEN_TASK_STATES, step__status=StepStatus.ACTIVE, step__due_at__lt=now, overdue_notified=False
    )


def notify_overdue(now=None):
    """Tell the holders and managers of newly overdue tasks; returns [(item title, holder)]."""
    now = now or timezone.now()
    told = []
    candidates = list(overdue_open_tasks(now).select_related("item__created_by", "user").order_by("pk")[:5000])
    for candidate in candidates:
        with transaction.atomic():
            claimed = Task.objects.filter(pk=candidate.pk, overdue_notified=False).update(overdue_notified=True)
            if not claimed:
                continue  # another run told them
            item = candidate.item
            events.overdue(item, [candidate.user, item.created_by])
        told.append((item.title, candidate.user.get_username()))
    return told


@task()
def notify_overdue_tasks(day=None):
    """The daily run as a background task; `day` (ISO date) computes as at the end of that day."""
    now = timezone.make_aware(datetime.combine(datetime.fromisoformat(day).date(), time.max)) if day else None
    return notify_overdue(now)
