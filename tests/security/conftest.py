"""Fixtures for the security tests.

Staff authentication: a member of staff of our own, logins through the real login form (never
force_login where the login itself is under test), and a captcha answer.

Headers and hostile input: URLs of every kind of public page of a site, found in the demo tree (one
page per type and kind, each route of a routable page)."""

import re

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page

from core.roles import ADMIN_GROUP
from tests.factories import StaffFactory, SuperuserFactory

PASSWORD = "Lujiazui#2031"
LOGIN_URL = "/admin/login/"

# Users of the tests' own (never the demo's accounts), with TEST_PASSWORD.
INFO_CENTRE = "xxzx_test"
ROOT = "root_test"
PLAIN_STAFF = "zhigong_test"


@pytest.fixture(autouse=True)
def _fresh_security_state(db):
    """Each test starts with an empty audit log and no failure records (the browser journeys
    commit theirs into a reused test database; this is rolled back after the test)."""
    from axes.models import AccessAttempt

    from security.models import AuditEvent

    AuditEvent.objects.all().delete()
    AccessAttempt.objects.all().delete()


@pytest.fixture
def make_staff(db):
    def make(username="wangfang", password=PASSWORD, groups=("全体职工",), **fields):
        user = get_user_model().objects.create(username=username, first_name=fields.pop("first_name", "王芳"), **fields)
        user.set_password(password)
        user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def staff(make_staff):
    return make_staff()


@pytest.fixture
def browser(db):
    """A browser of its own on the intranet host, from 10.1.2.3."""
    return Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.1.2.3")


def login_post(client, username, password=PASSWORD, next_url="/admin/", **data):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": next_url, **data})


def fail_logins(client, username, times):
    for _ in range(times):
        login_post(client, username, "wrong-Password-1")


def captcha_answer(html):
    match = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', html)
    assert match, "no captcha in the page"
    key = match.group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def logged_in_as(client):
    """The username the client's session is logged in as, or None."""
    response = client.get("/admin/")
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.get_username()

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
def info_centre_user(db):
    """A member of the information centre (信息中心管理员)."""
    return StaffFactory(username=INFO_CENTRE, groups=[ADMIN_GROUP])


@pytest.fixture
def root_user(db):
    return SuperuserFactory(username=ROOT)


@pytest.fixture
def plain_staff(db):
    """A member of staff (全体职工) with no other role."""
    return StaffFactory(username=PLAIN_STAFF)


@pytest.fixture
def staff_user(plain_staff):
    return plain_staff


@pytest.fixture
def staff_intranet_client(staff_user):
    client = Client(HTTP_HOST=INTRANET_HOST)
    client.force_login(staff_user)
    return client
