"""The staff side: results, XLSX export and voiding only for those who may edit the poll."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from interaction.polls import rules
from interaction.polls.models import Ballot
from tests.factories import StaffFactory

from .factories import PollFactory, question_data

pytestmark = pytest.mark.django_db


def cast(poll, voter, picks):
    qs = rules.questions(poll)
    answers = {q.key: [q.options[j].key for j in chosen] for q, chosen in zip(qs, picks, strict=True)}
    return rules.cast_ballot(poll, voter_key=voter, ip_hash=f"ip-{voter}", answers=answers)


@pytest.fixture
def voted_poll(db):
    poll = PollFactory(questions=question_data([("=SUM(A1) 哪项最好？", False, None, ["=HYPERLINK(1)", "乙方案"])]))
    for n, pick in enumerate([0, 0, 1]):
        cast(poll, f"b{n}", ((pick,),))
    return poll


def test_results_page_and_export_for_staff_who_may_edit(client, superuser, voted_poll, django_assert_max_num_queries):
    client.force_login(superuser)
    response = client.get(reverse("polls_admin:results", args=[voted_poll.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "有效票 3 张" in body and "作废票 0 张" in body
    export = client.get(reverse("polls_admin:export", args=[voted_poll.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["有效票", 3, "作废票", 0] in rows
    assert ["'=HYPERLINK(1)", 2, 66.7] in rows and ["乙方案", 1, 33.3] in rows
    assert PageLogEntry.objects.filter(page=voted_poll, action=rules.EXPORT_ACTION, user=superuser).exists()
    for n in range(30):
        cast(voted_poll, f"more{n}", ((1,),))
    with django_assert_max_num_queries(40):
        client.get(reverse("polls_admin:results", args=[voted_poll.pk]))


def test_void_with_a_reason_recounts_and_is_logged(client, superuser, voted_poll):
    client.force_login(superuser)
    ballot = Ballot.objects.filter(poll=voted_poll).order_by("pk").first()
    url = reverse("polls_admin:void", args=[voted_poll.pk, ballot.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "请填写作废原因" in response.content.decode()
    response = client.post(url, {"reason": "同一地址集中投票"}, follow=True)
    assert "已作废，结果已重新计票" in response.content.decode()
    tally = rules.tally(voted_poll)
    assert (tally.valid, tally.void) == (2, 1)
    assert [o.votes for o in tally.questions[0].options] == [1, 1]
    assert PageLogEntry.objects.filter(page=voted_poll, action=rules.VOID_ACTION, user=superuser).count() == 1
    assert client.get(url).status_code == 405


def test_staff_who_cannot_edit_the_poll_get_nothing(client, voted_poll):
    outsider = StaffFactory(editor=True)  # a department editor of another sub-column
    client.force_login(outsider)
    ballot = Ballot.objects.filter(poll=voted_poll).first()
    assert client.get(reverse("polls_admin:results", args=[voted_poll.pk])).status_code == 404
    assert client.get(reverse("polls_admin:export", args=[voted_poll.pk])).status_code == 404
    response = client.post(reverse("polls_admin:void", args=[voted_poll.pk, ballot.pk]), {"reason": "试图作废"})
    assert response.status_code == 404
    assert Ballot.objects.get(pk=ballot.pk).voided_at is None
    listing = client.get(reverse("polls_admin:list")).content.decode()
    assert voted_poll.title not in listing


def test_a_ballot_of_another_poll_cannot_be_voided_through_this_one(client, superuser, voted_poll):
    other = PollFactory()
    foreign = cast(other, "x", ((0,), (0,)))
    client.force_login(superuser)
    response = client.post(reverse("polls_admin:void", args=[voted_poll.pk, foreign.pk]), {"reason": "错位"})
    assert response.status_code == 404


def test_the_poll_list_shows_managed_polls(client, superuser, voted_poll):
    client.force_login(superuser)
    body = client.get(reverse("polls_admin:list")).content.decode()
    assert voted_poll.title in body
    header = client.get(reverse("wagtailadmin_pages:edit", args=[voted_poll.pk])).content.decode()
    assert reverse("polls_admin:results", args=[voted_poll.pk]) in header
