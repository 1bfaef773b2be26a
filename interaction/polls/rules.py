"""The rules of a poll, as plain functions: its state, who counts as the same voter, casting a
ballot (one per voter, the per-address cap), who sees results, counting and voiding."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.log_actions import log

from core.counters import bump

from .choices import Access, ResultsShown
from .models.ballots import AddressCount, Ballot, BallotChoice

VOID_ACTION = "polls.void_ballot"
EXPORT_ACTION = "polls.export_results"

NOT_OPEN_MESSAGE = "投票尚未开始。"
CLOSED_MESSAGE = "投票已经结束。"
ALREADY_VOTED_MESSAGE = "您已经参加过本次投票，每人只能投一次。"
ADDRESS_CAP_MESSAGE = "您所在网络地址的投票数已达到本次投票的上限，感谢您的关注。"
LOGIN_REQUIRED_MESSAGE = "本次投票须登录后参加。"


class BallotRefused(Exception):
    """The ballot was not counted; the message says why (Chinese, for the voter)."""


# State ------------------------------------------------------------------------------------------

NOT_STARTED, OPEN, CLOSED = "not_started", "open", "closed"
STATE_LABELS = {NOT_STARTED: "未开始", OPEN: "进行中", CLOSED: "已结束"}


def poll_state(poll, now=None):
    now = now or timezone.now()
    if now < poll.opens_at:
        return NOT_STARTED
    if now >= poll.closes_at:
        return CLOSED
    return OPEN


# Voters -----------------------------------------------------------------------------------------

def user_voter_key(user):
    return f"user:{user.pk}"


def browser_voter_key(poll, token):
    """The key of a browser (its signed cookie's random token) in one poll; the token itself is
    never stored."""
    return "browser:" + salted_hmac("polls.voter", f"{poll.pk}:{token}", algorithm="sha256").hexdigest()[:64]


# Questions --------------------------------------------------------------------------------------

@dataclass
class Option:
    key: str
    label: str
    image: object = None


@dataclass
class Question:
    key: str
    text: str
    multiple: bool
    min_choices: int
    max_choices: int | None
    options: list = field(default_factory=list)


def questions(poll):
    """The poll's questions with their stable keys (the ids of the stream items)."""
    result = []
    for child in poll.questions:
        value = child.value
        options = [
            Option(key=str(item.id), label=item.value["label"], image=item.value.get("image"))
            for item in value["options"].bound_blocks
        ]
        multiple = bool(value.get("multiple"))
        result.append(
            Question(
                key=str(child.id),
                text=value["text"],
                multiple=multiple,
                min_choices=(value.get("min_choices") or 1) if multiple else 1,
                max_choices=(value.get("max_choices") or None) if multiple else 1,
                options=options,
            )
        )
    return result


def check_answers(poll_questions, answers):
    """Refuse answers that name unknown options or break a question's limits ({key: [keys]})."""
    for question in poll_questions:
        chosen = list(dict.fromkeys(answers.get(question.key) or []))
        valid = {o.key for o in question.options}
        if any(key not in valid for key in chosen):
            raise ValidationError("选项无效，请刷新页面后重新选择。")
        if len(chosen) < question.min_choices:
            raise ValidationError(f"“{question.text}”至少选择 {question.min_choices} 项。")
        if question.max_choices and len(chosen) > question.max_choices:
            raise ValidationError(f"“{question.text}”最多选择 {question.max_choices} 项。")
    unknown = set(answers) - {q.key for q in poll_questions}
    if unknown:
        raise ValidationError("问题无效，请刷新页面后重新填写。")


# Casting ----------------------------------------------------------------------------------------

def cast_ballot(poll, *, voter_key, ip_hash, answers, user=None, now=None):
    """Record one ballot and return it, or raise BallotRefused.

    One ballot per voter_key is the database's unique constraint; the per-address cap is a counter
    row bumped in the same transaction (its lock serialises ballots from one address, and a
    refused ballot gives its increment back)."""
    now = now or timezone.now()
    state = poll_state(poll, now)
    if state == NOT_STARTED:
        raise BallotRefused(NOT_OPEN_MESSAGE)
    if state == CLOSED:
        raise BallotRefused(CLOSED_MESSAGE)
    if poll.access == Access.LOGIN and user is None:
        raise BallotRefused(LOGIN_REQUIRED_MESSAGE)
    poll_questions = questions(poll)
    check_answers(poll_questions, answers)
    with transaction.atomic():
        if poll.access == Access.ANONYMOUS and poll.per_ip_limit:
            count = bump(AddressCount, {"poll": poll, "ip_hash": ip_hash}, {"count": 1}, read="count").value
            if count > poll.per_ip_limit:
                raise BallotRefused(ADDRESS_CAP_MESSAGE)
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(poll=poll, voter_key=voter_key, ip_hash=ip_hash, user=user, cast_at=now)
        except IntegrityError:
            raise BallotRefused(ALREADY_VOTED_MESSAGE) from None
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, poll=poll, question_key=q.key, option_key=key)
            for q in poll_questions
            for key in dict.fromkeys(answers.get(q.key) or [])
        )
    return ballot


