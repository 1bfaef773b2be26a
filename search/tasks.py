"""Background work of the search app (django-tasks: immediate by default, a worker in production)."""

from datetime import date

from django.db import transaction
from django_tasks import task
from modelsearch.backends import get_search_backends
from wagtail.models import Page

from .log import prune

CHUNK = 500


def backends_storing_filters():
    """Backends that keep copies of filter fields (path, live ...) in their index: every one
    except the database backends, which filter on the live tables at query time."""
    return [b for b in get_search_backends(with_auto_update=True) if not getattr(b, "filters_in_database", False)]


def reindex_pages(pages, backends):
    """Add the pages (any queryset of Page) to the backends' indexes, model by model."""
    by_model = {}
    for page in pages.specific().iterator(chunk_size=CHUNK):
        by_model.setdefault(type(page), []).append(page)
    count = 0
    for model, objects in by_model.items():
        for start in range(0, len(objects), CHUNK):
            chunk = objects[start : start + CHUNK]
            for backend in backends:
                backend.add_bulk(model, chunk)
            count += len(chunk)
    return count


@task()
def reindex_subtree(page_id):
    """After a move or a change of view restriction: refresh the page and its descendants in
    every backend that stores their paths or visibility. Returns how many were reindexed."""
    backends = backends_storing_filters()
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not backends:
        return 0
    with transaction.atomic():
        return reindex_pages(page.get_descendants(inclusive=True), backends)


@task()
def prune_search_log(today=None):
    """Delete the search log older than SEARCH_LOG_RETENTION_DAYS and the visitor hashes of
    past days; `today` is an ISO date or None. Returns the numbers of rows deleted."""
    result = prune(date.fromisoformat(today) if today else None)
    return {"days": result["days"], "visitors": result["visitors"], "before": result["before"].isoformat()}
