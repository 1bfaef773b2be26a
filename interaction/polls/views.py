"""The staff's results, export and voiding views (the public poll pages serve themselves: see
models/pages.py). Thin: the rules are in rules.py."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from wagtail.log_actions import log

from core.pagination import paginate

from . import rules
from .forms import VoidForm
from .models import Ballot, PollPage

BALLOTS_PER_PAGE = 50


def _private(response):
    add_never_cache_headers(response)
    return response


# Staff ------------------------------------------------------------------------------------------

def poll_list(request):
    polls = PollPage.editable_by(request.user).order_by("-opens_at", "-id")
    items = paginate(request, polls.only("id", "title", "opens_at", "closes_at", "live"))
    now = timezone.now()
    for poll in items:
        poll.state_label = rules.STATE_LABELS[rules.poll_state(poll, now)]
    return TemplateResponse(request, "polls/admin/poll_list.html", {
        "items": items, "header_title": "投票结果", "header_icon": "tasks",
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": "首页"}, {"url": "", "label": "投票结果"}],
    })


def poll_results(request, page_id):
    poll = get_object_or_404(PollPage.editable_by(request.user), pk=page_id)
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
    poll = get_object_or_404(PollPage.editable_by(request.user), pk=page_id)
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
    poll = get_object_or_404(PollPage.editable_by(request.user), pk=page_id)
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
