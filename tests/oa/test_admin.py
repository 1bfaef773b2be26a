"""The OA in the admin as staff use it: creating, the 办理 page's forms, the personal office,
the 收文 register, the printable 公文 — and what a refused move shows."""

import json

import pytest
from django.urls import reverse

from intranet.oa import routing
from intranet.oa.choices import Action, ItemStatus, Kind
from intranet.oa.models import ContactSheet, OfficialDocument
from intranet.oa.routing import Hop

NS = "wagtailsnippets_oa_officialdocument"


def test_registrar_registers_a_handling_document_and_routes_it_from_the_form(bureau, client):
    client.force_login(bureau.registrar)
    response = client.post(reverse(f"{NS}:add"), {
        "doc_kind": "handle", "title": "关于报送夏季保洁计划的通知", "secrecy": "internal", "urgency": "urgent",
        "body": "请于本月底前报送。", "source_unit": "区建交委", "source_number": "浦建〔2005〕8号",
    })
    doc = OfficialDocument.objects.get(title="关于报送夏季保洁计划的通知")
    assert response.status_code == 302 and response["Location"] == reverse(f"{NS}:inspect", args=[doc.pk])
    assert doc.owner == bureau.office and doc.created_by == bureau.registrar and doc.kind == Kind.HANDLE
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "send"]), {
        "send-action_1": Action.HANDLE, "send-users_1": [bureau.a.pk, bureau.b.pk], "send-parallel_1": "1",
    })
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == ItemStatus.ROUTING
    assert {t.user for t in doc.tasks.all()} == {bureau.a, bureau.b}


def test_clerk_may_only_draft_outgoing_documents(bureau, client):
    client.force_login(bureau.a)
    response = client.post(reverse(f"{NS}:add"), {
        "doc_kind": "handle", "title": "冒充登记", "secrecy": "internal", "urgency": "normal",
    })
    assert response.status_code == 200
    assert not OfficialDocument.objects.filter(title="冒充登记").exists()
    response = client.post(reverse(f"{NS}:add"), {
        "doc_kind": "outgoing", "title": "关于开展测试月活动的通知", "secrecy": "public", "urgency": "normal",
    })
    assert response.status_code == 302
    assert OfficialDocument.objects.get(title="关于开展测试月活动的通知").kind == Kind.OUTGOING


def test_refused_move_shows_the_reason_and_keeps_the_text(bureau, client):
    doc = bureau.document()
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    client.force_login(bureau.a)
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "complete"]), {"complete-opinion": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "须填写意见" in page
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "return"]), {"return-reason": ""})
    assert response.status_code == 400 and "请检查填写的内容" in response.content.decode()
    long_text = "已核实，" + "情况属实。" * 10
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "send"]), {"send-action_1": "read", "send-users_1": [bureau.c.pk]})
    assert response.status_code == 400  # the holder is not the manager: the engine refuses
    assert "拟稿人或本单位收文登记人员" in response.content.decode()
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "complete"]), {"complete-opinion": long_text})
    assert response.status_code == 302
    assert doc.tasks.get(user=bureau.a).opinion == long_text


