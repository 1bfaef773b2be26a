"""A visitor reads the portal; a member of staff logs in to the intranet."""

import re

from tests.e2e.conftest import screenshot, staff_login


def test_visitor_goes_from_home_to_column_to_sub_column_to_article(live_site, browser_page):
    page = browser_page
    page.goto(live_site.public_url + "/")
    screenshot(page, "public-home-desktop")
    assert page.title().startswith("浦东环境网")
    nav = page.locator(".main-nav")
    nav.get_by_role("link", name="工作动态", exact=True).click()
    page.wait_for_url(re.compile(r"/gzdt/$"))
    assert page.locator("h1").inner_text() == "工作动态"
    screenshot(page, "public-column")

    page.locator(".side-nav").get_by_role("link", name="局工作动态").click()
    page.wait_for_url(re.compile(r"/gzdt/jgzdt/$"))
    items = page.locator(".article-list li a")
    assert items.count() == 20
    first_title = items.first.inner_text()
    screenshot(page, "public-list")

    items.first.click()
    assert page.locator("article h1").inner_text() == first_title
    crumbs = page.locator(".breadcrumbs li").all_inner_texts()
    assert crumbs[:3] == ["首页", "工作动态", "局工作动态"]
    assert page.locator('meta[name="ArticleTitle"]').get_attribute("content") == first_title
    screenshot(page, "public-article")

    page.get_by_role("link", name="首页", exact=True).first.click()
    assert page.locator(".headline").is_visible()


def test_phone_visitor_opens_the_menu(live_site, phone_page):
    page = phone_page
    page.goto(live_site.public_url + "/")
    screenshot(page, "public-home-phone")
    menu = page.locator(".main-nav__button")
    assert menu.is_visible()
    menu.click()
    page.locator(".main-nav").get_by_role("link", name="政府信息公开", exact=True).click()
    assert page.locator("h1").inner_text() == "政府信息公开"
    screenshot(page, "public-column-phone")


def test_staff_logs_in_to_the_intranet(live_site, browser_page):
    page = browser_page
    page.goto(live_site.intranet_url + "/")
    # Anonymous visitors are sent to the login page and see nothing of the intranet.
    assert "/admin/login/" in page.url
    assert "领导讲话" not in page.content()
    staff_login(page, live_site.intranet_url, "zhigong", next_path="/")
    assert page.url.rstrip("/") == live_site.intranet_url
    assert "陈职工" in page.locator(".staff-welcome").inner_text()
    # Read each page only once the click's navigation has finished (reading too early raced).
    with page.expect_navigation():
        page.locator(".main-nav").get_by_role("link", name="办公指南", exact=True).click()
    with page.expect_navigation():
        page.locator(".side-nav").get_by_role("link", name="通讯录").click()
    page.wait_for_load_state("networkidle")
    assert "河道管理署" in page.content()
    screenshot(page, "intranet-directory")
