"""A message on the 留言板, from a phone to the bureau's published reply, through a real browser."""

import time

from tests.e2e.conftest import screenshot, staff_login

TITLE = f"小区门口垃圾箱满溢（浏览器测试 {int(time.time()) % 100000}）"  # unique: a reused test database keeps earlier runs
PHONE = "13987654321"


def test_a_message_waits_for_review_then_appears_with_the_reply(live_site, browser, phone_page):
    visitor = phone_page
    visitor.goto(live_site.public_url + "/hdjl/lyb/")
    visitor.get_by_label("昵称").fill("川沙阿婆")
    visitor.get_by_label("联系电话").fill(PHONE)
    visitor.get_by_label("标题").fill(TITLE)
    visitor.get_by_label("留言内容").fill("小区门口的垃圾箱每天下午就满了，能否增加清运次数？")
    visitor.get_by_label("验证码").fill("PASSED")  # CAPTCHA_TEST_MODE on the test server
    visitor.get_by_role("button", name="提交留言").click()
    visitor.locator(".receipt").wait_for()
    assert "您的留言已提交" in visitor.locator(".receipt").inner_text()
    screenshot(visitor, "board-message-submitted-phone")
    visitor.goto(live_site.public_url + "/hdjl/lyb/")
    assert TITLE not in visitor.content()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    staff = context.new_page()
    try:
        staff_login(staff, live_site.public_url, "xxzx", next_path="/admin/")
        staff.goto(f"{live_site.public_url}/admin/snippets/board/post/?status=pending")
        assert "139****4321" in staff.content() and PHONE not in staff.content()
        staff.get_by_role("link", name=TITLE).click()
        staff.get_by_role("textbox", name="本局答复").fill("已联系环卫作业单位，每天下午增加一次清运。")
        staff.get_by_role("button", name="保存本局答复").click()
        staff.wait_for_load_state("networkidle")
        staff.get_by_role("button", name="审核通过").click()
        staff.wait_for_load_state("networkidle")
        assert "已发布" in staff.locator("main").inner_text()
        screenshot(staff, "board-admin-reviewed")
    finally:
        context.close()

    visitor.goto(live_site.public_url + "/hdjl/lyb/")
    item = visitor.locator(".board-post", has_text=TITLE)
    assert "每天下午增加一次清运" in item.inner_text()
    assert PHONE not in visitor.content()
    screenshot(visitor, "board-message-published-phone")
