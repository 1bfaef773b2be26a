"""The public side of the four channels: forms, the one-time receipt, lookup, archive, stats."""

import html
import io
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from interaction.cases import deadlines
from interaction.cases.models import pages
from interaction.cases import workflow as wf
from interaction.cases.choices import Channel, Status
from interaction.cases.models import Case, ComplaintPage, ConsultationPage, DisclosureRequestPage, MailboxPage
from intranet.org.workdays import add_working_days
from tests.factories import DepartmentFactory, SuperuserFactory
from tests.helpers import page_at

pytestmark = pytest.mark.django_db

PATHS = {
    Channel.MAILBOX: ("hdjl/jzxx", MailboxPage),
    Channel.COMPLAINT: ("hdjl/wsts", ComplaintPage),
    Channel.CONSULTATION: ("hdjl/wszx", ConsultationPage),
    Channel.DISCLOSURE: ("xxgk/ysqgk", DisclosureRequestPage),
}
PHONE = "13917654321"
ID_NUMBER = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
EMAIL = "zhang.sanfeng@example.com"
ADDRESS = "浦东新区浦城路601号3室"


# Helpers ------------------------------------------------------------------------------------

def channel_page(public_home, channel):
    path, model = PATHS[channel]
    page = page_at(public_home, path)
    assert type(page) is model
    return page


def url(page):
    """The page's path on its site (url(page) is absolute: the project has two sites)."""
    return page.get_url_parts()[2]


def sub_url(page, name, *args):
    return url(page) + page.reverse_subpage(name, args=args).lstrip("/")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(doc, name):
    tag = doc.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def solve_captcha(client, url):
    page = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def png(name="photo.png", size=(16, 16), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="身份证.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n", content_type="application/pdf")


def form_data(channel, **overrides):
    data = {
        "name": "张三丰",
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
        "title": "小区门口垃圾长期无人清运",
        "content": "浦城路601弄小区门口的垃圾箱已经三天没有清运，气味很大，请尽快处理。",
        "consent_publish": "on",
    }
    if channel == Channel.COMPLAINT:
        data.update(category="sanitation", location="浦东新区浦城路601弄门口")
    if channel == Channel.DISCLOSURE:
        data.update(
            applicant_type="person", id_type="id_card", id_number=ID_NUMBER, delivery="email",
            title="2026年浦东新区垃圾清运作业经费预算", content="请提供2026年度本区生活垃圾清运作业经费的预算安排文件。",
            id_document=pdf(),
        )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, page, channel, **overrides):
    data = {**form_data(channel, **overrides), **solve_captcha(client, url(page))}
    return client.post(url(page), data)


def field_box(doc, name):
    return doc.find(id=f"field-{name}")


def field_error(doc, name):
    box = field_box(doc, name)
    error = box.find(class_="field-error") if box else None
    return error.get_text(" ", strip=True) if error else ""


@pytest.fixture
def admin():
    return SuperuserFactory(username="case_admin")


@pytest.fixture
def office():
    return DepartmentFactory(name="测试办公室")


def new_case(channel=Channel.COMPLAINT, when=None, **extra):
    fields = {
        "name": "张三丰", "phone": PHONE, "email": EMAIL, "address": ADDRESS,
        "title": "夜间施工噪声扰民", "content": "工地每晚施工到凌晨两点，严重影响休息。", "consent_publish": True,
    }
    if channel == Channel.COMPLAINT:
        fields.update(category="noise", location="浦东新区某路工地")
    if channel == Channel.DISCLOSURE:
        fields.update(applicant_type="person", id_type="id_card", id_number=ID_NUMBER, delivery="email")
    fields.update(extra)
    return wf.submit(channel, when=when, **fields)


def reply(case, admin, department, text="经核查，已责令施工单位停止夜间施工。"):
    wf.accept(case, admin)
    wf.assign(case, admin, department)
    kwargs = {"result": "disclose"} if case.channel == Channel.DISCLOSURE else {}
    wf.draft_reply(case, admin, text, **kwargs)
    wf.approve_reply(case, admin)
    return case