def has_voted(poll, voter_key):
    return bool(voter_key) and Ballot.objects.filter(poll=poll, voter_key=voter_key).exists()


# Who sees what ---------------------------------------------------------------------------------

def results_visible(poll, *, voted, now=None):
    """Whether the public sees the results now: after voting, after closing, or never."""
    if poll.results_shown == ResultsShown.STAFF:
        return False
    closed = poll_state(poll, now) == CLOSED
    if poll.results_shown == ResultsShown.AFTER_CLOSE:
        return closed
    return closed or voted


# Counting ---------------------------------------------------------------------------------------

@dataclass
class OptionResult:
    option: Option
    votes: int
    percent: float  # of the valid ballots that answered the question

    @property
    def bar(self):
        """Whole percent for the bar's width class (polls.css: poll-w0 ... poll-w100)."""
        return int(round(self.percent))


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    options: list


@dataclass
class Tally:
    valid: int
    void: int
    questions: list


def tally(poll):
    """Count the valid ballots: three aggregate queries, whatever the number of ballots."""
    ballots = Ballot.objects.filter(poll=poll)
    totals = ballots.aggregate(total=Count("id"), void=Count("id", filter=Q(voided_at__isnull=False)))
    valid_total = totals["total"] - totals["void"]
    choices = BallotChoice.objects.filter(poll=poll, ballot__voided_at__isnull=True)
    votes = {
        (row["question_key"], row["option_key"]): row["n"]
        for row in choices.values("question_key", "option_key").annotate(n=Count("id")).order_by()
    }
    respondents = dict(
        choices.values_list("question_key").annotate(n=Count("ballot_id", distinct=True)).order_by()
    )
    results = []
    for question in questions(poll):
        answered = respondents.get(question.key, 0)
        results.append(
            QuestionResult(
                question=question,
                respondents=answered,
                options=[
                    OptionResult(
                        option=o,
                        votes=votes.get((question.key, o.key), 0),
                        percent=(100 * votes.get((question.key, o.key), 0) / answered) if answered else 0.0,
                    )
                    for o in question.options
                ],
            )
        )
    return Tally(valid=valid_total, void=totals["void"], questions=results)


# Voiding ----------------------------------------------------------------------------------------

def void_ballot(ballot, *, user, reason, now=None):
    """Void a fraudulent ballot: it stays on record but no longer counts. Audit-logged on the poll."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废原因。")
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.voided_at is not None:
            raise ValidationError("该选票已作废。")
        locked.voided_at = now or timezone.now()
        locked.voided_by = user
        locked.void_reason = reason[:200]
        locked.save(update_fields=["voided_at", "voided_by", "void_reason"])
        log(
            instance=locked.poll,
            action=VOID_ACTION,
            user=user,
            data={"ballot": locked.pk, "reason": locked.void_reason},
        )
    return locked
