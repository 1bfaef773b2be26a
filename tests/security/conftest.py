"""URLs of every kind of public page of a site, found in the demo tree (one page per type and
kind, each route of a routable page), for the header and hostile-input tests."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

PUBLIC_HOST = "localhost"
INTRANET_HOST = "intranet.localhost"


def relative(home, page):
    return "/" + page.url_path[len(home.url_path) :]


def page_urls(home):
    """One live page of each type (and SubColumnPage kind) under `home`, plus the routes of the
    routable pages, as paths on that site."""
    from interaction.cases.models import Case
    from interaction.cases.models.pages import CaseChannelPage

    seen, urls = set(), ["/"]
    for page in Page.objects.descendant_of(home).live().specific().iterator():
        key = (type(page).__name__, getattr(page, "kind", ""))
        if key in seen:
            continue
        seen.add(key)
        url = relative(home, page)
        urls.append(url)
        if key == ("SubColumnPage", "list"):
            urls.append(url + "rss/")
        if isinstance(page, CaseChannelPage):
            urls += [url + route for route in ("submitted/", "lookup/", "archive/", "stats/", "archive/NOSUCHREF/")]
            published = Case.objects.published().filter(channel=page.serves_app).first()
            if published:
                urls.append(f"{url}archive/{published.reference}/")
    return urls


SITE_URLS = [
    "/search/", "/search/suggest/", "/search/go/", "/sitemap.xml", "/robots.txt",
    "/documents/1/nothing.pdf", "/captcha/refresh/", "/captcha/image/abc/", "/no-such-page/", "/admin/login/",
]


@pytest.fixture
def public_urls(public_home):
    return page_urls(public_home) + SITE_URLS


@pytest.fixture
def intranet_urls(intranet_home):
    return page_urls(intranet_home) + SITE_URLS


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.filter(is_active=True, is_superuser=False, staff_profile__isnull=False).first()


@pytest.fixture
def staff_intranet_client(staff_user):
    client = Client(HTTP_HOST=INTRANET_HOST)
    client.force_login(staff_user)
    return client
