"""A 两会议案 in a real browser: a clerk of the lead department finds her department's open
proposals with their traffic lights, starts one and answers it; the 信息中心管理员 closes it with
the proposer's feedback, reads the 办结率 and the 督办 board — at desktop and phone widths."""

from tests.e2e.conftest import screenshot, staff_login

LIST = "/admin/snippets/supervision/proposal/"


def test_clerk_answers_and_admin_closes_a_proposal(live_site, browser):
    base = live_site.intranet_url
    clerk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    staff_login(clerk, base, "banjian_wrfz", next_path=LIST)
    assert "两会议案" in clerk.content()
    screenshot(clerk, "supervision-list-desktop")
    clerk.locator("table.listing tbody tr", has_text="交办").first.locator("a").first.click()
    clerk.wait_for_load_state("networkidle")
    assert "交办" in clerk.locator(".sv-summary").inner_text()
    clerk.locator(".sv-inline-action").get_by_role("button", name="开始办理").click()
    clerk.wait_for_load_state("networkidle")
    assert "已开始办理" in clerk.content()
    clerk.locator("#action-reply").get_by_label("答复内容").fill("我局已会同街镇开展专项整治，整治结果已书面答复代表。")
    clerk.locator("#action-reply").get_by_role("button", name="答复").click()
    clerk.wait_for_load_state("networkidle")
    assert "已答复" in clerk.locator(".sv-summary").inner_text()
    url = clerk.url
    clerk.context.close()

    admin = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True).new_page()
    staff_login(admin, base, "xxzx", next_path=url.replace(base, ""))
    admin.locator("#action-close").get_by_label("满意", exact=True).check()
    admin.locator("#action-close").get_by_role("button", name="办结").click()
    admin.wait_for_load_state("networkidle")
    assert "已办结" in admin.locator(".sv-summary").inner_text()
    screenshot(admin, "supervision-inspect-phone")
    admin.goto(f"{base}{LIST}")
    screenshot(admin, "supervision-list-phone")
    admin.goto(f"{base}/admin/supervision/rates/?year=2005")
    assert "办结率" in admin.content()
    screenshot(admin, "supervision-rates-phone")
    admin.goto(f"{base}/admin/supervision/board/")
    assert "督办看板" in admin.content()
    screenshot(admin, "supervision-board-phone")
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto(f"{base}/admin/supervision/board/")
    screenshot(admin, "supervision-board-desktop")
    admin.locator("table.sv-board a").first.click()
    admin.wait_for_load_state("networkidle")
    assert "进展反馈" in admin.content()
    screenshot(admin, "supervision-task-desktop")
    admin.goto(url)
    screenshot(admin, "supervision-inspect-desktop")
    admin.goto(f"{base}/admin/supervision/rates/?year=2005")
    screenshot(admin, "supervision-rates-desktop")
