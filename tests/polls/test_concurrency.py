"""Parallel ballots on PostgreSQL: none lost, none counted twice, the per-address cap exact.
Each thread has its own database connection (tests.helpers.in_threads), so the ballots really
race in the database. SQLite serialises writers, so there is nothing to race there."""

import pytest
from django.db import connection

from interaction.polls import rules
from interaction.polls.models import Ballot, PollPage
from tests.helpers import committed, in_threads

from .factories import PollFactory

pytestmark = pytest.mark.django_db

THREADS = 20
PER_THREAD = 10  # 200 ballots


@pytest.fixture
def committed_poll():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers race only on PostgreSQL; SQLite serialises them")
    poll = committed(lambda: PollFactory(per_ip_limit=0))
    yield poll
    committed(lambda: PollPage.objects.get(pk=poll.pk).delete())


def _answers(poll, n):
    first, second = rules.questions(poll)
    return {first.key: [first.options[n % 3].key], second.key: [second.options[n % 2].key]}


def test_two_hundred_parallel_ballots_are_counted_exactly(committed_poll):
    poll = committed_poll

    def voter(i):
        """Each of the 200 voters (0..199) is tried twice, by two different threads: once as
        n = i * 10 + j and once as (n * 7) % 200 (7 is prime to 200, so that is a permutation)."""
        accepted = refused = 0
        fresh = PollPage.objects.get(pk=poll.pk)
        for j in range(PER_THREAD):
            n = i * PER_THREAD + j
            for m in (n, (n * 7) % 200):
                try:
                    rules.cast_ballot(
                        fresh, voter_key=f"browser:{m}", ip_hash=f"ip-{m % 7}", answers=_answers(fresh, m)
                    )
                except rules.BallotRefused:
                    refused += 1
                else:
                    accepted += 1
        return accepted, refused

    outcomes = in_threads(voter, THREADS)
    tally = committed(lambda: rules.tally(PollPage.objects.get(pk=poll.pk)))
    assert committed(lambda: Ballot.objects.filter(poll=poll).count()) == 200
    assert tally.valid == 200
    first = [o.votes for o in tally.questions[0].options]
    assert first == [67, 67, 66]  # n % 3 over 0..199
    assert [o.votes for o in tally.questions[1].options] == [100, 100, 0]
    assert sum(a for a, _ in outcomes) == 200 and sum(r for _, r in outcomes) == 200


def test_the_per_address_cap_holds_under_parallel_ballots(committed_poll):
    poll = committed(lambda: PollPage.objects.filter(pk=committed_poll.pk).update(per_ip_limit=15))

    def voter(i):
        fresh = PollPage.objects.get(pk=committed_poll.pk)
        try:
            rules.cast_ballot(fresh, voter_key=f"office:{i}", ip_hash="one-office", answers=_answers(fresh, i))
        except rules.BallotRefused:
            return False
        return True

    cast = in_threads(voter, 40)
    assert poll == 1
    assert sum(cast) == 15
    assert committed(lambda: Ballot.objects.filter(poll=committed_poll).count()) == 15
