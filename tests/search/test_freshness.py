"""Publishing, unpublishing, moving and restricting show in search results at once."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import article, search_json

pytestmark = pytest.mark.django_db


def titles(client, query):
    return [r["title"] for r in search_json(client, query)["results"]]


def test_publishing_a_draft_makes_it_findable_at_once(public_client, public_list):
    draft = article(public_list, "麋鹿回归纪念活动", "麋鹿。", live=False)
    assert titles(public_client, "麋鹿") == []
    draft.save_revision().publish()
    assert titles(public_client, "麋鹿") == ["麋鹿回归纪念活动"]


def test_a_new_title_is_found_once_published(public_client, public_list):
    page = article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    page.title = "白鹭栖息地保护活动"
    page.save_revision().publish()
    assert titles(public_client, "白鹭") == ["白鹭栖息地保护活动"]
    assert titles(public_client, "回归纪念") == []


def test_unpublished_pages_disappear_at_once(public_client, public_list):
    page = article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    assert search_json(public_client, "麋鹿")["total"] == 1
    page.unpublish()
    assert search_json(public_client, "麋鹿")["total"] == 0


def test_a_newly_restricted_sub_column_takes_its_pages_out_of_public_results(public_client, public_list):
    article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    PageViewRestriction.objects.create(page=public_list, restriction_type=PageViewRestriction.LOGIN)
    assert search_json(public_client, "麋鹿")["total"] == 0
    assert public_client.get("/search/suggest/", {"q": "麋鹿"}).json()["suggestions"] == []


def test_moving_a_page_to_the_intranet_takes_it_out_of_public_results(
    public_client, public_list, intranet_list, login, staff_member
):
    from django.test import Client

    page = article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    page.move(intranet_list, pos="last-child")
    assert search_json(public_client, "麋鹿")["total"] == 0
    staff = Client(HTTP_HOST="intranet.localhost")
    login(staff, staff_member)
    assert titles(staff, "麋鹿") == ["麋鹿回归纪念活动"]


def test_deleted_pages_leave_the_index(public_client, public_list):
    from search.backends.database import SearchBackend

    page = article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    page_id = page.pk
    page.delete()
    assert search_json(public_client, "麋鹿")["total"] == 0
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(object_id=str(page_id)).exists()
    assert SearchBackend({}) is not None


def test_moves_and_restrictions_queue_a_subtree_reindex_for_backends_that_copy_paths(
    public_list, intranet_list, monkeypatch, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    from search import signals, tasks

    page = article(public_list, "麋鹿回归纪念活动", "麋鹿。")
    queued = []
    monkeypatch.setattr(signals, "backends_storing_filters", lambda: ["elasticsearch"])
    monkeypatch.setattr(signals, "reindex_subtree", SimpleNamespace(enqueue=queued.append))
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=public_list, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(intranet_list, pos="last-child")
    assert queued == [public_list.pk, page.pk]
    assert tasks.backends_storing_filters() == []  # the database backend reads paths live


def test_subtree_reindex_task_refreshes_every_page_beneath(public_list, monkeypatch):
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from search import tasks

    pages = [article(public_list, f"麋鹿观测第{i}期", "麋鹿。") for i in range(3)]
    IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages]).delete()
    monkeypatch.setattr(tasks, "backends_storing_filters", lambda: [get_search_backend()])
    result = tasks.reindex_subtree.enqueue(public_list.pk)
    assert result.return_value == 4  # the sub-column and its three articles
    assert IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages]).count() == 3
