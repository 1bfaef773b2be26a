"""A newcomer's walk through the portal: every navigation item leads somewhere with content and
no internal link on the way is broken."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from columns.models import ArticlePage, SubColumnPage

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/documents/", "/media/", "/captcha/", "/static/")


def internal_links(html):
    soup = BeautifulSoup(html, "html.parser")
    for a in soup.find_all("a", href=True):
        href = a["href"]
        parsed = urlparse(href)
        if parsed.scheme in ("http", "https") and parsed.hostname not in ("localhost", None):
            continue
        if href.startswith(("mailto:", "tel:", "#", "javascript:")):
            continue
        path = parsed.path or "/"
        if path.startswith(SKIP_PREFIXES):
            continue
        yield path + (f"?{parsed.query}" if parsed.query else "")


def test_every_nav_item_and_every_link_on_those_pages_works(public_client, public_home):
    home_html = public_client.get("/").content.decode()
    nav = BeautifulSoup(home_html, "html.parser").select(".main-nav a")
    nav_paths = {urlparse(a["href"]).path for a in nav}
    assert len(nav_paths) > 200  # 17 columns and their sub-columns

    checked = {}
    to_visit = sorted(nav_paths) + ["/"]
    for path in to_visit:
        response = public_client.get(path)
        checked[path] = response.status_code
        assert response.status_code in (200, 302), f"{path} -> {response.status_code}"
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        sampled_article = False
        for link in internal_links(response.content.decode()):
            if link in checked:
                continue
            # Structural links (columns, sub-columns, utility pages, paging, feeds) all get checked;
            # of the article links a list shows, the first one is opened.
            is_article = link.count("/") >= 4 and not link.endswith("rss/")
            if is_article and sampled_article:
                continue
            sampled_article = sampled_article or is_article
            status = public_client.get(link).status_code
            checked[link] = status
            assert status in (200, 302), f"{link} (linked from {path}) -> {status}"
    assert len(checked) > 400


def test_no_empty_column_or_sub_column(public_home, intranet_home):
    for home in (public_home, intranet_home):
        for sub in SubColumnPage.objects.descendant_of(home).live():
            if sub.kind == SubColumnPage.Kind.LIST:
                assert ArticlePage.objects.child_of(sub).live().count() >= 5, sub.url_path
            elif sub.kind == SubColumnPage.Kind.SINGLE:
                assert len(sub.body) > 0, sub.url_path
            elif sub.kind == SubColumnPage.Kind.LINK:
                assert sub.link_target, sub.url_path
            elif sub.kind == SubColumnPage.Kind.APP:
                assert sub.contact and sub.description, sub.url_path


def test_articles_are_spread_over_the_last_18_months(public_home):
    from django.utils import timezone

    dates = ArticlePage.objects.live().descendant_of(public_home).values_list("pub_date", flat=True)
    newest, oldest = max(dates), min(dates)
    now = timezone.now()
    assert (now - newest).days < 30, "a fresh install looks alive"
    assert 400 < (now - oldest).days <= 18 * 31