def publish(case, admin, department, **texts):
    reply(case, admin, department)
    wf.publish(case, admin, **texts)
    return case


def lookup(client, page, reference, code, follow=True):
    data = {"action": "lookup", "reference": reference, "code": code, **solve_captcha(client, sub_url(page, "lookup"))}
    return client.post(sub_url(page, "lookup"), data, follow=follow)


# Rendering ----------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_page_and_route_renders_with_metadata(public_client, public_home, channel):
    page = channel_page(public_home, channel)
    response = public_client.get(url(page))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # a per-visitor captcha and CSRF token
    doc = soup(response)
    assert meta(doc, "ColumnName") == page.title
    assert meta(doc, "ColumnType") == "互动交流"
    assert meta(doc, "ColumnDescription") == page.description
    assert meta(doc, "SiteName") == "浦东环境网"
    assert doc.find("h1").get_text() == page.title
    assert doc.select_one(".side-nav li.is-current a").get_text() == page.title
    assert "填写须知" in doc.get_text() and page.contact.split("；")[0] in doc.get_text()
    form = doc.find("form", class_="case-form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    for name in ("name", "phone", "email", "address", "title", "content", "consent_publish", "captcha_1", "website"):
        assert form.find(attrs={"name": name}) is not None, name
    assert form.find("label", attrs={"for": "id_phone"}).find(class_="required")
    assert doc.find(string=re.compile("同意在网站公开我的来信和答复（个人信息将隐去）"))
    links = {a["href"] for a in doc.select(".case-tabs a")}
    assert {sub_url(page, "lookup"), sub_url(page, "archive"), sub_url(page, "stats")} <= links

    for name, title in (("lookup", "办理查询"), ("archive", page.archive_label), ("stats", "办理统计"), ("submitted", "提交成功")):
        response = public_client.get(sub_url(page, name))
        assert response.status_code == 200, name
        sub = soup(response)
        assert meta(sub, "ColumnType") == "互动交流"
        assert sub.select(".breadcrumbs li")[-1].get_text() == title


def test_channel_specific_fields(public_client, public_home):
    complaint = soup(public_client.get(url(channel_page(public_home, Channel.COMPLAINT))))
    category = complaint.find(id="field-category")
    assert category.find("fieldset") and category.find("legend").get_text().startswith("投诉类别")
    assert [label.get_text() for label in category.select("label.choice")] == ["大气", "水", "噪声", "固废", "市容", "环卫", "绿化", "其他"]
    photos = complaint.find("input", attrs={"name": "photos"})
    assert photos.has_attr("multiple") and photos["accept"] == "image/jpeg,image/png"
    assert complaint.find("input", attrs={"name": "location"})

    disclosure = soup(public_client.get(url(channel_page(public_home, Channel.DISCLOSURE))))
    applicant = disclosure.find(id="field-applicant_type")
    assert [label.get_text() for label in applicant.select("label.choice")] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for name in ("id_type", "id_number", "contact_person", "delivery", "id_document"):
        assert disclosure.find(attrs={"name": name}) is not None, name
    assert "所需信息的内容描述" in disclosure.get_text()


# Submitting ---------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", list(Channel))
def test_submission_creates_a_case_and_shows_reference_and_code_once(public_client, public_home, channel):
    page = channel_page(public_home, channel)
    extra = {"photos": [png("a.png"), png("b.jpg", fmt="JPEG")]} if channel == Channel.COMPLAINT else {}
    response = submit(public_client, page, channel, **extra)
    assert response.status_code == 302 and response["Location"] == sub_url(page, "submitted") + "#main"

    case = Case.objects.get(channel=channel, title=form_data(channel)["title"])
    assert case.status == Status.SUBMITTED and case.phone == PHONE and case.consent_publish
    receipt = public_client.get(response["Location"])
    assert "no-store" in receipt["Cache-Control"]
    doc = soup(receipt)
    reference, code = [el.get_text() for el in doc.select(".receipt .code-text")]
    assert reference == case.reference
    assert case.check_query_code(code)
    assert "请立即把编号和查询码抄写下来" in doc.get_text()
    assert PHONE not in receipt.content.decode()

    again = public_client.get(response["Location"]).content.decode()
    assert code not in again and "编号和查询码已显示过" in again

    if channel == Channel.COMPLAINT:
        assert case.category == "sanitation" and case.location.startswith("浦东新区")
        assert sorted(a.content_type for a in case.attachments.all()) == ["image/jpeg", "image/png"]
    if channel == Channel.DISCLOSURE:
        assert (case.applicant_type, case.id_type, case.id_number, case.delivery) == ("person", "id_card", ID_NUMBER, "email")
        assert [a.content_type for a in case.attachments.all()] == ["application/pdf"]


def test_disclosure_by_an_organisation_needs_a_credit_code_and_a_contact_person(public_client, public_home):
    page = channel_page(public_home, Channel.DISCLOSURE)
    response = submit(public_client, page, Channel.DISCLOSURE, applicant_type="business", name="上海某环保科技有限公司",
                      id_type="id_card", id_number=ID_NUMBER)
    doc = soup(response)
    assert "统一社会信用代码" in field_error(doc, "id_type")
    assert "请填写联系人" in field_error(doc, "contact_person")

    response = submit(public_client, page, Channel.DISCLOSURE, applicant_type="business", name="上海某环保科技有限公司",
                      id_type="credit_code", id_number=CREDIT_CODE.lower(), contact_person="李经理")
    assert response.status_code == 302
    case = Case.objects.get(name="上海某环保科技有限公司")
    assert case.id_number == CREDIT_CODE and case.contact_person == "李经理"


# Invalid input ------------------------------------------------------------------------------

def assert_kept(doc, data):
    for name in ("name", "phone", "title"):
        field = doc.find(attrs={"name": name})
        assert field.get("value") == data[name], name
    assert doc.find("textarea", attrs={"name": "content"}).get_text().strip() == data["content"].strip()


def test_invalid_input_keeps_everything_typed_with_errors_beside_the_fields(public_client, public_home):
    page = channel_page(public_home, Channel.COMPLAINT)
    data = form_data(Channel.COMPLAINT, phone="1234567", title="很" * 81, content="x" * 3001)
    response = public_client.post(url(page), {**data, **solve_captcha(public_client, url(page))})
    assert response.status_code == 200
    doc = soup(response)
    assert "联系电话" in field_error(doc, "phone")
    assert "最多 80 个字" in field_error(doc, "title")
    assert "最多 3000 个字" in field_error(doc, "content")
    assert field_error(doc, "name") == ""
    phone = doc.find("input", attrs={"name": "phone"})
    assert phone["aria-invalid"] == "true" and "id_phone_error" in phone["aria-describedby"].split()
    assert doc.find(id="id_phone_error")
    summary = doc.find(class_="form-errors")
    assert summary["role"] == "alert" and summary.find("a", href="#field-phone")
    assert doc.find("input", attrs={"name": "location"})["value"] == data["location"]
    assert doc.find("input", attrs={"name": "category", "value": "sanitation"}).has_attr("checked")
    assert doc.find("input", attrs={"name": "consent_publish"}).has_attr("checked")
    assert doc.find("input", attrs={"name": "email"})["value"] == EMAIL
    assert_kept(doc, {**data, "content": data["content"]})
    assert not Case.objects.filter(title=data["title"]).exists()


def test_too_short_content_is_refused(public_client, public_home):
    page = channel_page(public_home, Channel.CONSULTATION)
    doc = soup(submit(public_client, page, Channel.CONSULTATION, content="怎么办？"))
    assert "至少写 10 个字" in field_error(doc, "content")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "身份证号码不正确"),
        ({"applicant_type": "research", "id_type": "credit_code", "id_number": "91350100M000100Y44", "contact_person": "王老师"},
         "id_number", "统一社会信用代码不正确"),
        ({"id_document": SimpleUploadedFile("id.pdf", b"MZ\x90\x00 an executable")}, "id_document", "不是有效的 PDF"),
        ({"id_document": SimpleUploadedFile("id.png", b"%PDF-1.7\n")}, "id_document", "不是 JPEG、PNG 或 PDF 格式"),
        ({"id_document": None}, "id_document", "请上传身份证明材料"),
        ({"delivery": "post", "address": ""}, "address", "请填写联系地址"),
    ],
)
def test_disclosure_form_errors(public_client, public_home, overrides, field, message):
    page = channel_page(public_home, Channel.DISCLOSURE)
    data = form_data(Channel.DISCLOSURE, **overrides)
    response = public_client.post(url(page), {**data, **solve_captcha(public_client, url(page))})
    assert response.status_code == 200
    doc = soup(response)
    assert message in field_error(doc, field)
    assert doc.find("input", attrs={"name": "id_number"})["value"] == data["id_number"]
    assert doc.find("input", attrs={"name": "applicant_type", "value": data["applicant_type"]}).has_attr("checked")
    # Files are never kept: a visitor who chose one is told to choose it again.
    notice = "请重新选择上传" in doc.find(class_="form-errors").get_text()
    assert notice == ("id_document" in data)
    assert not Case.objects.filter(title=data["title"]).exists()


