"""会议通知 in a real browser: the 办公室's registrar sends a notice to three people; two of them
return their 回执 from their 待我回执 list (one attends with a colleague, one declines with a
reason); the organiser sees one missing, urges through 信息精灵 and opens the 签到表."""

import time
from datetime import timedelta

from django.utils import timezone

from tests.e2e.conftest import screenshot, staff_login

TITLE = f"河长制工作推进会（浏览器测试{int(time.time()) % 100000}）"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def choose_people(page, *names):
    select = page.locator("select[name='people']")
    select.select_option([select.locator("option", has_text=name).first.get_attribute("value") for name in names])


def reply_from_list(page, base, username, choice, **fields):
    staff_login(page, base, username, next_path="/admin/meetings/")
    page.get_by_role("link", name=TITLE).click()
    page.locator(".meeting-reply").get_by_label(choice, exact=True).check()
    for label, value in fields.items():
        page.locator(".meeting-reply").get_by_label(label).fill(value)
    page.get_by_role("button", name="提交回执").click()
    page.wait_for_load_state("networkidle")
    assert "回执已提交" in page.content()


def test_a_notice_two_receipts_one_missing_and_an_urge(live_site, browser):
    base = live_site.intranet_url
    organiser = browser.new_context(**DESKTOP).new_page()
    staff_login(organiser, base, "shouwen", next_path="/admin/meetings/new/")
    starts = timezone.localtime() + timedelta(days=3)
    organiser.get_by_label("会议名称").fill(TITLE)
    organiser.get_by_label("会议时间").fill(starts.strftime("%Y-%m-%dT10:00"))
    organiser.get_by_label("会议地点").fill("局机关二楼会议室")
    organiser.get_by_label("会议议程").fill("一、通报河道整治进展\n二、部署下阶段任务")
    organiser.get_by_label("回执截止时间").fill((starts - timedelta(days=1)).strftime("%Y-%m-%dT17:00"))
    choose_people(organiser, "陈职工", "褚办件", "沈局长")
    screenshot(organiser, "meetings-new")
    organiser.get_by_role("button", name="发送").click()
    organiser.wait_for_load_state("networkidle")
    assert "会议通知已发送，共 3 人" in organiser.content()
    url = organiser.url

    colleague = browser.new_context(**PHONE).new_page()
    reply_from_list(colleague, base, "zhigong", "参加", 参会人员="陈职工、李科员")
    screenshot(colleague, "meetings-replied-phone")
    colleague.context.close()
    colleague = browser.new_context(**DESKTOP).new_page()
    reply_from_list(colleague, base, "banjian_wrfz", "不参加", 不参加原因="当天有执法检查")
    colleague.context.close()

    organiser.goto(url)
    assert organiser.locator(".meeting-replied").inner_text() == "2"
    assert organiser.locator(".meeting-missing-count").inner_text() == "1"
    assert organiser.locator(".meeting-missing").inner_text().strip().startswith("沈局长")
    organiser.get_by_role("button", name="催办").click()
    organiser.wait_for_load_state("networkidle")
    assert "已通过信息精灵催办 1 位未回执人员" in organiser.content()
    assert organiser.get_by_role("button", name="催办").is_disabled()
    screenshot(organiser, "meetings-organiser")
    organiser.goto(f"{base}/admin/meetings/?tab=mine")
    assert TITLE in organiser.content()
    screenshot(organiser, "meetings-list")
    organiser.goto(url + "sign-in/")
    sign_in = organiser.locator(".sign-in").inner_text()
    assert "李科员" in sign_in and "褚办件" not in sign_in
    screenshot(organiser, "meetings-sign-in")
    organiser.context.close()

    leader = browser.new_context(**PHONE).new_page()
    staff_login(leader, base, "juzhang", next_path="/admin/notify/")
    assert f"请尽快回执：{TITLE}" in leader.content()
    leader.goto(f"{base}/admin/meetings/")
    assert TITLE in leader.content()
    screenshot(leader, "meetings-list-phone")
    leader.context.close()
