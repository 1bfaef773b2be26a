"""A 办件 through the office, in a real browser: the registrar registers it and routes it to two
people at once; each finds it in her 待办 and records an opinion; the registrar closes it and the
route shows two 流转人次."""

import time

from tests.e2e.conftest import screenshot, staff_login

# Unique per run: what the journey submits is committed, and a reused database keeps earlier runs.
TITLE = f"关于核查世纪公园周边噪声投诉的函（浏览器测试{int(time.time()) % 100000}）"


def choose_people(page, select_name, *names):
    select = page.locator(f"select[name='{select_name}']")
    values = [select.locator("option", has_text=name).first.get_attribute("value") for name in names]
    select.select_option(values)


def handle_from_todo(page, base, username, opinion):
    staff_login(page, base, username, next_path="/admin/oa/")
    assert "我的办公" in page.content()
    page.get_by_role("link", name=TITLE).click()
    page.locator("#action-complete").get_by_label("办理意见").fill(opinion)
    page.locator("#action-complete").get_by_role("button", name="办理完毕").click()
    page.wait_for_load_state("networkidle")
    assert "已办理完毕" in page.content()


def test_registrar_routes_a_document_to_two_people_who_both_answer(live_site, browser):
    base = live_site.intranet_url
    registrar = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    staff_login(registrar, base, "shouwen", next_path="/admin/snippets/oa/officialdocument/add/")
    registrar.locator("#id_doc_kind").select_option("handle")
    registrar.locator("#id_title").fill(TITLE)
    registrar.locator("#id_body").fill("请于一周内核查并回复处理意见。")
    registrar.get_by_role("button", name="保存").first.click()
    registrar.wait_for_load_state("networkidle")
    assert "尚未发送" in registrar.content()
    screenshot(registrar, "oa-send-form")
    registrar.locator("select[name='send-action_1']").select_option("handle")
    choose_people(registrar, "send-users_1", "陈职工", "褚办件")
    registrar.locator("#action-send").get_by_role("button", name="发送").click()
    registrar.wait_for_load_state("networkidle")
    assert "已发送" in registrar.content()
    url = registrar.url

    for username, opinion in (("zhigong", "已现场核查，噪声来自夜间施工。"), ("banjian_wrfz", "已责令施工单位停止夜间作业。")):
        colleague = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        handle_from_todo(colleague, base, username, opinion)
        colleague.goto(f"{base}/admin/oa/?tab=done")
        assert TITLE in colleague.content()
        screenshot(colleague, f"oa-handled-{username}")
        colleague.context.close()

    registrar.goto(url)
    registrar.locator(".oa-inline-action").get_by_role("button", name="办结").click()
    registrar.wait_for_load_state("networkidle")
    summary = registrar.locator(".oa-summary").inner_text()
    assert "已办结" in summary
    assert registrar.locator(".oa-routings").inner_text() == "2"
    route = registrar.locator(".oa-route").inner_text()
    assert "已现场核查" in route and "已责令施工单位" in route
    screenshot(registrar, "oa-closed")
    registrar.context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN").new_page()
    staff_login(phone, base, "juzhang", next_path="/admin/oa/")
    assert "我的办公" in phone.content()
    screenshot(phone, "oa-office-phone")
    phone.context.close()
