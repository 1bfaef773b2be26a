"""What the public pages of a channel do: submit, show the receipt once, look up, archive, stats.

The page model (models/pages.py) routes to these functions; they stay thin. The rules they rely
on (finding a case by reference and code, which history and status a visitor sees, what is
published) are the plain functions at the top of this module."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from core.pagination import paginate
from interaction.protection.ratelimit import rate_limit_message, rate_limited

from . import codes, workflow
from .choices import ANSWERED_STATES, PAUSED_STATES, RESULT_REASON_CHOICES, Status
from .forms import LOOKUP_FAILED_MESSAGE, LookupForm, RatingForm, SupplementForm
from .models import Case, CaseLogEntry
from .stats import monthly_public_stats

ARCHIVE_PAGE_SIZE = 20
LATEST_REPLIES = 5
LOOKUP_RATE_LIMIT = (30, 3600)  # lookups per client IP per hour: plenty for people, too few to guess codes
LOOKUP_SESSION_KEY = "cases.lookup"
LOOKUP_VALID_FOR = timedelta(minutes=30)  # how long a successful lookup lets this browser act on the case
RECEIPT_SESSION_KEY = "cases.receipt.{page_id}"

# Wording of states for the person who wrote in: internal steps are not their concern.
PUBLIC_STATUS = {
    Status.SUBMITTED: "已提交，等待受理",
    Status.REPLY_PENDING: "办理中",
    Status.THIRD_PARTY: "征求第三方意见（暂停计时）",
    Status.AWAITING_COMPLETION: "待补正",
    Status.MERGED: "已与相同诉求合并办理",
}

# Rules -----------------------------------------------------------------------------------------

def find_case(channel, reference, code):
    """The case of `channel` with this reference whose query code matches, else None."""
    case = Case.objects.filter(channel=channel, reference=(reference or "").strip().upper()).first()
    if case is None:
        # The same work as a wrong code, so the response time does not tell the two apart.
        codes.verify(code or "x", codes.DUMMY_HASH)
        return None
    return case if case.check_query_code(code) else None


def public_status(case):
    return PUBLIC_STATUS.get(case.status, case.get_status_display())


def public_history(case):
    """The steps of the case a visitor may see, oldest first, as (time, Chinese label)."""
    entries = (
        CaseLogEntry.objects.for_instance(case)
        .filter(action__in=list(workflow.PUBLIC_STEPS))
        .order_by("timestamp", "id")
        .values_list("timestamp", "action")
    )
    return [(when, workflow.PUBLIC_STEPS[action]) for when, action in entries]


def published_cases(channel):
    """Replied cases the visitor agreed to publish and staff published: public texts only."""
    return (
        Case.objects.published()
        .filter(channel=channel)
        .select_related("reply_department")
        .only(
            "id", "channel", "reference", "status", "name", "category", "result", "submitted_at", "accepted_at",
            "replied_at", "public_title", "public_content", "public_reply", "reply_department__name",
        )
        .order_by("-replied_at", "-id")
    )


def result_reason_label(case):
    return dict(RESULT_REASON_CHOICES).get(case.result_reason, "")


def _authorised(request):
    """Case ids this browser proved it may see (right code) within LOOKUP_VALID_FOR."""
    stored = request.session.get(LOOKUP_SESSION_KEY) or {}
    now = timezone.now()
    valid = {}
    for pk, when in stored.items():
        try:
            if now - datetime.fromisoformat(when) < LOOKUP_VALID_FOR:
                valid[pk] = when
        except (TypeError, ValueError):
            continue
    return valid


def _authorise(request, case):
    valid = _authorised(request)
    valid[str(case.pk)] = timezone.now().isoformat()
    request.session[LOOKUP_SESSION_KEY] = dict(list(valid.items())[-10:])


def _authorised_case(page, request, reference):
    if not reference:
        return None
    case = Case.objects.select_related("reply_department").filter(
        channel=page.serves_app, reference=reference.strip().upper()
    ).first()
    if case is None or str(case.pk) not in _authorised(request):
        return None
    return case


def _route(page, request, name, *args):
    """A route of `page` as a path on the current site (absolute only across sites)."""
    return page.get_url(request) + page.reverse_subpage(name, args=args).lstrip("/")


def _private(response):
    """Pages with personal receipts, codes or per-visitor captchas are never cached."""
    add_never_cache_headers(response)
    return response


# Views ----------------------------------------------------------------------------------------

def channel_index(page, request):
    """GET: the service page with the form. POST: submit a case."""
    form = page.form_class(request.POST or None, request.FILES or None, request=request)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, f"case-{page.serves_app}"):
            form.add_error(None, rate_limit_message())
            status = 429
        else:
            try:
                case, code = workflow.submit(page.serves_app, attachments=form.attachments(), **form.case_fields())
            except ValidationError as error:
                # The form checks everything the model does; this is a last line of defence.
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                request.session[RECEIPT_SESSION_KEY.format(page_id=page.pk)] = {
                    "reference": case.reference,
                    "code": code,
                    "submitted_at": case.submitted_at.isoformat(),
                    "due_date": case.due_date.isoformat(),
                }
                # The fragment replaces the form's #form anchor and puts the receipt in view.
                return HttpResponseRedirect(_route(page, request, "submitted") + "#main")
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "latest_replies": published_cases(page.serves_app)[:LATEST_REPLIES],
            "current_tab": "index",
        },
    )
    response.status_code = status
    return _private(response)


def submitted(page, request):
    """The reference and query code, shown once: the session keeps them only until this view."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY.format(page_id=page.pk), None)
    if receipt:
        receipt["submitted_at"] = datetime.fromisoformat(receipt["submitted_at"])
        receipt["due_date"] = datetime.fromisoformat(receipt["due_date"]).date()
    response = page.render(
        request,
        template="cases/submitted.html",
        context_overrides={"receipt": receipt, "trail_title": "提交成功", "current_tab": "index"},
    )
    return _private(response)


