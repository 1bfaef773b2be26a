"""What the monitoring centre asks of 志愿者登记, per period (dates inclusive)."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Activity, Registration, Volunteer


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz))


def registration_stats(start, end):
    """Registrations made, cancellations, activities held, people checked in and hours served
    (by the activity's date) in the period, and volunteers who signed up in it."""
    since, until = _bounds(start, end)
    made = Registration.objects.filter(created_at__gte=since, created_at__lt=until).aggregate(
        registrations=Count("id"),
        waitlisted=Count("id", filter=Q(waitlisted=True)),
        promoted=Count("id", filter=Q(promoted_at__isnull=False)),
    )
    held = Registration.objects.filter(
        activity__starts_at__gte=since, activity__starts_at__lt=until, checked_in_at__isnull=False
    ).aggregate(checked_in=Count("id"), hours=Sum("hours_served", default=0), people=Count("volunteer", distinct=True))
    return {
        **made,
        "cancelled": Registration.objects.filter(cancelled_at__gte=since, cancelled_at__lt=until).count(),
        "activities": Activity.objects.filter(starts_at__gte=since, starts_at__lt=until).count(),
        **held,
        "signed_up": Volunteer.objects.filter(signed_up_at__gte=since, signed_up_at__lt=until).count(),
    }


def hours_per_volunteer(start, end):
    """[{"volunteer_id", "hours", "activities"}] for activities held in the period, most hours first."""
    since, until = _bounds(start, end)
    rows = (
        Registration.objects.filter(
            activity__starts_at__gte=since, activity__starts_at__lt=until, checked_in_at__isnull=False
        )
        .values("volunteer_id")
        .annotate(hours=Sum("hours_served"), activities=Count("id"))
        .order_by("-hours", "volunteer_id")
    )
    return list(rows)
