"""Staff side: listings mask personal data, the check-in list with QR codes, check-in by the QR
address, full personal data only with the permission (and logged); typed URLs refused."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from interaction.volunteers import registration as rules
from interaction.volunteers.models import Registration

from .conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(activity):
    return [rules.register(activity, **person(i))[0] for i in range(1, 4)]


def test_roster_lists_masked_people_with_a_qr_each(client, manager, activity, registrations):
    client.force_login(manager)
    response = client.get(reverse("volunteers_roster", args=[activity.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "志**" in html and "139****0001" in html
    assert person(1)["phone"] not in html
    assert html.count("<svg") == 2  # one per confirmed registration; the waiting one has none
    assert "候补名单" in html and registrations[2].reference in html
    assert "no-store" in response["Cache-Control"]


def test_check_in_via_qr_address_credits_hours(client, manager, activity, registrations):
    client.force_login(manager)
    url = reverse("volunteers_check_in", args=[registrations[0].reference])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    registrations[0].refresh_from_db()
    assert registrations[0].checked_in_at and registrations[0].hours_served == Decimal("3.0")
    client.post(url, {"action": "hours", "hours": "2.5"})
    registrations[0].refresh_from_db()
    assert registrations[0].hours_served == Decimal("2.5")
    waiting_url = reverse("volunteers_check_in", args=[registrations[2].reference])
    client.post(waiting_url)
    registrations[2].refresh_from_db()
    assert registrations[2].checked_in_at is None


def test_listings_mask_phone_numbers(client, manager, registrations):
    client.force_login(manager)
    for name in ("wagtailsnippets_volunteers_registration:list", "wagtailsnippets_volunteers_volunteer:list"):
        html = client.get(reverse(name), {"q": "ZY" if "registration" in name else "志愿者1"}).content.decode()
        assert "139****0001" in html, name
        assert person(1)["phone"] not in html, name


def test_volunteer_listing_totals_hours_without_a_query_per_row(client, manager, activity, registrations, django_assert_max_num_queries):
    for r in registrations[:2]:
        rules.check_in(r, user=manager)
    client.force_login(manager)
    url = reverse("wagtailsnippets_volunteers_volunteer:list") + "?q=志愿者1"
    client.get(url)
    with django_assert_max_num_queries(45):
        html = client.get(url).content.decode()
    assert "3.0" in html, [" ".join(c.split()) for c in re.findall(r"<td[^>]*>.*?</td>", html, re.S)][:20]


def test_personal_data_view_is_logged(client, manager, registrations):
    client.force_login(manager)
    volunteer = registrations[0].volunteer
    html = client.get(reverse("volunteers_personal_data", args=[volunteer.pk])).content.decode()
    assert person(1)["phone"] in html
    assert ModelLogEntry.objects.filter(action="volunteers.view_personal_data", user_id=manager.pk).exists()


def test_staff_without_the_role_are_refused_on_typed_urls(client, staff_member, activity, registrations):
    client.force_login(staff_member)
    urls = [
        reverse("volunteers_roster", args=[activity.pk]),
        reverse("volunteers_check_in", args=[registrations[0].reference]),
        reverse("volunteers_personal_data", args=[registrations[0].volunteer_id]),
        reverse("wagtailsnippets_volunteers_registration:list"),
        reverse("wagtailsnippets_volunteers_volunteer:list"),
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(reverse("volunteers_check_in", args=[registrations[0].reference])).status_code in (302, 403)
    registrations[0].refresh_from_db()
    assert registrations[0].checked_in_at is None


def test_registrations_cannot_be_edited_by_hand(client, manager, registrations):
    client.force_login(manager)
    url = reverse("wagtailsnippets_volunteers_registration:edit", args=[registrations[0].pk])
    assert client.get(url).status_code in (302, 403)
    assert Registration.objects.get(pk=registrations[0].pk).status == Registration.Status.CONFIRMED


def test_activity_listing_links_each_check_in_list(client, manager, activity, registrations):
    client.force_login(manager)
    html = client.get(reverse("wagtailsnippets_volunteers_activity:list"), {"q": activity.title}).content.decode()
    assert reverse("volunteers_roster", args=[activity.pk]) in html
