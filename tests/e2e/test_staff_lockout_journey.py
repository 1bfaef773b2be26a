"""A member of staff locks herself out, the information centre unlocks her, she logs in.

Runs on the live server with CAPTCHA_TEST_MODE=1, where the login captcha (shown after the
second failure) accepts the answer "PASSED"."""

import re

from tests.e2e.conftest import screenshot

STAFF, ADMIN, PASSWORD = "zhigong", "xxzx", "Pudong@2026"


def submit_login(page, username, password):
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    captcha = page.locator("input[name=captcha_1]")
    if captcha.count():
        captcha.fill("PASSED")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def login_errors(page):
    return " ".join(page.locator(".messages li.error").all_inner_texts())


def test_locked_out_staff_member_is_unlocked_by_the_information_centre(live_site, browser_page, phone_page, browser):
    page = browser_page
    page.goto(live_site.intranet_url + "/")
    assert "/admin/login/" in page.url

    # Five wrong passwords: the captcha appears after the second, the lock after the fifth.
    for attempt in range(1, 6):
        submit_login(page, STAFF, f"Wrong-guess-{attempt}")
        if attempt == 2:
            assert page.locator("input[name=captcha_1]").is_visible()
    message = login_errors(page)
    assert "该账号连续登录失败 5 次，已被暂时锁定" in message
    assert re.search(r"请在 \d\d:\d\d 之后（约 30 分钟后）再试", message)
    assert "如需立即解锁，请联系信息中心" in message
    screenshot(page, "login-locked-desktop")

    # Even the right password is refused now, here and on her phone.
    submit_login(page, STAFF, PASSWORD)
    assert "已被暂时锁定" in login_errors(page)
    phone = phone_page
    phone.goto(live_site.intranet_url + "/admin/login/?next=/")
    submit_login(phone, STAFF, PASSWORD)
    assert "已被暂时锁定" in login_errors(phone)
    assert phone.locator(".messages li.error").is_visible()
    screenshot(phone, "login-locked-phone")

    # The information centre's administrator unlocks her in the admin.
    admin_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    admin = admin_context.new_page()
    try:
        admin.goto(live_site.intranet_url + "/admin/login/?next=/admin/")
        submit_login(admin, ADMIN, PASSWORD)
        admin.get_by_role("button", name="安全管理").click()
        admin.get_by_role("link", name="登录锁定").click()
        admin.wait_for_url(re.compile(r"/admin/security/lockouts/$"))
        row = admin.locator("table.listing tr", has_text=STAFF).first
        assert "账号" in row.inner_text()
        screenshot(admin, "admin-lockouts")
        admin.get_by_role("button", name=f"解锁账号 {STAFF}").click()
        admin.wait_for_load_state("networkidle")
        assert f"已解除账号“{STAFF}”的登录锁定" in admin.content()
        assert admin.get_by_role("button", name=f"解锁账号 {STAFF}").count() == 0

        # The unlock is in the audit log, with who did it.
        admin.goto(live_site.intranet_url + "/admin/security/audit/?kind=unlocked")
        first_row = admin.locator("table tbody tr").first.inner_text()
        assert "解除锁定" in first_row and STAFF in first_row and ADMIN in first_row
    finally:
        admin_context.close()

    # She logs in and reaches the intranet.
    page.goto(live_site.intranet_url + "/admin/login/?next=/")
    submit_login(page, STAFF, PASSWORD)
    assert page.url.rstrip("/") == live_site.intranet_url
    assert "陈职工" in page.locator(".staff-welcome").inner_text()
