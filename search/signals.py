"""Keep the index in step with what visitors may see.

Publishing, unpublishing, editing and deleting save or delete the page, which Wagtail's own
signal handlers index at once. The database backends evaluate live status, paths and view
restrictions on the live tables at query time, so an unpublished or newly restricted page
(with everything beneath it) disappears from results with the same transaction. Backends
that copy those fields into their index (Elasticsearch) need the whole subtree refreshed
after a move or a change of restriction: that is queued here as a task."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from .tasks import backends_storing_filters, reindex_subtree


def _queue_subtree(page_id):
    if page_id and backends_storing_filters():
        transaction.on_commit(lambda: reindex_subtree.enqueue(page_id))


def page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    _queue_subtree(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    _queue_subtree(instance.page_id)


def connect():
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
