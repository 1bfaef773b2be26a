"""A complaint from submission to a published, rated reply, through a real browser."""

import re

from tests.e2e.conftest import screenshot, staff_login

TITLE = "锦绣路工地夜间施工噪声（浏览器测试）"
PHONE = "13912345678"


def submit_complaint(page, base):
    page.goto(base + "/hdjl/wsts/")
    page.get_by_label("姓名").fill("林晓梅")
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("噪声").check()
    page.get_by_label("发生地点").fill("浦东新区锦绣路1001号附近")
    page.get_by_label("投诉标题").fill(TITLE)
    page.get_by_label("投诉内容").fill("锦绣路1001号附近的工地每天晚上十一点后仍在施工，噪声很大，影响休息。")
    page.get_by_label(re.compile("同意在网站公开")).check()
    page.get_by_label("验证码").fill("PASSED")  # CAPTCHA_TEST_MODE on the test server
    page.get_by_role("button", name="提交投诉").click()
    page.locator(".receipt__codes").wait_for()
    assert "/submitted/" in page.url
    codes = page.locator(".receipt__codes .code-text").all_inner_texts()
    screenshot(page, "case-submitted")
    return codes[0].strip(), codes[1].strip()


def act(page, label, **fields):
    """Open the transition form `label` on the case page, fill it and submit it."""
    form = page.locator("form", has=page.get_by_role("button", name=label, exact=True))
    summary = page.locator("details.case-action > summary", has_text=label)
    if summary.count() and not summary.first.evaluate("s => s.parentElement.open"):
        summary.first.click()
    for name, value in fields.items():
        control = form.locator(f"[name$='-{name}']")  # each action form has its own prefix
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("networkidle")


def handle_in_admin(staff, live_site, reference):
    staff_login(staff, live_site.public_url, "xxzx", next_path="/admin/")
    staff.goto(f"{live_site.public_url}/admin/snippets/cases/case/?q={reference}")
    assert "林**" in staff.content() and PHONE not in staff.content()
    staff.get_by_role("link", name=reference).click()
    act(staff, "受理")
    act(staff, "分派承办部门", department="污染防治处")
    act(staff, "提交答复", text="经污染防治处现场核查，已责令施工单位停止夜间施工，并将加强巡查。")
    act(staff, "审核通过答复")
    act(staff, "公开")
    body = staff.locator("main").inner_text()
    assert "已答复" in body and "已公开" in body
    screenshot(staff, "case-admin-inspect")


def test_complaint_is_accepted_answered_published_looked_up_and_rated(live_site, browser, browser_page):
    visitor = browser_page
    reference, code = submit_complaint(visitor, live_site.public_url)
    assert reference.startswith("TS") and len(code) == 8

    staff_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    staff = staff_context.new_page()
    staff.set_default_timeout(15000)
    try:
        handle_in_admin(staff, live_site, reference)
    except Exception:
        screenshot(staff, "FAILED-case-admin")
        raise
    finally:
        staff_context.close()

    visitor.goto(live_site.public_url + "/hdjl/wsts/lookup/")

    visitor.get_by_label("编号").fill(reference)
    visitor.get_by_label("查询码").fill(code)
    visitor.get_by_label("验证码").fill("PASSED")
    visitor.get_by_role("button", name="查询").click()
    result = visitor.locator(".case-result")
    assert "已答复" in result.inner_text()
    assert "已责令施工单位停止夜间施工" in visitor.content()
    visitor.get_by_label("满意", exact=True).check()
    visitor.get_by_role("button", name="提交评价").click()
    visitor.wait_for_load_state("networkidle")
    assert "已办结" in visitor.locator(".case-result").inner_text()
    screenshot(visitor, "case-lookup-rated")

    visitor.goto(live_site.public_url + "/hdjl/wsts/archive/")
    archive = visitor.content()
    assert TITLE in archive and "林**" in archive
    assert PHONE not in archive and "林晓梅" not in archive
    visitor.get_by_role("link", name=TITLE).click()
    detail = visitor.content()
    assert "已责令施工单位停止夜间施工" in detail and PHONE not in detail and "林晓梅" not in detail
    screenshot(visitor, "case-archive-detail")