def lookup(page, request):
    """Reference + query code (POSTed, never in the URL) → status, history, reply; then rate or 补正."""
    if request.method == "POST":
        action = request.POST.get("action", "lookup")
        if action in ("rate", "complete"):
            return _follow_up(page, request, action)
        form = LookupForm(request.POST, request=request)
        if form.is_valid():
            limit, window = LOOKUP_RATE_LIMIT
            if rate_limited(request, "case-lookup", limit=limit, window=window):
                form.add_error(None, rate_limit_message())
                return _render_lookup(page, request, form, status=429)
            case = find_case(page.serves_app, form.cleaned_data["reference"], form.cleaned_data["code"])
            if case is None:
                form.add_error(None, LOOKUP_FAILED_MESSAGE)
                return _render_lookup(page, request, form)
            _authorise(request, case)
            return HttpResponseRedirect(_result_url(page, request, case))
        return _render_lookup(page, request, form)

    case = _authorised_case(page, request, request.GET.get("ref"))
    if request.GET.get("ref") and case is None:
        messages.info(request, "为保护您的信息，查询结果只在查询后 30 分钟内显示，请重新输入编号和查询码。")
        return HttpResponseRedirect(_route(page, request, "lookup"))
    return _render_lookup(page, request, LookupForm(request=request), case=case)


def _result_url(page, request, case):
    return f"{_route(page, request, 'lookup')}?ref={case.reference}"


def _follow_up(page, request, action):
    case = _authorised_case(page, request, request.POST.get("reference"))
    if case is None:
        messages.error(request, "查询已过期，请重新输入编号和查询码。")
        return HttpResponseRedirect(_route(page, request, "lookup"))
    form_class = RatingForm if action == "rate" else SupplementForm
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if action == "rate":
                workflow.rate(case, form.cleaned_data["rating"], form.cleaned_data["comment"])
                messages.success(request, "感谢您的评价！")
            else:
                workflow.complete(case, form.cleaned_data["supplement"])
                messages.success(request, "补正内容已提交，办理期限自今日起重新计算。")
        except workflow.TransitionError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(_result_url(page, request, case))
    forms = {"rating_form": form} if action == "rate" else {"supplement_form": form}
    return _render_lookup(page, request, LookupForm(request=request), case=case, **forms)


def _render_lookup(page, request, form, case=None, status=200, **forms):
    context = {"form": form, "case": case, "trail_title": "办理查询", "current_tab": "lookup"}
    if case is not None:
        context.update(
            status_label=public_status(case),
            history=public_history(case),
            answered=case.status in ANSWERED_STATES,
            paused=case.status in PAUSED_STATES,
            result_reason=result_reason_label(case),
            rating_form=forms.get("rating_form") or RatingForm(),
            supplement_form=forms.get("supplement_form") or SupplementForm(),
        )
    response = page.render(request, template="cases/lookup.html", context_overrides=context)
    response.status_code = status
    return _private(response)


def archive(page, request):
    items = paginate(request, published_cases(page.serves_app), per_page=ARCHIVE_PAGE_SIZE)
    return page.render(
        request,
        template="cases/archive.html",
        context_overrides={"items": items, "trail_title": page.archive_label, "current_tab": "archive"},
    )


def archive_detail(page, request, reference):
    case = published_cases(page.serves_app).filter(reference=reference.upper()).first()
    if case is None:
        raise Http404("没有找到该公开信件")
    return page.render(
        request,
        template="cases/archive_detail.html",
        context_overrides={
            "case": case,
            "trail_title": case.public_title,
            "archive_url": _route(page, request, "archive"),
            "current_tab": "archive",
        },
    )


def _percent(rate):
    return f"{rate * 100:.1f}%" if rate is not None else ""


def stats(page, request):
    rows = monthly_public_stats(page.serves_app)
    for row in rows:
        row["on_time_pct"] = _percent(row["on_time_rate"])
    replied = sum(r["replied"] for r in rows)
    totals = {"received": sum(r["received"] for r in rows), "replied": replied, "avg_days": None, "on_time_pct": ""}
    if replied:
        # Weighted by each month's replies: the 12-month average and on-time rate.
        totals["avg_days"] = round(sum(r["avg_days"] * r["replied"] for r in rows if r["replied"]) / replied, 1)
        on_time = sum(round(r["on_time_rate"] * r["replied"]) for r in rows if r["replied"])
        totals["on_time_pct"] = _percent(on_time / replied)
    return page.render(
        request,
        template="cases/stats.html",
        context_overrides={"rows": rows, "totals": totals, "trail_title": "办理统计", "current_tab": "stats"},
    )
