"""What the monitoring centre asks of 网上征集, per period (dates inclusive)."""

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from .models import SolicitationPage, SolicitationSubmission


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz))


def submissions_per_campaign(start, end):
    """[{"page_id", "title", "submissions"}] for campaigns that received opinions in the period,
    most first."""
    since, until = _bounds(start, end)
    rows = (
        SolicitationSubmission.objects.filter(submit_time__gte=since, submit_time__lt=until)
        .values("page_id", "page__title")
        .annotate(submissions=Count("id"))
        .order_by("-submissions", "page_id")
    )
    return [{"page_id": r["page_id"], "title": r["page__title"], "submissions": r["submissions"]} for r in rows]


def campaign_totals(start, end):
    """Campaigns open at some point of the period, and opinions received in it."""
    since, until = _bounds(start, end)
    return {
        "campaigns": SolicitationPage.objects.live().filter(opens_on__lte=end, closes_on__gte=start).count(),
        "submissions": SolicitationSubmission.objects.filter(submit_time__gte=since, submit_time__lt=until).count(),
    }
