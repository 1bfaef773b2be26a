"""Every page type renders for the people who may see it, with the government metadata tags."""

import re

import pytest
from bs4 import BeautifulSoup

from columns.models import ArticlePage, SubColumnPage
from tests.helpers import page_at

pytestmark = pytest.mark.django_db


def meta(html, name):
    tag = BeautifulSoup(html, "html.parser").find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def assert_site_meta(html, site_name="浦东环境网"):
    assert meta(html, "SiteName") == site_name
    assert meta(html, "SiteDomain")
    assert meta(html, "SiteIDCode") == "3101150039"


def assert_column_meta(html, title):
    assert meta(html, "ColumnName") == title
    assert meta(html, "ColumnDescription")
    assert meta(html, "ColumnKeywords")
    assert meta(html, "ColumnType")


def test_public_home_shows_every_block_from_chosen_columns(public_client, public_home):
    html = get(public_client, "/")
    assert_site_meta(html)
    soup = BeautifulSoup(html, "html.parser")
    for heading in ["工作动态", "通知公告", "政府信息公开", "互动交流", "专题专辑", "办事服务", "环境质量"]:
        assert soup.find(["h2"], string=re.compile(heading)) or heading in html, heading
    assert soup.select(".headline__lead img"), "headline news with an image"
    assert len(soup.select(".entrance")) >= 8
    assert len(soup.select(".topic-banner")) >= 3
    # Everything on the home page links somewhere real.
    notices = page_at(public_home, "gzdt/tzgg")
    latest_notice = ArticlePage.objects.child_of(notices).live().order_by("-pub_date").first()
    assert latest_notice.title in html


def test_home_blocks_follow_the_editors_choice(public_client, public_home):
    public_home.notice_source = page_at(public_home, "kjyy")
    public_home.save()
    chosen = ArticlePage.objects.descendant_of(public_home.notice_source).order_by("-pub_date").first()
    html = get(public_client, "/")
    assert chosen.title in html


def test_column_page_lists_sub_columns_with_latest_items(public_client, public_home):
    column = page_at(public_home, "gzdt")
    html = get(public_client, column.url)
    assert_site_meta(html)
    assert_column_meta(html, "工作动态")
    soup = BeautifulSoup(html, "html.parser")
    sub_titles = [a.get_text() for a in soup.select(".panel__head h2 a")]
    assert "局工作动态" in sub_titles and "通知公告" in sub_titles
    first_sub = page_at(public_home, "gzdt/jgzdt")
    newest = first_sub.specific.articles().first()
    assert newest.title in html


