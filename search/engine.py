"""The site search: one query over every source the scope may see, merged, paged and
highlighted. Views call run_search(); nothing here knows about HTTP beyond the request the
scope carries (for URLs and view restrictions)."""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.safestring import SafeString

from . import highlight
from modelsearch.query import And, Phrase, PlainText

from .analysis import AnalysedQuery, analyse_query, normalise, query_terms
from .scopes import visible_pages
from .sources import SearchHit, aware, get_sources

PER_PAGE = 20
MAX_PAGES = 50  # 1,000 results are more than anyone reads; deeper pages show the last one
RELEVANCE = "relevance"
DATE = "date"
SCORE_FIELD = "_search_score"


@dataclass
class SearchOptions:
    query: AnalysedQuery
    column: object = None  # a column (大栏目) page of the scope
    type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    sort: str = RELEVANCE
    page: int = 1

    @property
    def filtered(self):
        return bool(self.column is not None or self.type or self.date_from or self.date_to)


@dataclass
class SearchResult:
    title: str
    title_html: SafeString
    url: str
    snippet: str
    snippet_html: SafeString
    published: date | None
    column: str
    type: str

    def as_json(self):
        return {
            "title": self.title,
            "url": self.url,
            "snippet": self.snippet,
            "published": self.published.isoformat() if self.published else None,
            "column": self.column,
            "type": self.type,
        }


@dataclass
class SearchOutcome:
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    results: list = field(default_factory=list)

    @property
    def num_pages(self):
        return max(1, min(MAX_PAGES, math.ceil(self.total / self.per_page)))

    @property
    def shown(self):
        return min(self.total, self.num_pages * self.per_page)

    @property
    def truncated(self):
        return self.total > self.shown

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


def options(query, **kwargs):
    return SearchOptions(query=analyse_query(query), **kwargs)


def search_query(analysed):
    """The backend query: the words (all required) and each phrase (words side by side)."""
    parts = []
    if analysed.plain and query_terms(analysed.plain):
        parts.append(PlainText(analysed.plain, operator="and"))
    parts.extend(Phrase(phrase) for phrase in analysed.phrases)
    return parts[0] if len(parts) == 1 else And(parts)


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _source_search(source, opts, scope):
    """The source's search results for these options (not evaluated yet)."""
    queryset = source.queryset(scope)
    date_field = source.get_date_field()
    if opts.date_from:
        queryset = queryset.filter(**{f"{date_field}__gte": _day_start(opts.date_from)})
    if opts.date_to:
        queryset = queryset.filter(**{f"{date_field}__lt": _day_start(opts.date_to + timedelta(days=1))})
    if opts.type and source.filter_type:
        queryset = source.filter_type(queryset, opts.type)
    if opts.column is not None:
        queryset = source.filter_column(queryset, opts.column)
    # Newest first: the date sort, and the tie-break of the relevance sort.
    queryset = queryset.order_by(f"-{date_field}" if date_field else "-pk")
    return queryset.search(search_query(opts.query), order_by_relevance=opts.sort == RELEVANCE)


def _published(obj, source):
    date_field = source.get_date_field()
    return aware(getattr(obj, date_field, None)) if date_field else None


def _fetch(results, start, stop):
    """(objects of results[start:stop] with scores, total number of matches). The database
    backends return the total with the slice; otherwise it costs a count."""
    window = results.annotate_score(SCORE_FIELD)[start:stop]
    objects = list(window)
    total = getattr(window, "total_matches", None)
    if total is None:
        total = results.count()
    return objects, total


def _merge(fetched, opts):
    """(source, object) pairs of several sources in one order: by score (the database sources
    share one index, so their scores compare) or by date, newest first."""
    oldest = aware(datetime(1970, 1, 1))

    def key(pair):
        source, obj = pair
        published = (_published(obj, source) or oldest).timestamp()
        if opts.sort == DATE:
            return (-published,)
        return (-(getattr(obj, SCORE_FIELD, 0.0) or 0.0), -published)

    pairs = [(source, obj) for source, objects, _total in fetched for obj in objects]
    pairs.sort(key=key)
    return pairs


def _to_result(hit: SearchHit, terms):
    published = hit.published
    if isinstance(published, datetime):
        published = timezone.localtime(published).date() if timezone.is_aware(published) else published.date()
    snippet, snippet_html = highlight.snippet(hit.text, terms)
    return SearchResult(
        title=hit.title,
        title_html=highlight.highlight(hit.title, terms),
        url=hit.url,
        snippet=snippet,
        snippet_html=snippet_html,
        published=published,
        column=hit.column,
        type=hit.type,
    )


def run_search(opts, scope, per_page=PER_PAGE):
    """Count every matching item the scope may see and build the requested page of results."""
    outcome = SearchOutcome(per_page=per_page)
    if not opts.query or scope is None:
        return outcome
    dated = bool(opts.date_from or opts.date_to)
    searches = [
        (source, _source_search(source, opts, scope))
        for source in get_sources()
        if source.applies_to(scope, opts.type, opts.column, dated=dated)
    ]
    outcome.page = max(1, min(opts.page, MAX_PAGES))
    if len(searches) == 1:
        # One source (the public site today): fetch the page directly, with the total.
        source, results = searches[0]
        objects, outcome.total = _fetch(results, outcome.offset, outcome.offset + per_page)
        if not objects and outcome.total and outcome.page > outcome.num_pages:
            outcome.page = outcome.num_pages  # past the end: show the last page
            objects, outcome.total = _fetch(results, outcome.offset, outcome.offset + per_page)
        window = [(source, obj) for obj in objects]
    else:
        # Several sources: the top of each, merged; a page past the end shows the last one.
        fetched = [(source, *_fetch(results, 0, outcome.offset + per_page)) for source, results in searches]
        outcome.total = sum(total for _source, _objects, total in fetched)
        outcome.page = min(outcome.page, outcome.num_pages)
        window = _merge(fetched, opts)[outcome.offset : outcome.offset + per_page]
    if not window:
        return outcome

    by_source = {}
    for source, obj in window:
        by_source.setdefault(source.key, (source, []))[1].append(obj)
    for source, objects in by_source.values():
        if source.prepare:
            source.prepare(objects, scope)
    terms = opts.query.highlight_terms
    outcome.results = [_to_result(source.to_hit(obj, scope), terms) for source, obj in window]
    return outcome


def suggest_titles(query, scope, limit=8):
    """Page titles for the autocomplete box: [{"title", "url"}]."""
    analysed = analyse_query(query)
    if not analysed or scope is None:
        return []
    pages = visible_pages(scope).order_by("-first_published_at")
    candidates = list(pages.autocomplete(analysed.text, operator="and")[: limit * 3])
    # Titles that contain what was typed, as typed, first (the index matches word by word).
    typed = normalise(analysed.text).replace(" ", "")
    candidates.sort(key=lambda page: typed not in normalise(page.title))
    suggestions, seen = [], set()
    for page in candidates:
        if page.title not in seen:  # the same title in two sub-columns is offered once
            seen.add(page.title)
            suggestions.append({"title": page.title, "url": page.get_url(scope.request) or page.url_path})
    return suggestions[:limit]
