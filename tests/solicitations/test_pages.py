"""The sub-column is swapped in place, campaigns stay under it, and stats count by period."""

from datetime import timedelta

import pytest
from django.utils import timezone

from columns.models import SubColumnPage
from interaction.solicitations import stats
from interaction.solicitations.models import SolicitationIndexPage, SolicitationSubmission

pytestmark = pytest.mark.django_db


def test_no_solicitation_or_volunteer_placeholder_left(public_home):
    placeholders = SubColumnPage.objects.filter(kind=SubColumnPage.Kind.APP, app_type__in=["solicitation", "volunteer"])
    assert not placeholders.exists()
    index = SolicitationIndexPage.objects.get()
    assert index.slug == "wszj" and index.title == "网上征集" and index.get_parent().slug == "hdjl"
    from interaction.volunteers.models import VolunteerPage

    volunteers = VolunteerPage.objects.get()
    assert volunteers.slug == "zyzdj" and volunteers.title == "志愿者登记"


def test_campaigns_only_under_the_index(make_campaign, solicitation_index):
    from interaction.solicitations.models import SolicitationPage

    assert SolicitationPage.can_exist_under(solicitation_index)
    assert not SolicitationPage.can_exist_under(solicitation_index.get_parent().specific)


def test_submissions_per_campaign_by_period(make_campaign):
    page = make_campaign()
    other = make_campaign("second", title="第二个征集")
    today = timezone.localdate()
    rows = [SolicitationSubmission(page=page, form_data={}) for _ in range(3)] + [SolicitationSubmission(page=other, form_data={})]
    created = SolicitationSubmission.objects.bulk_create(rows)
    SolicitationSubmission.objects.filter(pk=created[0].pk).update(submit_time=timezone.now() - timedelta(days=40))
    result = {r["page_id"]: r["submissions"] for r in stats.submissions_per_campaign(today - timedelta(days=7), today)}
    assert result[page.pk] == 2 and result[other.pk] == 1
    totals = stats.campaign_totals(today, today)
    assert totals["campaigns"] >= 2
