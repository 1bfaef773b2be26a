"""The phases of a solicitation campaign, set by its dates: 未开始 → 征集中 → 已截止 → 结果公示."""

from django.db import models


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "未开始"
    OPEN = "open", "征集中"
    CLOSED = "closed", "已截止"
    RESULTS = "results", "结果公示"


def phase_of(opens_on, closes_on, today, *, has_results=False, results_on=None):
    """The phase on `today`: open from `opens_on` through `closes_on` (both days included); after
    that closed, until the editor has written results and their publication day (if any) has come."""
    if today < opens_on:
        return Phase.UPCOMING
    if today <= closes_on:
        return Phase.OPEN
    if has_results and (results_on is None or today >= results_on):
        return Phase.RESULTS
    return Phase.CLOSED