def big_png():
    content = png().read() + b"\0" * (5 * 1024 * 1024)  # a valid PNG padded past 5 MB
    return SimpleUploadedFile("big.png", content, content_type="image/png")


@pytest.mark.parametrize(
    ("make_photos", "message"),
    [
        (lambda: [big_png()], "超过了 5 MB 的上限"),
        (lambda: [SimpleUploadedFile("fake.jpg", b"GIF89a not really a photo", content_type="image/jpeg")], "不是 JPEG 或 PNG 格式的图片"),
        (lambda: [png(f"{i}.png") for i in range(4)], "最多上传 3 张照片"),
    ],
    ids=["too-big", "wrong-type", "too-many"],
)
def test_complaint_photo_checks(public_client, public_home, make_photos, message):
    page = channel_page(public_home, Channel.COMPLAINT)
    response = submit(public_client, page, Channel.COMPLAINT, photos=make_photos())
    assert response.status_code == 200
    doc = soup(response)
    assert message in field_error(doc, "photos")
    assert "请重新选择上传" in doc.find(class_="form-errors").get_text()
    assert_kept(doc, form_data(Channel.COMPLAINT))
    assert not Case.objects.filter(title=form_data(Channel.COMPLAINT)["title"]).exists()


# Anti-abuse ---------------------------------------------------------------------------------

