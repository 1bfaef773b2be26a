"""load_demo fills 网上征集 and 志愿者登记 with something in every state (nothing empty)."""

import pytest

from interaction.solicitations.models import SolicitationPage, SolicitationSubmission
from interaction.solicitations.phases import Phase
from interaction.volunteers.models import Activity, Registration, Volunteer

pytestmark = pytest.mark.django_db


def test_campaigns_in_every_phase_with_opinions():
    phases = {page.phase() for page in SolicitationPage.objects.live()}
    assert {Phase.UPCOMING, Phase.OPEN, Phase.CLOSED, Phase.RESULTS} <= phases
    assert SolicitationSubmission.objects.count() >= 100
    assert all(page.form_fields.exists() for page in SolicitationPage.objects.all())


def test_volunteers_activities_waiting_list_and_hours():
    assert Volunteer.objects.filter(signed_up_at__isnull=False).count() >= 76
    assert Activity.objects.count() >= 10
    assert Registration.objects.filter(status=Registration.Status.WAITING).exists()
    assert Registration.objects.filter(checked_in_at__isnull=False, hours_served__gt=0).count() >= 50
