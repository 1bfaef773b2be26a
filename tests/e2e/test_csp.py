"""The Content-Security-Policy in a real browser: on the pages people use most, on a desktop
and a phone, the browser blocks nothing and reports no error; the CSRF failure page gives the
visitor's text back. Screenshots in var/screenshots/csp-*.png."""

import re

import pytest

from tests.e2e.conftest import screenshot, staff_login

PUBLIC_PAGES = [
    ("home", "/"),
    ("list", "/jggk/nsjg/"),
    ("catalogue", "/xxgk/xxgkml/"),
    ("search", "/search/?q=垃圾分类"),
    ("search-bad-date", "/search/?q=垃圾分类&date_to=9999-12-31"),
    ("complaint-form", "/hdjl/wsts/"),
    ("disclosure-form", "/xxgk/ysqgk/"),
    ("not-found", "/no-such-page/"),
    ("bad-request", "/search/?q=%00"),
]

# Reports every CSP violation to the console, in case the browser's own message is missed.
VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""


class ConsoleWatch:
    """Errors and warnings of the console, uncaught exceptions and failed requests of a page."""

    def __init__(self, page):
        self.problems = []
        page.add_init_script(VIOLATION_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"exception: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(f"request failed: {request.url}"))

    def _console(self, message):
        if message.type in ("error", "warning"):
            text = message.text
            # 4xx pages the test visits on purpose are logged as failed resources.
            if re.search(r"status of (400|403|404)", text):
                return
            self.problems.append(f"{message.type}: {text}")

    def take(self):
        problems, self.problems = self.problems, []
        return problems


def assert_styled(page):
    """The style sheet applied: the site header has its gradient (the stand-alone error pages,
    which have no header, their boxed layout)."""
    header = page.locator(".site-header")
    if header.count():
        background = header.evaluate("e => getComputedStyle(e).backgroundImage")
        assert "linear-gradient" in background, background
    else:
        border = page.locator(".box").evaluate("e => getComputedStyle(e).borderTopWidth")
        assert border == "6px", border


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_public_pages_render_without_any_csp_violation(live_site, browser_page, phone_page, viewport):
    page = browser_page if viewport == "desktop" else phone_page
    watch = ConsoleWatch(page)
    for name, path in PUBLIC_PAGES:
        response = page.goto(live_site.public_url + path)
        page.wait_for_load_state("networkidle")
        assert "content-security-policy" in response.headers
        assert_styled(page)
        screenshot(page, f"csp-{name}-{viewport}")
        assert watch.take() == [], f"{path} ({viewport})"


def test_the_scripts_still_work_under_the_policy(live_site, browser_page):
    """Search suggestions and the captcha refresh are external scripts: allowed and working."""
    page = browser_page
    watch = ConsoleWatch(page)
    page.goto(live_site.public_url + "/search/")
    page.locator("#q").fill("垃圾")
    page.locator(".search-suggest__list li").first.wait_for()
    page.goto(live_site.public_url + "/hdjl/wsts/")
    image = page.locator("[data-captcha-image]")
    before = image.get_attribute("src")
    page.get_by_text("看不清？换一张").click()
    page.wait_for_function("src => document.querySelector('[data-captcha-image]').getAttribute('src') !== src", arg=before)
    assert "/hdjl/wsts/" in page.url  # swapped in place, no reload
    assert watch.take() == []


def test_staff_pages_with_the_user_bar_render_without_violations(live_site, browser_page):
    page = browser_page
    staff_login(page, live_site.intranet_url, "zhigong", next_path="/")
    watch = ConsoleWatch(page)
    for path in ("/", "/tzgg/jftz/", "/search/?q=通知"):
        page.goto(live_site.intranet_url + path)
        page.wait_for_load_state("networkidle")
        assert_styled(page)
        assert watch.take() == [], path
    page.goto(live_site.intranet_url + "/")
    page.wait_for_load_state("networkidle")
    screenshot(page, "csp-intranet-staff-desktop")
    assert watch.take() == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_csrf_failure_keeps_the_visitors_text(live_site, browser_page, phone_page, viewport):
    page = browser_page if viewport == "desktop" else phone_page
    watch = ConsoleWatch(page)
    page.goto(live_site.public_url + "/hdjl/wsts/")
    page.get_by_label("姓名").fill("林晓梅")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("噪声").check()
    page.get_by_label("发生地点").fill("浦东新区锦绣路1001号附近")
    page.get_by_label("投诉标题").fill("工地夜间施工（安全验证测试）")
    page.get_by_label("投诉内容").fill("工地每天晚上十一点后仍在施工，噪声很大。<b>请处理</b>")
    page.get_by_label("验证码").fill("PASSED")
    page.context.clear_cookies()  # the browser lost the site's cookies (e.g. blocked, or expired)
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_load_state("networkidle")

    body = page.locator("main").inner_text()
    assert "提交未成功" in body and "Cookie" in body and "内容尚未提交" in body
    assert "工地每天晚上十一点后仍在施工，噪声很大。<b>请处理</b>" not in body  # kept text is folded away
    page.locator(".csrf-failure__kept summary").click()
    assert "工地每天晚上十一点后仍在施工，噪声很大。<b>请处理</b>" in page.locator(".csrf-failure__kept").inner_text()
    screenshot(page, f"csp-csrf-failure-{viewport}")
    assert watch.take() == []

    page.get_by_role("button", name="重新载入表单（保留已填写的内容）").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("投诉标题").input_value() == "工地夜间施工（安全验证测试）"
    assert page.get_by_label("投诉内容").input_value() == "工地每天晚上十一点后仍在施工，噪声很大。<b>请处理</b>"
    assert page.get_by_label("噪声").is_checked()
    assert "请输入验证码" in page.locator("main").inner_text()
    screenshot(page, f"csp-csrf-reloaded-form-{viewport}")
    if viewport == "desktop":
        page.get_by_label("验证码").fill("PASSED")
        page.get_by_role("button", name="提交投诉").click()
        page.locator(".receipt__codes").wait_for()
        assert "/submitted/" in page.url
    assert watch.take() == []