def test_wrong_captcha_is_refused_and_keeps_the_data(public_client, public_home):
    page = channel_page(public_home, Channel.MAILBOX)
    answer = solve_captcha(public_client, url(page))
    data = form_data(Channel.MAILBOX)
    response = public_client.post(url(page), {**data, "captcha_0": answer["captcha_0"], "captcha_1": "WRONG"})
    assert response.status_code == 200
    doc = soup(response)
    assert "验证码不正确或已过期" in doc.find(attrs={"data-protection-captcha": True}).get_text()
    assert_kept(doc, data)
    assert not Case.objects.filter(title=data["title"]).exists()


def test_filled_honeypot_is_refused(public_client, public_home):
    page = channel_page(public_home, Channel.CONSULTATION)
    response = submit(public_client, page, Channel.CONSULTATION, website="http://spam.example/")
    assert response.status_code == 200
    doc = soup(response)
    assert "提交失败，请刷新页面后重试。" in doc.find(class_="form-errors").get_text()
    assert not Case.objects.filter(channel=Channel.CONSULTATION, title=form_data(Channel.CONSULTATION)["title"]).exists()


def test_rate_limit_refuses_further_submissions_and_keeps_the_data(public_client, public_home, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (2, 3600)
    page = channel_page(public_home, Channel.CONSULTATION)
    for i in range(2):
        assert submit(public_client, page, Channel.CONSULTATION, title=f"咨询第{i}次").status_code == 302
    response = submit(public_client, page, Channel.CONSULTATION, title="咨询第3次")
    assert response.status_code == 429
    doc = soup(response)
    assert "您提交得过于频繁，请稍后再试。" in doc.find(class_="form-errors").get_text()
    assert doc.find("input", attrs={"name": "title"})["value"] == "咨询第3次"
    assert not Case.objects.filter(title="咨询第3次").exists()
    # Another channel has its own limit.
    assert submit(public_client, channel_page(public_home, Channel.MAILBOX), Channel.MAILBOX).status_code == 302


# Lookup -------------------------------------------------------------------------------------

def test_lookup_with_the_right_code_shows_status_due_date_and_public_history(public_client, public_home, admin, office):
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    wf.accept(case, admin)
    wf.assign(case, admin, office)
    wf.request_extension(case, admin, 5, "需现场监测")  # internal: not shown

    response = lookup(public_client, page, case.reference.lower(), code.lower(), follow=False)
    assert response.status_code == 302
    assert response["Location"] == f"{sub_url(page, 'lookup')}?ref={case.reference}"
    assert code not in response["Location"]
    result = public_client.get(response["Location"])
    assert "no-store" in result["Cache-Control"]
    doc = soup(result)
    facts = doc.find(class_="case-facts").get_text()
    assert case.reference in facts and "办理中" in facts
    assert case.due_date.strftime("%Y-%m-%d") in facts
    history = [li.find("span").get_text() for li in doc.select(".case-history li")]
    assert history == ["提交", "已受理", "已转承办部门办理"]
    text = doc.get_text()
    assert "申请延期" not in text and "需现场监测" not in text and "admin" not in text
    assert PHONE not in result.content.decode() and "张三丰" not in result.content.decode()

    wf.approve_extension(case, admin)
    wf.draft_reply(case, admin, "已责令停工。")  # awaiting review: still 办理中 for the visitor
    doc = soup(public_client.get(response["Location"]))
    assert "办理中" in doc.find(class_="case-facts").get_text()
    assert [li.find("span").get_text() for li in doc.select(".case-history li")][-1] == "办理期限已延长"
    assert not doc.find(class_="case-reply")


def test_wrong_reference_and_wrong_code_get_the_same_message(public_client, public_home):
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    wrong_code = public_client.post(sub_url(page, "lookup"), {
        "action": "lookup", "reference": case.reference, "code": "AAAA2222", **solve_captcha(public_client, sub_url(page, "lookup")),
    })
    wrong_reference = public_client.post(sub_url(page, "lookup"), {
        "action": "lookup", "reference": "TS209901010001", "code": code, **solve_captcha(public_client, sub_url(page, "lookup")),
    })
    # A case of another channel is not found through this channel's lookup either.
    other, other_code = new_case(Channel.MAILBOX)
    wrong_channel = public_client.post(sub_url(page, "lookup"), {
        "action": "lookup", "reference": other.reference, "code": other_code, **solve_captcha(public_client, sub_url(page, "lookup")),
    })
    messages = []
    for response in (wrong_code, wrong_reference, wrong_channel):
        assert response.status_code == 200
        doc = soup(response)
        assert not doc.find(class_="case-result")
        messages.append(doc.find(class_="form-errors").find("li").get_text())
        # The reference typed stays; the code is never echoed back.
        assert not doc.find("input", attrs={"name": "code"}).get("value")
    assert messages == ["编号或查询码不正确，请核对后重新输入。"] * 3


def test_result_is_only_shown_to_the_browser_that_gave_the_code(public_client, public_home, client):
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    response = public_client.get(f"{sub_url(page, 'lookup')}?ref={case.reference}")
    assert response.status_code == 302 and response["Location"] == sub_url(page, "lookup")


def test_lookups_are_rate_limited_per_ip(public_client, public_home, monkeypatch):
    monkeypatch.setattr(pages, "LOOKUP_RATE_LIMIT", (3, 3600))
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    for _ in range(3):
        assert lookup(public_client, page, case.reference, "WRONG222").status_code == 200
    response = lookup(public_client, page, case.reference, code)
    assert response.status_code == 429
    doc = soup(response)
    assert "过于频繁" in doc.find(class_="form-errors").get_text() and not doc.find(class_="case-result")


def test_reply_shows_dates_department_and_can_be_rated_once(public_client, public_home, admin, office):
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    reply(case, admin, office, "经核查，已责令施工单位停止夜间施工。")
    response = lookup(public_client, page, case.reference, code)
    doc = soup(response)
    reply_box = doc.find(class_="case-reply").get_text()
    case.refresh_from_db()
    for label, value in (("受理日期", case.accepted_at), ("答复日期", case.replied_at)):
        assert label in reply_box and timezone.localtime(value).strftime("%Y-%m-%d") in reply_box
    assert "答复部门" in reply_box and office.name in reply_box
    assert "已责令施工单位停止夜间施工" in reply_box
    rating = doc.find(class_="case-rating")
    assert rating.find("fieldset").find("legend").get_text().startswith("您对答复是否满意")
    assert [label.get_text() for label in rating.select("label.choice")] == ["满意", "基本满意", "不满意"]

    lookup_url = sub_url(page, "lookup")
    response = public_client.post(lookup_url, {"action": "rate", "reference": case.reference, "rating": "basically", "comment": "处理及时"}, follow=True)
    doc = soup(response)
    assert "感谢您的评价" in doc.find(class_="case-messages").get_text()
    assert "您的评价：基本满意" in doc.find(class_="case-rating").get_text()
    assert not doc.find(class_="case-rating").find("form")
    case.refresh_from_db()
    assert (case.rating, case.rating_comment, case.status) == ("basically", "处理及时", Status.CLOSED)
    assert "已评价" in [li.find("span").get_text() for li in doc.select(".case-history li")]

    again = public_client.post(lookup_url, {"action": "rate", "reference": case.reference, "rating": "unsatisfied"}, follow=True)
    assert "您已经评价过了" in soup(again).find(class_="case-messages").get_text()
    case.refresh_from_db()
    assert case.rating == "basically"


def test_rating_needs_the_code_first(public_client, public_home, admin, office):
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    reply(case, admin, office)
    response = public_client.post(sub_url(page, "lookup"), {"action": "rate", "reference": case.reference, "rating": "unsatisfied"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.rating == ""


def test_completion_restarts_the_clock(public_client, public_home, admin):
    page = channel_page(public_home, Channel.DISCLOSURE)
    submitted = timezone.now() - timedelta(days=3)
    case, code = new_case(Channel.DISCLOSURE, when=submitted)
    wf.accept(case, admin)
    wf.request_completion(case, admin, "请写明所需文件的年份和文号。")
    due_before = Case.objects.get(pk=case.pk).due_date

    doc = soup(lookup(public_client, page, case.reference, code))
    assert "待补正" in doc.find(class_="case-facts").get_text()
    box = doc.find(class_="case-completion")
    assert "请写明所需文件的年份和文号。" in box.get_text()
    assert box.find("textarea", attrs={"name": "supplement"})

    response = public_client.post(
        sub_url(page, "lookup"), {"action": "complete", "reference": case.reference, "supplement": "所需文件为2026年第3号文。"},
        follow=True,
    )
    doc = soup(response)
    assert "办理期限自今日起重新计算" in doc.find(class_="case-messages").get_text()
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.supplement == "所需文件为2026年第3号文。"
    today = timezone.localdate()
    assert case.clock_start == today
    assert case.due_date == add_working_days(today, deadlines.time_limit(Channel.DISCLOSURE)) > due_before
    assert case.due_date.strftime("%Y-%m-%d") in doc.find(class_="case-facts").get_text()
    assert [li.find("span").get_text() for li in doc.select(".case-history li")][-2:] == ["请补正申请内容", "已补正"]


# Archive, privacy, escaping -------------------------------------------------------------------

@pytest.fixture
def archive_cases(admin, office):
    """One published complaint with redacted public texts, plus cases that must not appear."""
    published, _ = new_case(
        name="张三丰", title=f"工地噪声 电话{PHONE}", content=f"我住在{ADDRESS}，电话{PHONE}，身份证{ID_NUMBER}，工地每晚施工。",
    )
    publish(published, admin, office, public_title="工地夜间施工噪声", public_content="我住在浦东新区××路，工地每晚施工。",
            public_reply="已责令施工单位停止夜间施工。")
    unpublished, _ = new_case(title="已答复但未公开的投诉")
    reply(unpublished, admin, office)
    no_consent, _ = new_case(title="不同意公开的投诉", consent_publish=False)
    reply(no_consent, admin, office)
    open_case, _ = new_case(title="尚未答复的投诉")
    return published, [unpublished, no_consent, open_case]


def test_archive_lists_only_published_cases_masked(public_client, public_home, archive_cases, office):
    published, hidden = archive_cases
    page = channel_page(public_home, Channel.COMPLAINT)
    doc = soup(public_client.get(sub_url(page, "archive")))
    rows = doc.select(".case-table tbody tr")
    assert len(rows) == Case.objects.published().filter(channel=Channel.COMPLAINT).count()
    first = [td.get_text(strip=True) for td in rows[0].find_all("td")]
    published.refresh_from_db()
    assert first == [
        "工地夜间施工噪声", "张**", timezone.localtime(published.accepted_at).strftime("%Y-%m-%d"),
        timezone.localtime(published.replied_at).strftime("%Y-%m-%d"), office.name,
    ]
    text = doc.get_text()
    for case in hidden:
        assert case.title not in text

    detail = public_client.get(sub_url(page, "archive_detail", published.reference))
    doc = soup(detail)
    text = doc.get_text()
    assert "工地夜间施工噪声" in text and "张**" in text
    assert "我住在浦东新区××路，工地每晚施工。" in text and "已责令施工单位停止夜间施工。" in text
    assert "受理日期" in text and "答复日期" in text and office.name in text

    for case in hidden:
        assert public_client.get(sub_url(page, "archive_detail", case.reference)).status_code == 404
    # A published case is only found under its own channel.
    assert public_client.get(sub_url(channel_page(public_home, Channel.MAILBOX), "archive_detail", published.reference)).status_code == 404


def test_no_public_page_shows_personal_data_or_the_original_text(public_client, public_home, archive_cases, admin, office):
    published, _ = archive_cases
    letter, _ = new_case(Channel.DISCLOSURE, title="申请公开文件", content=f"申请人身份证{ID_NUMBER}，请公开某文件。")
    publish(letter, admin, office, public_content="申请公开某文件。")
    forbidden = ["张三丰", PHONE, "139****4321", EMAIL, ADDRESS, ID_NUMBER, published.content, letter.content]
    urls = []
    for channel in Channel:
        page = channel_page(public_home, channel)
        urls += [url(page)] + [sub_url(page, name) for name in ("lookup", "archive", "stats", "submitted")]
    urls += [
        sub_url(channel_page(public_home, Channel.COMPLAINT), "archive_detail", published.reference),
        sub_url(channel_page(public_home, Channel.DISCLOSURE), "archive_detail", letter.reference),
        url(page_at(public_home, "hdjl")),
        "/",
    ]
    for address in urls:
        response = public_client.get(address)
        assert response.status_code == 200, address
        body = html.unescape(response.content.decode())
        for value in forbidden:
            assert value not in body, (address, value)
    assert "工地夜间施工噪声" in public_client.get(url(channel_page(public_home, Channel.COMPLAINT))).content.decode()


def test_submitted_text_is_escaped_everywhere(public_client, public_home, admin, office):
    page = channel_page(public_home, Channel.COMPLAINT)
    evil = '<script>alert("x")</script>'
    response = submit(public_client, page, Channel.COMPLAINT, title=f"{evil}标题", content=f"{evil}这是一段足够长的投诉内容。")
    assert response.status_code == 302
    code = soup(public_client.get(response["Location"])).select(".receipt .code-text")[1].get_text()
    case = Case.objects.get(title=f"{evil}标题")
    reply(case, admin, office, text=f"{evil}答复")
    wf.publish(case, admin)

    for address in (
        sub_url(page, "archive"),
        sub_url(page, "archive_detail", case.reference),
        url(page),
    ):
        body = public_client.get(address).content.decode()
        assert evil not in body and "&lt;script&gt;" in body, address
    body = lookup(public_client, page, case.reference, code).content.decode()
    assert evil not in body and "&lt;script&gt;alert" in body


def test_archive_is_paginated_with_a_bounded_number_of_queries(public_client, public_home, admin, office, django_assert_max_num_queries):
    page = channel_page(public_home, Channel.CONSULTATION)
    archive_url = sub_url(page, "archive")

    def published_count():
        return Case.objects.published().filter(channel=Channel.CONSULTATION).count()

    case, _ = new_case(Channel.CONSULTATION, title="咨询一")
    publish(case, admin, office)
    public_client.get(archive_url)  # warm caches (site root, settings)
    with CaptureQueriesContext(connection) as one:
        public_client.get(archive_url)
    for i in range(24):
        case, _ = new_case(Channel.CONSULTATION, title=f"咨询{i}")
        publish(case, admin, office)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = public_client.get(archive_url)
    doc = soup(response)
    assert len(doc.select(".case-table tbody tr")) == min(20, published_count())
    assert f"共 {published_count()} 条" in doc.find(class_="pagination").get_text()
    second = soup(public_client.get(archive_url + "?page=2"))
    assert len(second.select(".case-table tbody tr")) == published_count() - 20


def test_stats_table_counts_received_and_replied_by_month(public_client, public_home, admin, office):
    page = channel_page(public_home, Channel.MAILBOX)
    before = soup(public_client.get(sub_url(page, "stats")))
    month = timezone.localdate().strftime("%Y-%m")

    def row(doc):
        for tr in doc.select(".case-stats tbody tr"):
            if tr.find("th").get_text() == month:
                return [td.get_text() for td in tr.find_all("td")]
        raise AssertionError("no row for this month")

    received, replied = int(row(before)[0]), int(row(before)[1])
    case, _ = new_case(Channel.MAILBOX)
    reply(case, admin, office)
    new_case(Channel.MAILBOX)
    doc = soup(public_client.get(sub_url(page, "stats")))
    headers = [th.get_text() for th in doc.select(".case-stats thead th")]
    assert headers == ["月份", "收到", "答复", "平均答复工作日", "按期答复率"]
    assert len(doc.select(".case-stats tbody tr")) == 12
    cells = row(doc)
    assert int(cells[0]) == received + 2 and int(cells[1]) == replied + 1
    assert cells[2] != "—" and cells[3].endswith("%")


def test_sitemap_lists_each_channel_page_and_its_archive(public_client, public_home):
    body = public_client.get("/sitemap.xml").content.decode()
    for channel in Channel:
        page = channel_page(public_home, channel)
        assert f"{url(page)}</loc>" in body and f"{sub_url(page, 'archive')}</loc>" in body
