"""/search/ on each site (HTML and ?format=json), title suggestions, and the click-through
redirect that counts opened results."""

from datetime import timedelta

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.sites import is_intranet

from . import log, stats
from .analysis import clean_query
from .engine import run_search, suggest_titles
from .forms import SearchForm
from .promotions import promotions_for
from .scopes import scope_for_request

CLICK_SALT = "search.click"
SUGGESTION_LIMIT = 8


def _scope_or_login(request):
    scope = scope_for_request(request)
    if scope is None and is_intranet(request):
        return None, redirect_to_login(request.get_full_path())
    return scope, None


def click_url(url, query, scope_name):
    token = signing.dumps({"u": url, "q": query, "s": scope_name}, salt=CLICK_SALT, compress=True)
    return f"{reverse('search_click')}?to={token}"


class _Window:
    """The current page of results for Django's Paginator, which only needs the count."""

    def __init__(self, outcome):
        self.outcome = outcome

    def count(self):
        return self.outcome.shown

    def __getitem__(self, key):
        return self.outcome.results


@require_GET
@never_cache
def search(request):
    scope, redirect = _scope_or_login(request)
    if redirect:
        return redirect
    if scope is None:
        raise Http404
    form = SearchForm(request.GET, scope=scope)
    opts = form.options()
    outcome = run_search(opts, scope)
    if opts.query and outcome.page == 1 and "page" not in request.GET:
        log.record_search(scope.name, opts.query.text, outcome.total, visitor=log.visitor_id(request))

    if request.GET.get("format") == "json":
        date_errors = form.date_errors()
        if date_errors:
            # A client must not take results for all dates as results for the dates it asked for.
            return JsonResponse(
                {"error": "日期筛选条件无效，请修改后重试。", "errors": date_errors},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return JsonResponse(
            {
                "total": outcome.total,
                "page": outcome.page,
                "results": [result.as_json() for result in outcome.results],
            },
            json_dumps_params={"ensure_ascii": False},
        )

    for result in outcome.results:
        result.click_url = click_url(result.url, opts.query.text, scope.name)
    page_obj = Paginator(_Window(outcome), outcome.per_page).page(outcome.page) if outcome.total else None
    context = {
        "form": form,
        "query": opts.query.text,
        "searched": bool(opts.query),
        "options": opts,
        "outcome": outcome,
        "items": page_obj,
        "first_number": outcome.offset + 1,
        "promotions": promotions_for(opts.query.text, scope) if opts.query and outcome.page == 1 else [],
        "scope": scope,
    }
    if opts.query and not outcome.total:
        context["suggestions"] = _suggestions(opts, scope)
    return render(request, "search/search.html", context)


def _suggestions(opts, scope):
    """For a search without results: single words of the query, and what others found."""
    words = [term for term in opts.query.terms if len(term) > 1] if len(opts.query.terms) > 1 else []
    today = timezone.localdate()
    popular = [q for q in stats.popular_queries(scope.name, today - timedelta(days=90), today) if q != opts.query.text]
    return {"words": words, "popular": popular}


@require_GET
def suggest(request):
    """Title suggestions for the search box: {"query", "suggestions": [{"title", "url"}]}."""
    scope, redirect = _scope_or_login(request)
    if redirect or scope is None:
        return JsonResponse({"query": "", "suggestions": []}, status=403 if redirect else 404)
    query = clean_query(request.GET.get("q", ""))[:50]
    suggestions = suggest_titles(query, scope, SUGGESTION_LIMIT) if query else []
    response = JsonResponse({"query": query, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, max-age=60"
    return response


def _allowed_hosts():
    return set(Site.objects.values_list("hostname", flat=True))


@require_GET
@never_cache
def click(request):
    """Count a click on a result, then go to it. Only URLs the search itself produced (signed)."""
    try:
        data = signing.loads(request.GET.get("to", ""), salt=CLICK_SALT)
        url, query, scope_name = data["u"], data["q"], data["s"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=_allowed_hosts() | {request.get_host()}):
        raise Http404
    if scope_name in ("public", "intranet"):
        log.record_click(scope_name, query)
    return HttpResponseRedirect(url)
