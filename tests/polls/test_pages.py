"""The public poll pages: voting once per browser, results when allowed, errors that keep the
visitor's choices, login polls, escaping."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from interaction.polls import rules
from interaction.polls.models import pages as poll_pages
from interaction.polls.models import Ballot, PollIndexPage, PollPage
from interaction.polls.models.pages import VOTER_COOKIE
from tests.factories import UserFactory

from .conftest import ballot_data, solve_captcha
from .factories import PollFactory, question_data

pytestmark = pytest.mark.django_db


def url(page):
    return page.get_url()


def vote(client, poll, picks=((0,), (0, 1)), **extra):
    data = {**ballot_data(poll, picks, client, url(poll)), **extra}
    return client.post(url(poll), data)


def test_the_index_lists_polls_newest_first(public_client):
    old = PollFactory(opens_at=timezone.now() - timedelta(days=30), title="较早的投票")
    new = PollFactory(title="最新的投票")
    body = public_client.get(url(PollIndexPage.objects.get())).content.decode()
    assert body.index(new.title) < body.index(old.title)
    assert "进行中" in body


def test_a_browser_votes_once_and_then_sees_the_results(public_client, poll):
    page = public_client.get(url(poll))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "投票后即可查看当前结果" in page.content.decode()
    response = vote(public_client, poll)
    assert response.status_code == 302 and response["Location"].endswith("#results")
    assert VOTER_COOKIE in response.cookies and response.cookies[VOTER_COOKIE]["httponly"]
    doc = BeautifulSoup(public_client.get(url(poll)).content, "html.parser")
    assert "投票成功" in doc.get_text() and "您已参加本次投票" in doc.get_text()
    assert doc.find("form", class_="poll-form") is None
    table = doc.find("table", class_="poll-table")
    assert [td.get_text() for td in table.select("td.poll-table__votes")] == ["1", "0", "0"]
    # Posting again from the same browser (a kept form, a replayed request) is refused.
    again = public_client.post(url(poll), {"q0": rules.questions(poll)[0].options[1].key})
    assert again.status_code == 409 and "每人只能投一次" in again.content.decode()
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_a_new_browser_on_the_same_address_counts_up_to_the_cap(client, poll):
    poll.per_ip_limit = 2
    poll.save()
    for n in range(2):
        client.cookies.clear()
        assert vote(client, poll).status_code == 302, n
    client.cookies.clear()
    response = vote(client, poll)
    assert response.status_code == 409 and "网络地址的投票数已达到" in response.content.decode()
    assert Ballot.objects.filter(poll=poll).count() == 2


def test_a_forged_cookie_is_ignored(public_client, poll):
    public_client.cookies[VOTER_COOKIE] = "forged-token"
    assert vote(public_client, poll).status_code == 302
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.voter_key != rules.browser_voter_key(poll, "forged-token")


def test_errors_keep_the_choices_and_say_what_is_wrong(public_client, poll):
    data = ballot_data(poll, ((1,), (0, 1, 2)), public_client, url(poll))
    response = public_client.post(url(poll), data)
    doc = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200 and "最多只能选择 2 项" in doc.get_text()
    checked = [i["value"] for i in doc.select("input[checked]") if i["name"] in ("q0", "q1")]
    questions = rules.questions(poll)
    assert questions[0].options[1].key in checked and questions[1].options[2].key in checked
    data = ballot_data(poll, ((1,), (0,)), public_client, url(poll))
    data["captcha_1"] = "WRONG"
    response = public_client.post(url(poll), data)
    assert "验证码不正确" in response.content.decode()
    assert not Ballot.objects.filter(poll=poll).exists()


def test_results_after_closing_stay_hidden_until_then(public_client):
    poll = PollFactory(results_shown=PollPage.ResultsShown.AFTER_CLOSE)
    vote(public_client, poll)
    body = public_client.get(url(poll)).content.decode()
    assert "poll-table" not in body and "投票结果将在投票结束后公布" in body
    PollPage.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    body = public_client.get(url(poll)).content.decode()
    assert "poll-table" in body and "已结束" in body


def test_staff_only_results_never_show_publicly(public_client):
    poll = PollFactory(results_shown=PollPage.ResultsShown.STAFF)
    vote(public_client, poll)
    PollPage.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    body = public_client.get(url(poll)).content.decode()
    assert "poll-table" not in body and "不在网上公布" in body


def test_voided_ballots_leave_the_public_results(public_client, poll):
    vote(public_client, poll)
    rules.void_ballot(Ballot.objects.get(poll=poll), user=UserFactory(), reason="刷票")
    doc = BeautifulSoup(public_client.get(url(poll)).content, "html.parser")
    assert [td.get_text() for td in doc.select("td.poll-table__votes")][:3] == ["0", "0", "0"]


def test_closed_and_future_polls_take_no_ballots(public_client):
    now = timezone.now()
    closed = PollFactory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    doc = public_client.get(url(closed)).content.decode()
    assert "poll-form" not in doc and "已结束" in doc
    response = public_client.post(url(closed), {"q0": rules.questions(closed)[0].options[0].key})
    assert response.status_code == 409 and "投票已经结束" in response.content.decode()
    future = PollFactory(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2))
    assert "投票尚未开始" in public_client.get(url(future)).content.decode()
    assert not Ballot.objects.filter(poll__in=[closed, future]).exists()


def test_login_polls_ask_anonymous_visitors_to_log_in(public_client, login):
    poll = PollFactory(access=PollPage.Access.LOGIN)
    body = public_client.get(url(poll)).content.decode()
    assert "须登录后参加" in body and "poll-form" not in body
    user = login(public_client, UserFactory())
    assert vote(public_client, poll).status_code == 302
    assert Ballot.objects.get(poll=poll).user == user
    public_client.cookies.clear()  # a new browser does not help an account vote twice
    public_client.force_login(user)
    assert "您已参加本次投票" in public_client.get(url(poll)).content.decode()


def test_voting_is_rate_limited(client, monkeypatch):
    polls = [PollFactory(per_ip_limit=0) for _ in range(2)]
    monkeypatch.setattr(poll_pages, "VOTE_RATE_LIMIT", (1, 3600))
    client.defaults["REMOTE_ADDR"] = "203.0.113.77"  # an address no other test (or browser journey) used
    assert vote(client, polls[0]).status_code == 302
    response = vote(client, polls[1])
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert not Ballot.objects.filter(poll=polls[1]).exists()


def test_editor_text_is_escaped(public_client):
    poll = PollFactory(questions=question_data([("<b>问题</b>", False, None, ["<script>alert(1)</script>", "乙"])]))
    body = public_client.get(url(poll)).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_results_table_is_accessible(public_client):
    poll = PollFactory(results_shown=PollPage.ResultsShown.AFTER_VOTE)
    vote(public_client, poll)
    doc = BeautifulSoup(public_client.get(url(poll)).content, "html.parser")
    table = doc.find("table", class_="poll-table")
    assert table.caption is not None and table.find("th", scope="col") is not None
    assert all(bar.get("aria-hidden") == "true" for bar in doc.select(".poll-bar"))
    assert doc.select_one(".poll-bar__fill.poll-w100") is not None
    assert not doc.select("[style]")


def test_no_placeholder_is_left_for_polls_or_specials(public_home):
    from columns.models import SubColumnPage
    from columns.tree import app_page_models
    from interaction.specials.models import SpecialIndexPage

    models = app_page_models()
    assert models["poll"] is PollIndexPage and models["special"] is SpecialIndexPage
    assert not SubColumnPage.objects.filter(kind="app", app_type__in=["poll", "special"]).exists()
    assert PollIndexPage.objects.descendant_of(public_home).get().slug == "wstp"


def test_captcha_is_on_the_form(public_client, poll):
    assert solve_captcha(public_client, url(poll))["captcha_1"]
