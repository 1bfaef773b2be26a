"""Public poll pages and the staff's results, export and voiding views. Thin: the rules are in
rules.py."""

import secrets
from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from wagtail.log_actions import log

from core.pagination import paginate
from core.visibility import visible
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

from . import rules
from .forms import BallotForm, VoidForm
from .models import Ballot, PollPage

VOTER_COOKIE = "pdenv_voter"
VOTER_COOKIE_SALT = "polls.voter"
VOTER_COOKIE_AGE = 3 * 365 * 24 * 3600
VOTE_RATE_LIMIT = (20, 3600)  # ballots per client address per hour, across polls
BALLOTS_PER_PAGE = 50


def _browser_token(request):
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_AGE)


def _voter_key(poll, request, token):
    if poll.access == PollPage.Access.LOGIN:
        return rules.user_voter_key(request.user) if request.user.is_authenticated else None
    return rules.browser_voter_key(poll, token) if token else None


def _private(response):
    add_never_cache_headers(response)
    return response


def poll_page(page, request):
    """GET: the poll, its form while open and not yet voted, results when they may be shown.
    POST: cast a ballot, then back to the page (results in view)."""
    now = timezone.now()
    state = rules.poll_state(page, now)
    token = _browser_token(request)
    voter_key = _voter_key(page, request, token)
    voted = rules.has_voted(page, voter_key)
    needs_login = page.access == PollPage.Access.LOGIN and not request.user.is_authenticated
    poll_questions = rules.questions(page)
    form = None
    refusal = None
    status = 200
    if state == rules.OPEN and not voted and not needs_login:
        form = BallotForm(request.POST if request.method == "POST" else None, questions=poll_questions, request=request)
        if request.method == "POST" and form.is_valid():
            limit, window = VOTE_RATE_LIMIT
            if rate_limited(request, "poll-vote", limit=limit, window=window):
                form.add_error(None, rate_limit_message())
                status = 429
            else:
                new_token = None
                if page.access == PollPage.Access.ANONYMOUS and token is None:
                    new_token = secrets.token_urlsafe(18)
                    voter_key = rules.browser_voter_key(page, new_token)
                try:
                    rules.cast_ballot(
                        page,
                        voter_key=voter_key,
                        ip_hash=hash_ip(client_ip(request)),
                        answers=form.answers(),
                        user=request.user if request.user.is_authenticated else None,
                        now=now,
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                except rules.BallotRefused as error:
                    form.add_error(None, str(error))
                    status = 409
                else:
                    messages.success(request, "投票成功，感谢您的参与！")
                    response = HttpResponseRedirect(page.get_url(request) + "#results")
                    if new_token:
                        response.set_signed_cookie(
                            VOTER_COOKIE, new_token, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_AGE,
                            httponly=True, samesite="Lax", secure=request.is_secure(),
                        )
                    return response
    elif request.method == "POST":
        refusal = (
            rules.NOT_OPEN_MESSAGE if state == rules.NOT_STARTED
            else rules.CLOSED_MESSAGE if state == rules.CLOSED
            else rules.LOGIN_REQUIRED_MESSAGE if needs_login
            else rules.ALREADY_VOTED_MESSAGE
        )
        status = 409
    show_results = rules.results_visible(page, voted=voted, now=now)
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "state": state,
            "state_label": rules.STATE_LABELS[state],
            "voted": voted,
            "needs_login": needs_login,
            "refusal": refusal,
            "questions": poll_questions,
            "tally": rules.tally(page) if show_results else None,
            "results_note": _results_note(page, state, voted),
        },
    )
    response.status_code = status
    return _private(response)


def _results_note(page, state, voted):
    if page.results_shown == PollPage.ResultsShown.STAFF:
        return "本次投票的结果由工作人员统计，不在网上公布。"
    if page.results_shown == PollPage.ResultsShown.AFTER_CLOSE and state != rules.CLOSED:
        return "投票结果将在投票结束后公布。"
    if not voted and state != rules.CLOSED:
        return "投票后即可查看当前结果。"
    return ""


def index_context(index_page, request):
    polls = visible(PollPage.objects.child_of(index_page).live(), request).select_related("cover")
    items = paginate(request, polls.order_by("-opens_at", "-id"))
    now = timezone.now()
    for poll in items:
        poll.state = rules.poll_state(poll, now)
        poll.state_label = rules.STATE_LABELS[poll.state]
    return {"items": items}


# Staff ------------------------------------------------------------------------------------------

def poll_list(request):
    polls = rules.editable_polls(request.user).order_by("-opens_at", "-id")
    items = paginate(request, polls.only("id", "title", "opens_at", "closes_at", "live"))
    now = timezone.now()
    for poll in items:
        poll.state_label = rules.STATE_LABELS[rules.poll_state(poll, now)]
    return TemplateResponse(request, "polls/admin/poll_list.html", {
        "items": items, "header_title": "投票结果", "header_icon": "tasks",
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": "首页"}, {"url": "", "label": "投票结果"}],
    })


def poll_results(request, page_id):
    poll = get_object_or_404(rules.editable_polls(request.user), pk=page_id)
    ballots = Ballot.objects.filter(poll=poll).select_related("user", "voided_by").order_by("-cast_at", "-id")
    if request.GET.get("show") == "void":
        ballots = ballots.filter(voided_at__isnull=False)
    items = paginate(request, ballots, per_page=BALLOTS_PER_PAGE)
    return _private(TemplateResponse(
        request,
        "polls/admin/results.html",
        {
            "poll": poll,
            "tally": rules.tally(poll),
            "items": items,
            "state_label": rules.STATE_LABELS[rules.poll_state(poll)],
            "void_form": VoidForm(),
            "header_title": f"投票结果：{poll.title}",
            "header_icon": "tasks",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": "首页"},
                {"url": reverse("polls_admin:list"), "label": "投票结果"},
                {"url": "", "label": poll.title},
            ],
        },
    ))


@require_POST
def void_ballot(request, page_id, ballot_id):
    poll = get_object_or_404(rules.editable_polls(request.user), pk=page_id)
    ballot = get_object_or_404(Ballot.objects.filter(poll=poll), pk=ballot_id)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            rules.void_ballot(ballot, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"选票 {ballot.pk} 已作废，结果已重新计票。")
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("polls_admin:results", page_id=poll.pk)


def export_results(request, page_id):
    """The results (and the ballot count, valid and void) as an XLSX workbook."""
    poll = get_object_or_404(rules.editable_polls(request.user), pk=page_id)
    result = rules.tally(poll)
    book = Workbook()
    sheet = book.active
    sheet.title = "投票结果"
    sheet.append(["投票", poll.title])
    opens, closes = timezone.localtime(poll.opens_at), timezone.localtime(poll.closes_at)
    sheet.append(["时间", f"{opens:%Y-%m-%d %H:%M} 至 {closes:%Y-%m-%d %H:%M}"])
    sheet.append(["有效票", result.valid, "作废票", result.void])
    for question_result in result.questions:
        sheet.append([])
        sheet.append(["问题", question_result.question.text, "答题人数", question_result.respondents])
        sheet.append(["选项", "票数", "比例（%）"])
        for row in question_result.options:
            sheet.append([_cell(row.option.label), row.votes, round(row.percent, 1)])
    buffer = BytesIO()
    book.save(buffer)
    log(instance=poll, action=rules.EXPORT_ACTION, user=request.user)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}-results.xlsx"'
    return _private(response)


def _cell(text):
    """Text an editor typed, never a formula in the spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