def test_list_sub_column_paginates_20_with_iso_dates(public_client, public_home):
    sub = page_at(public_home, "gzdt/jgzdt")
    total = sub.articles().count()
    assert total > 20
    html = get(public_client, sub.url)
    assert_column_meta(html, "局工作动态")
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select(".article-list li")
    assert len(items) == 20
    for time_tag in soup.select(".article-list time"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", time_tag.get_text())
    page2 = BeautifulSoup(get(public_client, sub.url + "?page=2"), "html.parser")
    assert len(page2.select(".article-list li")) == total - 20
    # A page number out of range or not a number shows a real page, not an error.
    assert get(public_client, sub.url + "?page=999")
    assert get(public_client, sub.url + "?page=abc")


def test_article_page_has_metadata_block_and_gov_tags(public_client, public_home):
    sub = page_at(public_home, "xxgk/gfxwj")
    article = sub.articles().first()
    html = get(public_client, article.url)
    assert_site_meta(html)
    assert meta(html, "ArticleTitle") == article.title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate"))
    assert meta(html, "ContentSource")
    soup = BeautifulSoup(html, "html.parser")
    block = soup.select_one(".disclosure-meta")
    assert block is not None
    text = block.get_text()
    for label in ["索引号", "发布机构", "文号", "主题分类", "生成日期", "公开方式", "有效性"]:
        assert label in text
    assert article.index_no in text
    assert soup.find("link", attrs={"media": "print"}), "print stylesheet"


def test_repealed_document_says_so_prominently(public_client, public_home):
    article = ArticlePage.objects.filter(in_catalogue=True).first()
    article.validity = "repealed"
    article.save()
    html = get(public_client, article.url)
    banner = BeautifulSoup(html, "html.parser").select_one(".validity-banner")
    assert banner is not None and "已废止" in banner.get_text()


def test_article_attachments_are_listed(public_client, public_home):
    sub = page_at(public_home, "bsfw/bgxz")
    article = sub.articles().first()
    html = get(public_client, article.url)
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select(".attachments a")
    assert links
    response = public_client.get(links[0]["href"])
    assert response.status_code == 200


def test_single_leaders_catalogue_app_and_link_pages(public_client, public_home):
    single = page_at(public_home, "jggk/jgzn")
    assert single.kind == "single"
    assert_column_meta(get(public_client, single.url), single.title)

    leaders_html = get(public_client, page_at(public_home, "jggk/ldxx").url)
    soup = BeautifulSoup(leaders_html, "html.parser")
    leaders = soup.select(".leader")
    assert len(leaders) >= 3
    assert leaders[0].find("img") and "工作分工" in leaders[0].get_text() and "简历" in leaders[0].get_text()

    # Every interaction service now has its real page type: no "app" placeholder is left, and a
    # swapped service page still carries its column's metadata.
    assert not SubColumnPage.objects.filter(kind="app").exists()
    poll_index = page_at(public_home, "hdjl/wstp")
    assert meta(get(public_client, poll_index.url), "ColumnType") == "互动交流"

    link = SubColumnPage.objects.filter(kind="link").descendant_of(public_home).first()
    response = public_client.get(link.url)
    assert response.status_code == 302
    assert response["Location"] == link.link_target


def test_catalogue_filters_by_topic_year_and_publisher(public_client, public_home):
    page = page_at(public_home, "xxgk/xxgkml")
    html = get(public_client, page.url)
    assert_column_meta(html, page.title)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("select[name=topic]") and soup.select("select[name=year]") and soup.select("select[name=publisher]")
    all_count = ArticlePage.objects.live().descendant_of(public_home).filter(in_catalogue=True).count()
    assert f"共 {all_count} 条" in html

    sample = ArticlePage.objects.live().descendant_of(public_home).filter(in_catalogue=True, publisher__isnull=False).first()
    year = sample.pub_date.year
    html = get(public_client, f"{page.url}?topic={sample.topic}&year={year}&publisher={sample.publisher_id}")
    expected = ArticlePage.objects.live().descendant_of(public_home).filter(
        in_catalogue=True, topic=sample.topic, pub_date__year=year, publisher=sample.publisher
    ).count()
    assert f"共 {expected} 条" in html and sample.title in html
    rows = BeautifulSoup(html, "html.parser").select(".catalogue-table tbody tr")
    assert len(rows) == min(expected, 20)
    # Nonsense filters are ignored with a message, not an error.
    assert "共" in get(public_client, f"{page.url}?year=abc&publisher=<script>")


def test_rss_feed_of_a_list_sub_column(public_client, public_home):
    sub = page_at(public_home, "gzdt/jgzdt")
    response = public_client.get(sub.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert sub.articles().first().title in body
    assert "<rss" in body


def test_rss_of_non_list_sub_column_is_404(public_client, public_home):
    assert public_client.get(page_at(public_home, "jggk/jgzn").url + "rss/").status_code == 404


def test_utility_pages_and_footer_settings(public_client, public_home):
    html = get(public_client, "/")
    soup = BeautifulSoup(html, "html.parser")
    footer = soup.select_one(".site-footer").get_text()
    for text in ["上海市浦东新区环境保护和市容卫生管理局", "网站标识码：3101150039", "沪ICP备05012345号", "沪公网安备", "021-58792001"]:
        assert text in footer
    links = {a.get_text(): a["href"] for a in soup.select(".footer-links a")}
    assert set(links) >= {"网站地图", "联系我们", "网站声明", "隐私政策"}
    sitemap_html = get(public_client, links["网站地图"])
    assert "机构概况" in sitemap_html and "领导信息" in sitemap_html


def test_footer_follows_the_site_setting(public_client):
    from wagtail.models import Site

    from home.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.icp_number = "沪ICP备99999999号-9"
    identity.save()
    assert "沪ICP备99999999号-9" in get(public_client, "/")


def test_friendly_404(public_client):
    html = get(public_client, "/no-such-page/", status=404)
    assert "页面不存在" in html and 'action="/search/"' in html


def test_500_page_renders_without_a_database():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "系统暂时繁忙" in html


def test_sitemap_and_robots_of_public_site(public_client, public_home):
    sitemap = get(public_client, "/sitemap.xml")
    assert "/gzdt/jgzdt/" in sitemap
    robots = get(public_client, "/robots.txt")
    assert "Sitemap:" in robots and "Disallow: /admin/" in robots


def test_navigation_lists_columns_with_sub_columns(public_client):
    soup = BeautifulSoup(get(public_client, "/"), "html.parser")
    items = soup.select(".main-nav__item")
    titles = [item.select_one(".main-nav__link").get_text() for item in items]
    assert titles[0] == "首页" and "机构概况" in titles and "互动交流" in titles
    jggk = next(item for item in items if item.select_one(".main-nav__link").get_text() == "机构概况")
    assert "领导信息" in jggk.get_text()


def test_breadcrumbs_on_article(public_client, public_home):
    article = page_at(public_home, "gzdt/jgzdt").articles().first()
    crumbs = [li.get_text(strip=True) for li in BeautifulSoup(get(public_client, article.url), "html.parser").select(".breadcrumbs li")]
    assert crumbs == ["首页", "工作动态", "局工作动态", article.title]


def test_user_text_is_escaped(public_client, public_home):
    sub = page_at(public_home, "gzdt/jgzdt")
    from tests.helpers import add_article

    article = add_article(sub, title="<script>alert(1)</script>标题", source="<b>来源</b>")
    html = get(public_client, article.url)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in html
