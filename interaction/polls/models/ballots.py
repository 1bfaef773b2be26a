"""Ballots: one person's answers to one poll, and the per-address ballot counts. They name the poll
page by its label, so this module imports no page and the rules can take their models from here
while the page module (pages.py, loaded after this one) imports the rules."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Ballot(models.Model):
    """One person's ballot in one poll. `voter_key` names the person (the account, or a hash of
    the browser's signed cookie) and is unique per poll: the database refuses a second ballot."""

    poll = models.ForeignKey("polls.PollPage", on_delete=models.CASCADE, related_name="ballots", verbose_name="投票")
    voter_key = models.CharField("投票人标识", max_length=80)
    ip_hash = models.CharField("网络地址摘要", max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="账号"
    )
    cast_at = models.DateTimeField("投票时间", default=timezone.now)
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="作废人"
    )
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "选票"
        verbose_name_plural = "选票"
        constraints = [models.UniqueConstraint(fields=["poll", "voter_key"], name="polls_one_ballot_per_voter")]
        indexes = [models.Index(fields=["poll", "cast_at"], name="polls_ballot_poll_cast_idx")]

    def __str__(self):
        return f"选票 {self.pk}"

    @property
    def is_void(self):
        return self.voided_at is not None


class BallotChoice(models.Model):
    """One chosen option of one question on a ballot (the ids of the poll's stream items)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    poll = models.ForeignKey("polls.PollPage", on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=36)
    option_key = models.CharField(max_length=36)

    class Meta:
        indexes = [models.Index(fields=["poll", "question_key", "option_key"], name="polls_choice_tally_idx")]


class AddressCount(models.Model):
    """Ballots cast from one hashed network address in one poll, for the editor's per-address cap.
    Incremented with core.counters.bump inside the ballot's transaction, so parallel ballots
    from one address cannot slip past the cap."""

    poll = models.ForeignKey("polls.PollPage", on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "ip_hash"], name="polls_one_count_per_address")]
