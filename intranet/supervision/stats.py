"""两会议案 figures: 办结率 (closed / handled) per year, and per lead department for one year, in
one aggregate query each. The bureau's 2005 report: 79 proposals, 64 as lead unit, 96% closed."""

from django.db.models import Count, Q

from .choices import Body, State
from .models import Proposal

CLOSED = Q(state=State.CLOSED)


def rate(closed, total):
    """办结率 in percent, one decimal (None when nothing was handled)."""
    return round(closed * 100 / total, 1) if total else None


def by_year(first=None, last=None):
    """[{year, total, npc, cppcc, closed, rate}] ascending by year."""
    queryset = Proposal.objects.all()
    if first is not None:
        queryset = queryset.filter(year__gte=first)
    if last is not None:
        queryset = queryset.filter(year__lte=last)
    rows = (
        queryset.values("year")
        .annotate(
            total=Count("pk"),
            npc=Count("pk", filter=Q(body=Body.NPC)),
            cppcc=Count("pk", filter=Q(body=Body.CPPCC)),
            closed=Count("pk", filter=CLOSED),
        )
        .order_by("year")
    )
    return [{**row, "rate": rate(row["closed"], row["total"])} for row in rows]


def by_department(year):
    """[{department, lead, closed, rate, co}] for `year`: proposals each department led and
    closed, and those it co-handled; departments with none are left out."""
    led = {
        row["lead_department__name"]: row
        for row in Proposal.objects.filter(year=year)
        .values("lead_department__name")
        .annotate(lead=Count("pk"), closed=Count("pk", filter=CLOSED))
    }
    co = dict(
        Proposal.co_departments.through.objects.filter(proposal__year=year)
        .values("department__name")
        .annotate(n=Count("pk"))
        .values_list("department__name", "n")
    )
    names = sorted(set(led) | set(co))
    return [
        {
            "department": name,
            "lead": led.get(name, {}).get("lead", 0),
            "closed": led.get(name, {}).get("closed", 0),
            "rate": rate(led.get(name, {}).get("closed", 0), led.get(name, {}).get("lead", 0)),
            "co": co.get(name, 0),
        }
        for name in names
    ]


def summary(year):
    """The annual report's lines: totals, how many the bureau led (主办), 办结率, feedback counts."""
    queryset = Proposal.objects.filter(year=year)
    totals = queryset.aggregate(
        total=Count("pk"), closed=Count("pk", filter=CLOSED), led=Count("pk", filter=Q(bureau_leads=True)),
        npc=Count("pk", filter=Q(body=Body.NPC)), cppcc=Count("pk", filter=Q(body=Body.CPPCC)),
    )
    feedback = dict(queryset.exclude(feedback="").values("feedback").annotate(n=Count("pk")).values_list("feedback", "n"))
    return {**totals, "rate": rate(totals["closed"], totals["total"]), "feedback": feedback}
