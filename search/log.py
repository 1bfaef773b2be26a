"""Writing the search log: counters bumped in the database, safe with many processes.

Distinct visitors are counted per day with a keyed hash of the client's address and browser
(visitor_id): the key includes the date, so the same person gets another hash tomorrow and no
hash can be followed from day to day; the address is never stored. The hashes of past days are
deleted (here, when the first search of a query opens a day's row, and by prune_search_log)."""

import logging
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.counters import bump
from interaction.protection.ratelimit import client_ip

from .models import SearchQueryDay, SearchVisitorDay

logger = logging.getLogger(__name__)

MAX_LOGGED_LENGTH = 100
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Runs of 6+ digits (phone, ID card, bank or case numbers), with an ID card's final X.
_LONG_NUMBER = re.compile(r"\d[\d-]{4,}\d[xX]?")
_VISITOR_SALT = "search.log.visitor"


def normalise_for_log(query):
    """The query as logged: folded, lower case, single spaces, personal data masked."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    text = _EMAIL.sub("[邮箱]", text)
    text = _LONG_NUMBER.sub(lambda m: "#" if sum(c.isdigit() for c in m.group()) >= 6 else m.group(), text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_LOGGED_LENGTH]


def visitor_id(request, day=None):
    """Today's pseudonym of the client sending `request` (address + browser), 128 bits of an
    HMAC under a key derived from SECRET_KEY and the date."""
    day = day or timezone.localdate()
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    value = f"{client_ip(request)}|{agent}"
    return salted_hmac(f"{_VISITOR_SALT}.{day.isoformat()}", value, algorithm="sha256").hexdigest()[:32]


def _new_visitor(key, visitor):
    """Record that `visitor` searched this query today; True the first time. One statement
    (INSERT ... ON CONFLICT DO NOTHING, SQLite and PostgreSQL), no savepoint."""
    meta = SearchVisitorDay._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("date", "scope", "query", "visitor"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [connection.ops.adapt_datefield_value(key["date"]), key["scope"], key["query"], visitor],
        )
        return cursor.rowcount == 1


def _bump(scope, query, day=None, visitor=None, **increments):
    query = normalise_for_log(query)
    if not query:
        return
    day = day or timezone.localdate()
    key = {"date": day, "scope": scope, "query": query}
    try:
        if visitor and _new_visitor(key, visitor):
            increments["visitors"] = 1
        if bump(SearchQueryDay, key, increments).created:
            # A new day's row: the visitor hashes of earlier days are of no further use.
            SearchVisitorDay.objects.filter(date__lt=day).delete()
    except DatabaseError:
        # The log must never break a search.
        logger.exception("search log write failed")


def record_search(scope, query, result_count, day=None, visitor=None):
    _bump(
        scope,
        query,
        day=day,
        visitor=visitor,
        searches=1,
        zero_result_searches=0 if result_count else 1,
        results_total=max(0, int(result_count)),
    )


def record_click(scope, query, day=None):
    _bump(scope, query, day=day, clicks=1)


def retention_days():
    return int(getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 730))


def prune(today=None, dry_run=False):
    """Delete daily rows older than SEARCH_LOG_RETENTION_DAYS and visitor hashes of past days.
    Returns {"days": rows of SearchQueryDay, "visitors": rows of SearchVisitorDay, "before": date}."""
    today = today or timezone.localdate()
    before = today - timedelta(days=retention_days())
    days = SearchQueryDay.objects.filter(date__lt=before)
    visitors = SearchVisitorDay.objects.filter(date__lt=today)
    if dry_run:
        return {"days": days.count(), "visitors": visitors.count(), "before": before}
    return {"days": days.delete()[0], "visitors": visitors.delete()[0], "before": before}
