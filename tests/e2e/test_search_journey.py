"""A visitor searches the portal: suggestions while typing, highlighted results, a result opened."""

import re

from tests.e2e.conftest import screenshot


def test_visitor_types_sees_suggestions_and_opens_a_highlighted_result(live_site, browser_page):
    page = browser_page
    page.goto(live_site.public_url + "/search/")
    box = page.locator("#q")
    box.click()
    box.press_sequentially("垃圾分", delay=80)

    suggestions = page.locator(".search-suggest__list [role=option]")
    suggestions.first.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert all("垃圾" in text for text in suggestions.all_inner_texts())
    screenshot(page, "search-suggestions")

    box.press_sequentially("类")
    box.press("Escape")  # closes the suggestions, keeps the text
    assert box.input_value() == "垃圾分类"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    first = page.locator(".search-result__title a").first
    assert first.locator("mark").first.inner_text() in {"垃圾分类", "垃圾", "分类"}
    summary = page.locator(".search-summary").inner_text()
    assert re.search(r"结果 \d+ 条", summary)
    screenshot(page, "search-results")

    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert "/search/" not in page.url
    assert title in page.locator("h1").first.inner_text()
    screenshot(page, "search-opened-result")


def test_header_box_searches_from_any_page(live_site, browser_page):
    page = browser_page
    page.goto(live_site.public_url + "/")
    page.fill("#site-search", "噪声")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".search-result").count() > 0
    assert page.locator("#q").input_value() == "噪声"
