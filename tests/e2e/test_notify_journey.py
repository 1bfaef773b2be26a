"""信息精灵 and the one login in a real browser: a member of staff signs in once on the intranet,
sees her unread count and to-dos on the intranet home, the bell in the admin picks up a new
notification without a reload, she opens it from the list and chooses SMS in her preferences.
Also keeps screenshots of the login page, bell, list, preferences and intranet home at desktop
and phone widths (var/screenshots/)."""

import re

import pytest

from tests.e2e.conftest import screenshot, staff_login

STAFF = "zhigong"


@pytest.fixture
def tell(django_db_blocker):
    """Create a notification as the OA would, committed so the live server sees it."""

    def create(title, url):
        from django.contrib.auth import get_user_model
        from django.db import connection

        from interaction.cases.notifications import REMINDER_EVENT  # an event the server knows too
        from intranet.notify.api import notify

        try:
            with django_db_blocker.unblock():
                user = get_user_model().objects.get(username=STAFF)
                return notify([user], event=REMINDER_EVENT, title=title, url=url)[0].pk
        finally:
            connection.close()

    def make(title, url="/admin/"):
        # Playwright's loop owns this thread: the ORM runs in a thread of its own (own connection).
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            return pool.submit(create, title, url).result()

    return make


def badge(page):
    return page.locator("#wagtail-sidebar [data-notify-bell] .notify-badge")


def test_one_login_the_desk_and_the_bell(live_site, browser_page, phone_page, tell):
    page = browser_page
    tell("请阅：关于开展夏季河道保洁专项检查的通知", url="/admin/notify/preferences/")

    # The intranet sends her to the bureau's own sign-in page on the intranet host.
    page.goto(live_site.intranet_url + "/")
    assert page.url.startswith(live_site.intranet_url + "/admin/login/")
    assert page.title() == "职工登录 - 浦东环境网 · 局内网"
    assert page.get_by_role("heading", name="局内网 · 职工登录").is_visible()
    screenshot(page, "notify-login-desktop")
    phone_page.goto(live_site.intranet_url + "/admin/login/")
    screenshot(phone_page, "notify-login-phone")

    staff_login(page, live_site.intranet_url, STAFF, next_path="/")
    desk = page.get_by_role("list", name="我的待办")
    unread_on_home = int(desk.locator(".staff-desk__count").first.inner_text())
    assert unread_on_home >= 1
    screenshot(page, "notify-intranet-home-desktop")

    # Same session in the admin: no second login.
    page.get_by_role("link", name="进入办公后台").click()
    page.wait_for_load_state("networkidle")
    assert "/admin/login/" not in page.url
    badge(page).wait_for()
    assert badge(page).inner_text() == str(unread_on_home)

    # Something new arrives; the bell shows it without a reload (the poll runs when the tab
    # becomes visible again, as it does every minute).
    tell("请办：浦东新区垃圾分类工作方案（征求意见稿）")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_function(
        "n => document.querySelector('#wagtail-sidebar [data-notify-bell] .notify-badge').textContent === String(n)",
        arg=unread_on_home + 1,
    )
    screenshot(page, "notify-bell-desktop")

    # The list: newest first; opening one marks it read and follows its link.
    page.locator("#wagtail-sidebar [data-notify-bell]").click()
    page.wait_for_load_state("networkidle")
    titles = page.locator(".notify-item__title").all_inner_texts()
    assert titles[0] == "请办：浦东新区垃圾分类工作方案（征求意见稿）"
    screenshot(page, "notify-list-desktop")
    page.get_by_role("button", name="请阅：关于开展夏季河道保洁专项检查的通知").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/admin/notify/preferences/")

    # Preferences: text messages for this kind of notification.
    page.get_by_role("checkbox", name="办件到期提醒：短信").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    assert "接收设置已保存" in page.locator(".messages").inner_text()
    assert page.get_by_role("checkbox", name="办件到期提醒：短信").is_checked()
    screenshot(page, "notify-preferences-desktop")

    # On a phone: the same session works everywhere (sign in once more on this device).
    phone = phone_page
    staff_login(phone, live_site.intranet_url, STAFF, next_path="/")
    assert phone.get_by_role("list", name="我的待办").is_visible()
    screenshot(phone, "notify-intranet-home-phone")
    phone.goto(live_site.intranet_url + "/admin/notify/")
    assert re.search(r"未读（\d+）", phone.locator(".notify-tabs").inner_text())
    screenshot(phone, "notify-list-phone")
    phone.goto(live_site.intranet_url + "/admin/notify/preferences/")
    screenshot(phone, "notify-preferences-phone")
    phone.goto(live_site.intranet_url + "/admin/")
    phone.locator("#wagtail-sidebar .sidebar-nav-toggle--mobile .notify-badge").wait_for()  # the menu is folded away
    screenshot(phone, "notify-bell-phone")
