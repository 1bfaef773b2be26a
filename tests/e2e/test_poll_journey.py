"""A visitor finds the open poll, votes, and sees the results; a second try from the same
browser is refused. A phone visitor opens a topic special."""

import re

from tests.e2e.conftest import screenshot


def test_visitor_votes_and_sees_the_results(live_site, browser_page):
    page = browser_page
    page.goto(live_site.public_url + "/hdjl/wstp/")
    screenshot(page, "poll-index-desktop")
    page.get_by_role("link", name=re.compile("浦东环境网网站满意度调查")).click()
    assert page.locator("h1").inner_text() == "浦东环境网网站满意度调查"
    assert page.locator(".poll-table").count() == 0  # results only after voting

    form = page.locator("form.poll-form")
    form.get_by_role("radio", name="比较满意").check()
    form.get_by_role("checkbox", name="政府信息公开").check()
    form.get_by_role("checkbox", name="互动交流").check()
    form.get_by_label("验证码").fill("PASSED")  # CAPTCHA_TEST_MODE on the test server
    screenshot(page, "poll-form-desktop")
    page.get_by_role("button", name="提交投票").click()

    page.wait_for_url(re.compile(r"/hdjl/wstp/[^/]+/(#results)?$"))
    assert "投票成功" in page.locator(".case-messages").inner_text()
    assert "您已参加本次投票" in page.content()
    first = page.locator(".poll-table").first
    assert first.is_visible()
    row = first.locator("tbody tr", has_text="比较满意")
    assert int(row.locator(".poll-table__votes").inner_text()) >= 1
    assert page.locator("form.poll-form").count() == 0
    screenshot(page, "poll-results-desktop")

    # Reloading offers no second ballot: the browser's signed cookie names the voter.
    page.reload()
    assert page.locator("form.poll-form").count() == 0


def test_phone_visitor_reads_a_special_and_a_poll(live_site, phone_page):
    page = phone_page
    page.goto(live_site.public_url + "/ztzj/ljfl/")
    screenshot(page, "special-index-phone")
    page.locator(".special-card__link").first.click()
    assert page.locator(".special__sections").is_visible()
    screenshot(page, "special-page-phone")
    page.goto(live_site.public_url + "/hdjl/wstp/")
    page.get_by_role("link", name=re.compile("浦东环境网网站满意度调查")).click()
    screenshot(page, "poll-form-phone")
