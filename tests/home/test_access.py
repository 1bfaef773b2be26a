"""No intranet page, listing, feed, sitemap entry or search result reaches an anonymous visitor."""

import pytest
from bs4 import BeautifulSoup

from columns.models import ArticlePage
from tests.factories import ArticleFactory, ColumnFactory, DepartmentFactory, StaffFactory, SubColumnFactory

pytestmark = pytest.mark.django_db


def intranet_urls(intranet_home):
    """An intranet column, sub-column and article of the test's own, and the staff directory."""
    column = ColumnFactory(parent=intranet_home, title="测试内网栏目")
    sub = SubColumnFactory(parent=column, title="测试内网通知")
    article = ArticleFactory(parent=sub, title="仅限职工阅读的测试通知")
    return [
        "/",
        f"/{column.slug}/",
        f"/{column.slug}/{sub.slug}/",
        f"/{column.slug}/{sub.slug}/rss/",
        f"/{column.slug}/{sub.slug}/{article.slug}/",
        "/bgzn/txl/",
    ], article


def test_anonymous_visitor_is_sent_to_login_on_every_intranet_url(intranet_client, intranet_home):
    urls, article = intranet_urls(intranet_home)
    for url in urls:
        response = intranet_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
        assert article.title not in response.content.decode()


def test_intranet_pages_are_not_reachable_from_the_public_host(public_client, intranet_home):
    urls, article = intranet_urls(intranet_home)
    for url in urls[1:]:
        response = public_client.get(url)
        assert response.status_code == 404, url
        assert article.title not in response.content.decode()


def test_public_sitemap_robots_and_nav_never_mention_the_intranet(public_client, intranet_home):
    intranet_titles = [p.title for p in intranet_home.get_children()]
    sitemap = public_client.get("/sitemap.xml").content.decode()
    assert "intranet.localhost" not in sitemap
    home_html = public_client.get("/").content.decode()
    for title in ["局内动态", "领导讲话", "党建工会"]:
        assert title in intranet_titles
        assert title not in sitemap
        assert title not in home_html


def test_intranet_sitemap_and_robots_for_anonymous(intranet_client):
    sitemap = intranet_client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "<loc>" not in sitemap.content.decode()
    robots = intranet_client.get("/robots.txt").content.decode()
    assert "Disallow: /" in robots and "Sitemap" not in robots


def test_intranet_404_and_search_show_no_intranet_navigation_to_anonymous(intranet_client):
    for url in ["/no-such-page/", "/search/?q=通知"]:
        html = intranet_client.get(url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select(".main-nav__sub"), url
        assert "领导讲话" not in html


def test_public_search_never_returns_intranet_pages(public_client, intranet_home):
    article = ArticlePage.objects.live().descendant_of(intranet_home).first()
    word = article.title[:6]
    html = public_client.get("/search/", {"q": word}).content.decode()
    assert article.title not in html


@pytest.fixture
def river_clerk():
    """A member of staff with no editorial role, in a unit (局属单位) of the test's own."""
    unit = DepartmentFactory(name="测试河道管理署", category="unit")
    return StaffFactory(department=unit, full_name="测试职工甲")


def test_staff_can_read_the_intranet(intranet_client, intranet_home, river_clerk):
    intranet_client.force_login(river_clerk)
    urls, article = intranet_urls(intranet_home)
    for url in urls:
        response = intranet_client.get(url)
        assert response.status_code == 200, url
    assert article.title in intranet_client.get(urls[-2]).content.decode()
    home = intranet_client.get("/").content.decode()
    assert "进入办公后台" in home and "测试职工甲" in home
    soup = BeautifulSoup(intranet_client.get("/").content.decode(), "html.parser")
    assert "领导讲话" in soup.select_one(".main-nav").get_text()


def test_staff_directory_lists_departments_and_people(intranet_client, river_clerk):
    intranet_client.force_login(river_clerk)
    html = intranet_client.get("/bgzn/txl/").content.decode()
    assert "局机关处室" in html and "局属单位" in html
    assert "测试河道管理署" in html and "测试职工甲" in html