def test_plan_form_errors_keep_what_was_chosen(bureau, client):
    doc = bureau.document()
    client.force_login(bureau.registrar)
    response = client.post(reverse(f"{NS}:action", args=[doc.pk, "send"]), {
        "send-action_1": Action.HANDLE, "send-users_1": [], "send-action_2": "", "send-users_2": [bureau.b.pk],
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "请选择办理人" in page and "请选择环节" in page
    assert f'value="{bureau.b.pk}" selected' in page
    assert doc.steps.count() == 0


def test_unknown_action_is_404(bureau, client):
    doc = bureau.document()
    client.force_login(bureau.registrar)
    assert client.post(reverse(f"{NS}:action", args=[doc.pk, "delete_everything"])).status_code == 404


def test_personal_office_tabs_and_counts(bureau, client, django_assert_max_num_queries):
    for n in range(5):
        doc = bureau.document(title=f"待办公文{n}")
        routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    done = bureau.document(title="已办公文")
    routing.send(done, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    routing.complete(done, bureau.a, "已办。")
    client.force_login(bureau.a)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("oa_office")).content.decode()
    assert page.count("待办公文") == 5 and "已办公文" not in page
    assert "待办（5）" in page
    page = client.get(reverse("oa_office") + "?tab=done").content.decode()
    assert "已办公文" in page and "待办公文" not in page
    page = client.get(reverse("oa_office") + "?tab=mine").content.decode()
    assert "您还没有发起过公文" in page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "您有 <strong>5</strong> 件待办" in home
    menu_label = json.dumps("我的待办（5）")  # the sidebar's labels travel as JSON (non-ASCII escaped)
    assert f'"label": {menu_label}' in home


def test_document_listing_costs_the_same_for_many_rows(bureau, client, django_assert_max_num_queries):
    for n in range(25):
        doc = bureau.document(title=f"批量公文{n}")
        routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    client.force_login(bureau.a)
    with django_assert_max_num_queries(30):
        page = client.get(reverse(f"{NS}:list")).content.decode()
    assert page.count("批量公文") >= 25


def test_print_view_lays_out_the_document(bureau, client):
    doc = bureau.document(kind=Kind.OUTGOING, title="关于印发<2005年>环保工作要点的通知", main_recipients="各街道、镇", body="现将要点印发给你们。")
    client.force_login(bureau.registrar)
    page = client.get(reverse(f"{NS}:print", args=[doc.pk])).content.decode()
    assert "测试办公室文件" in page and "（未编号）" in page and "各街道、镇：" in page
    assert "关于印发&lt;2005年&gt;环保工作要点的通知" in page


def test_register_accepts_an_exchange_into_the_units_documents(bureau, client):
    doc = bureau.document(kind=Kind.READ, title="关于做好防汛工作的通知")
    routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    [exchange] = routing.send_exchange(doc, bureau.registrar, [bureau.unit])
    client.force_login(bureau.b)
    response = client.get(reverse("oa_register"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")  # refused
    assert client.post(reverse("oa_register_action", args=[exchange.pk, "accept"]), {"doc_kind": "read"}).status_code == 302
    exchange.refresh_from_db()
    assert exchange.status == "sent"  # b is no registrar: the engine refused
    client.force_login(bureau.unit_registrar)
    page = client.get(reverse("oa_register")).content.decode()
    assert "关于做好防汛工作的通知" in page and "待签收" in page
    response = client.post(reverse("oa_register_action", args=[exchange.pk, "accept"]), {"doc_kind": "handle"})
    exchange.refresh_from_db()
    assert exchange.status == "accepted" and exchange.received.owner == bureau.unit
    assert response["Location"] == reverse(f"{NS}:inspect", args=[exchange.received.pk])
    client.force_login(bureau.registrar)
    page = client.get(reverse(f"{NS}:inspect", args=[doc.pk])).content.decode()
    assert "已签收" in page  # the sending side sees the exchange status


def test_contact_sheet_goes_to_the_other_department_and_comes_back_with_a_reply(bureau, client):
    client.force_login(bureau.a)
    response = client.post(reverse("wagtailsnippets_oa_contactsheet:add"), {
        "to_department": bureau.unit.pk, "title": "请提供五月份水质数据", "secrecy": "internal", "urgency": "normal",
        "body": "用于月报。",
    })
    sheet = ContactSheet.objects.get(title="请提供五月份水质数据")
    assert response.status_code == 302
    routing.send(sheet, bureau.a, [Hop(Action.REPLY, [bureau.b])])
    client.force_login(bureau.b)
    client.post(reverse("wagtailsnippets_oa_contactsheet:action", args=[sheet.pk, "complete"]), {"complete-opinion": "数据见附件。"})
    client.force_login(bureau.a)
    page = client.get(reverse("wagtailsnippets_oa_contactsheet:inspect", args=[sheet.pk])).content.decode()
    assert "回复意见" in page and "数据见附件。" in page


def test_oversized_or_wrong_type_attachment_is_refused(bureau, client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = bureau.document()
    client.force_login(bureau.registrar)
    url = reverse(f"{NS}:upload", args=[doc.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert "不支持的文件类型：exe" in response.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = client.post(url, {"file": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 20)}, follow=True)
    assert "文件过大" in response.content.decode()
    assert doc.attachments.count() == 0
    client.force_login(bureau.a)
    assert client.post(url, {"file": SimpleUploadedFile("y.pdf", b"%PDF")}).status_code == 404
