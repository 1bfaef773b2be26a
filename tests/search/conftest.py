"""Fixtures for the search tests: requests and scopes for each site, and page builders."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from tests.helpers import add_article, add_column, add_sub_column


def make_request(host="localhost", user=None, path="/search/"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.user = user or AnonymousUser()
    request.session = {}
    return request


@pytest.fixture
def public_scope(db):
    from search.scopes import scope_for_request

    return scope_for_request(make_request())


@pytest.fixture
def staff_user(staff_member):
    return staff_member


@pytest.fixture
def intranet_scope(db, staff_user):
    from search.scopes import scope_for_request

    return scope_for_request(make_request("intranet.localhost", staff_user))


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def public_list(public_home):
    """A list sub-column of its own on the public site."""
    column = add_column(public_home, "ssceshi", "搜索测试栏目")
    return add_sub_column(column, "ssxx", "搜索测试信息")


@pytest.fixture
def intranet_list(intranet_home):
    column = add_column(intranet_home, "ssnb", "内部搜索测试")
    return add_sub_column(column, "ssnbxx", "内部测试信息")


def article(sub_column, title, body="", days=1, live=True, **kwargs):
    if live:
        return add_article(
            sub_column, title=title, pub_date=days_ago(days), body=[("paragraph", f"<p>{body or title}</p>")], **kwargs
        )
    from columns.models import ArticlePage

    draft = ArticlePage(
        title=title, live=False, pub_date=days_ago(days), body=[("paragraph", f"<p>{body or title}</p>")], **kwargs
    )
    return sub_column.add_child(instance=draft)


def search_json(client, query, **params):
    response = client.get("/search/", {"q": query, "format": "json", **params})
    assert response.status_code == 200, response.status_code
    return response.json()
