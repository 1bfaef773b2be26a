"""What happened in 网上投票 in a period, for the monitoring centre: aggregates only."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import Ballot, PollPage


def day_bounds(start, end):
    """Aware datetimes bounding the local dates [start, end]."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def ballots_per_poll(start, end):
    """[{poll id, title, valid, void}] for ballots cast on the local dates [start, end], busiest
    poll first. One query."""
    low, high = day_bounds(start, end)
    rows = (
        Ballot.objects.filter(cast_at__gte=low, cast_at__lt=high)
        .values("poll_id", "poll__title")
        .annotate(
            valid=Count("id", filter=Q(voided_at__isnull=True)),
            void=Count("id", filter=Q(voided_at__isnull=False)),
        )
        .order_by("-valid", "poll_id")
    )
    return [{"poll": r["poll_id"], "title": r["poll__title"], "valid": r["valid"], "void": r["void"]} for r in rows]


def period_stats(start, end):
    """Totals for [start, end]: ballots (valid, void), polls that were open at some time in it."""
    low, high = day_bounds(start, end)
    per_poll = ballots_per_poll(start, end)
    return {
        "ballots": sum(r["valid"] for r in per_poll),
        "void_ballots": sum(r["void"] for r in per_poll),
        "polls_open": PollPage.objects.live().filter(opens_at__lt=high, closes_at__gt=low).count(),
        "per_poll": per_poll,
    }
