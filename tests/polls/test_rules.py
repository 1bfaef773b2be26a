"""The rules of a poll: one ballot per voter, the per-address cap, states, limits, visibility,
counting and voiding."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from interaction.polls import rules, stats
from interaction.polls.models import Ballot, PollPage
from tests.factories import UserFactory

from .factories import PollFactory

pytestmark = pytest.mark.django_db


def answers(poll, picks):
    qs = rules.questions(poll)
    return {q.key: [q.options[j].key for j in chosen] for q, chosen in zip(qs, picks, strict=True)}


def cast(poll, voter, ip="ip-a", picks=((0,), (0, 1)), **kwargs):
    return rules.cast_ballot(poll, voter_key=voter, ip_hash=ip, answers=answers(poll, picks), **kwargs)


def test_a_voter_gets_one_ballot_per_poll(poll):
    cast(poll, "browser:1")
    with pytest.raises(rules.BallotRefused, match="每人只能投一次"):
        cast(poll, "browser:1", picks=((1,), (2,)))
    other = PollFactory()
    cast(other, "browser:1")  # the same browser in another poll is a new voter
    assert rules.tally(poll).valid == 1
    assert rules.tally(poll).questions[0].options[0].votes == 1
    assert rules.tally(poll).questions[0].options[1].votes == 0


def test_login_polls_need_a_user_and_take_one_ballot_per_account():
    poll = PollFactory(access=PollPage.Access.LOGIN, per_ip_limit=1)
    with pytest.raises(rules.BallotRefused, match="须登录"):
        cast(poll, "browser:x")
    alice, bob = UserFactory(), UserFactory()
    cast(poll, rules.user_voter_key(alice), user=alice)
    with pytest.raises(rules.BallotRefused, match="只能投一次"):
        cast(poll, rules.user_voter_key(alice), user=alice)
    cast(poll, rules.user_voter_key(bob), user=bob)  # same address: no per-address cap for accounts
    assert rules.tally(poll).valid == 2


def test_the_per_address_cap_counts_only_ballots_that_were_cast():
    poll = PollFactory(per_ip_limit=2)
    cast(poll, "browser:1", ip="office")
    with pytest.raises(rules.BallotRefused):
        cast(poll, "browser:1", ip="office")  # a refused duplicate does not use up a place
    cast(poll, "browser:2", ip="office")
    with pytest.raises(rules.BallotRefused, match="网络地址的投票数已达到"):
        cast(poll, "browser:3", ip="office")
    cast(poll, "browser:3", ip="home")
    assert rules.tally(poll).valid == 3


def test_a_cap_of_zero_means_no_limit():
    poll = PollFactory(per_ip_limit=0)
    for n in range(5):
        cast(poll, f"browser:{n}", ip="office")
    assert rules.tally(poll).valid == 5


def test_ballots_only_while_the_poll_is_open():
    now = timezone.now()
    early = PollFactory(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2))
    late = PollFactory(opens_at=now - timedelta(days=2), closes_at=now - timedelta(seconds=1))
    with pytest.raises(rules.BallotRefused, match="尚未开始"):
        cast(early, "browser:1")
    with pytest.raises(rules.BallotRefused, match="已经结束"):
        cast(late, "browser:1")
    assert Ballot.objects.filter(poll__in=[early, late]).count() == 0
    assert rules.poll_state(early) == rules.NOT_STARTED and rules.poll_state(late) == rules.CLOSED


@pytest.mark.parametrize(
    "picks,message",
    [(((0,), (0, 1, 2)), "最多选择 2 项"), (((0, 1), (0,)), "最多选择 1 项"), (((0,), ()), "至少选择 1 项")],
)
def test_answers_outside_a_questions_limits_are_refused(poll, picks, message):
    with pytest.raises(ValidationError, match=message):
        cast(poll, "browser:1", picks=picks)
    assert not Ballot.objects.filter(poll=poll).exists()


def test_unknown_options_are_refused(poll):
    question = rules.questions(poll)[0]
    with pytest.raises(ValidationError, match="选项无效"):
        rules.cast_ballot(poll, voter_key="b", ip_hash="i", answers={question.key: ["not-an-option"]})


@pytest.mark.parametrize(
    "shown,voted,closed,visible",
    [
        ("after_vote", False, False, False), ("after_vote", True, False, True), ("after_vote", False, True, True),
        ("after_close", True, False, False), ("after_close", False, True, True),
        ("staff", True, False, False), ("staff", True, True, False),
    ],
)
def test_when_the_public_sees_results(shown, voted, closed, visible):
    now = timezone.now()
    poll = PollPage(results_shown=shown, opens_at=now - timedelta(days=3),
                    closes_at=now - timedelta(days=1) if closed else now + timedelta(days=1))
    assert rules.results_visible(poll, voted=voted) is visible


def test_tally_counts_valid_ballots_with_shares(poll, django_assert_max_num_queries):
    cast(poll, "b1", picks=((0,), (0, 1)))
    cast(poll, "b2", picks=((0,), (1,)))
    cast(poll, "b3", picks=((2,), (1,)))
    cast(poll, "b4", picks=((1,), (0,)))
    with django_assert_max_num_queries(3):
        result = rules.tally(poll)
    first, second = result.questions
    assert [o.votes for o in first.options] == [2, 1, 1]
    assert [o.percent for o in first.options] == [50.0, 25.0, 25.0]
    assert [o.votes for o in second.options] == [2, 3, 0]
    assert second.respondents == 4 and second.options[1].bar == 75


def test_voiding_drops_a_ballot_from_the_results_and_is_logged(poll):
    staff = UserFactory()
    keep = cast(poll, "b1", picks=((0,), (0,)))
    fraud = cast(poll, "b2", picks=((1,), (1,)))
    with pytest.raises(ValidationError, match="作废原因"):
        rules.void_ballot(fraud, user=staff, reason="  ")
    rules.void_ballot(fraud, user=staff, reason="同一地址集中投票")
    result = rules.tally(poll)
    assert (result.valid, result.void) == (1, 1)
    assert [o.votes for o in result.questions[0].options] == [1, 0, 0]
    entry = PageLogEntry.objects.get(page=poll, action=rules.VOID_ACTION)
    assert entry.user == staff and entry.data == {"ballot": fraud.pk, "reason": "同一地址集中投票"}
    with pytest.raises(ValidationError, match="已作废"):
        rules.void_ballot(fraud, user=staff, reason="再次作废")
    assert keep.voided_at is None


def test_stats_count_ballots_per_poll_in_a_period(poll):
    other = PollFactory()
    cast(poll, "b1")
    cast(poll, "b2")
    rules.void_ballot(cast(poll, "b3"), user=UserFactory(), reason="刷票")
    cast(other, "b1")
    today = timezone.localdate()
    rows = {r["poll"]: r for r in stats.ballots_per_poll(today, today)}
    assert (rows[poll.pk]["valid"], rows[poll.pk]["void"]) == (2, 1)
    assert rows[other.pk]["valid"] == 1
    assert stats.ballots_per_poll(date(2001, 1, 1), date(2001, 12, 31)) == []
    period = stats.period_stats(today, today)
    assert period["ballots"] >= 3 and period["polls_open"] >= 2
