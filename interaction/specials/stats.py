"""What happened to specials in a period, for the monitoring centre."""

from django.db.models import Count
from wagtail.models import Page

from interaction.polls.stats import day_bounds

from .models import SpecialPage


def specials_published(start, end):
    """Live specials first published on the local dates [start, end]: the total and the count per
    theme (the title of the special index they sit in). Two queries."""
    low, high = day_bounds(start, end)
    paths = SpecialPage.objects.live().filter(first_published_at__gte=low, first_published_at__lt=high).values_list(
        "path", flat=True
    )
    per_parent = {}
    for path in paths:
        parent = path[: -SpecialPage.steplen]
        per_parent[parent] = per_parent.get(parent, 0) + 1
    titles = dict(Page.objects.filter(path__in=list(per_parent)).values_list("path", "title")) if per_parent else {}
    return {
        "total": sum(per_parent.values()),
        "per_theme": {titles.get(p, ""): n for p, n in sorted(per_parent.items())},
    }


def specials_by_year(start, end):
    """Live specials whose topic started within [start, end] (the editor's date), per year."""
    qs = SpecialPage.objects.live().filter(started_on__gte=start, started_on__lte=end)
    return dict(qs.values_list("started_on__year").annotate(n=Count("id")).order_by())
