"""Writing the search log: counters bumped in the database, safe with many processes."""

import logging
import re
import unicodedata

from django.db import DatabaseError
from django.utils import timezone

from core.counters import bump

from .models import SearchQueryDay

logger = logging.getLogger(__name__)

MAX_LOGGED_LENGTH = 100
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Runs of 6+ digits (phone, ID card, bank or case numbers), with an ID card's final X.
_LONG_NUMBER = re.compile(r"\d[\d-]{4,}\d[xX]?")


def normalise_for_log(query):
    """The query as logged: folded, lower case, single spaces, personal data masked."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    text = _EMAIL.sub("[邮箱]", text)
    text = _LONG_NUMBER.sub(lambda m: "#" if sum(c.isdigit() for c in m.group()) >= 6 else m.group(), text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_LOGGED_LENGTH]


def _bump(scope, query, day=None, **increments):
    query = normalise_for_log(query)
    if not query:
        return
    day = day or timezone.localdate()
    try:
        bump(SearchQueryDay, {"date": day, "scope": scope, "query": query}, increments)
    except DatabaseError:
        # The log must never break a search.
        logger.exception("search log write failed")


def record_search(scope, query, result_count, day=None):
    _bump(
        scope,
        query,
        day=day,
        searches=1,
        zero_result_searches=0 if result_count else 1,
        results_total=max(0, int(result_count)),
    )


def record_click(scope, query, day=None):
    _bump(scope, query, day=day, clicks=1)
