"""What happened on the forum and the message board in a period, for the monitoring centre.

Plain functions of (start, end) dates, end inclusive, local time; they read only this app's tables."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .models import Post, PostFlag, PostKind, PostStatus


def day_bounds(start, end):
    """The aware datetimes [start 00:00, day after end 00:00) in local time."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def posts_received(start, end):
    """{kind: count} of posts submitted in the period, with "held" (sensitive words) and "total"."""
    lo, hi = day_bounds(start, end)
    rows = Post.objects.filter(created_at__gte=lo, created_at__lt=hi).aggregate(
        total=Count("id"),
        held=Count("id", filter=~Q(held_words="")),
        **{kind.value: Count("id", filter=Q(kind=kind)) for kind in PostKind},
    )
    return rows


def moderation_counts(start, end):
    """How many times each move was made in the period: approve, reject, hide, restore,
    auto_hide (by readers' flags), reply."""
    lo, hi = day_bounds(start, end)
    names = ["approve", "reject", "hide", "restore", "auto_hide", "reply"]
    counts = dict.fromkeys(names, 0)
    rows = (
        ModelLogEntry.objects.filter(
            timestamp__gte=lo, timestamp__lt=hi, action__in=[f"board.{n}" for n in names],
        )
        .values("action").annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["action"].removeprefix("board.")] = row["n"]
    return counts


def flags_received(start, end):
    lo, hi = day_bounds(start, end)
    return PostFlag.objects.filter(created_at__gte=lo, created_at__lt=hi).count()


def queue_now():
    """What waits for a moderator now: pending posts and posts hidden by flags."""
    return Post.objects.aggregate(
        pending=Count("id", filter=Q(status=PostStatus.PENDING)),
        hidden_by_flags=Count("id", filter=Q(status=PostStatus.HIDDEN, auto_hidden=True)),
    )


def board_stats(start, end):
    return {
        "received": posts_received(start, end),
        "moderation": moderation_counts(start, end),
        "flags": flags_received(start, end),
    }
