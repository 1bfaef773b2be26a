"""The public campaign pages: phases, the form, uploads refused with the other answers kept."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile

from interaction.solicitations.models import SolicitationFile, SolicitationSubmission

from .conftest import CITIZEN_NAME, CITIZEN_PHONE, PNG_BYTES, docx_bytes

pytestmark = pytest.mark.django_db


def captcha(client, url):
    page = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def answers(page, **overrides):
    names = {f.label: f.clean_name for f in page.form_fields.all()}
    data = {names["姓名"]: CITIZEN_NAME, names["联系电话"]: CITIZEN_PHONE, names["意见建议"]: "建议增加分类垃圾桶的图示说明。"}
    data.update(overrides)
    return data


def url(page):
    return page.get_url()


def test_open_campaign_shows_draft_and_form_and_stores_an_opinion(public_client, make_campaign):
    page = make_campaign()
    response = public_client.get(url(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "征集中" in html and "第一条　测试条款。" in html and "发表意见" in html
    assert "no-store" in response["Cache-Control"]

    data = {**answers(page), **captcha(public_client, url(page)),
            "solicitation_files": [SimpleUploadedFile("意见.png", PNG_BYTES, content_type="image/png"),
                                   SimpleUploadedFile("书面意见.docx", docx_bytes())]}
    response = public_client.post(url(page), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "提交成功" in html, re.findall(r"<li>[^<]*</li>|<a href=\"#field[^<]*</a>", html)
    submission = SolicitationSubmission.objects.get(page=page)
    assert submission.form_data[page.form_fields.get(label="姓名").clean_name] == CITIZEN_NAME
    assert "captcha_1" not in submission.form_data and "solicitation_files" not in submission.form_data
    files = list(SolicitationFile.objects.filter(submission=submission).order_by("id"))
    assert [f.original_name for f in files] == ["意见.png", "书面意见.docx"]
    assert files[0].file.storage is not None and files[0].file.url.startswith("/private-files/")  # never under MEDIA_URL
    assert submission.reference in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("病毒.exe", b"MZ\x90\x00" * 10), "格式不在允许范围内"),
        (lambda: SimpleUploadedFile("伪装.pdf", b"not a pdf at all"), "不是有效的 PDF"),
        (lambda: SimpleUploadedFile("大文件.png", PNG_BYTES + b"\0" * (5 * 1024 * 1024)), "超过了 5 MB"),
        (lambda: SimpleUploadedFile("坏文档.docx", b"PK not really"), "不是有效的 Word"),
    ],
)
def test_refused_upload_keeps_the_other_answers(public_client, make_campaign, upload, message):
    page = make_campaign()
    opinion = "这是一条很长的意见，应在出错后仍然保留在表单里。"
    data = {**answers(page, **{page.form_fields.get(label="意见建议").clean_name: opinion}),
            **captcha(public_client, url(page)), "solicitation_files": [upload()]}
    response = public_client.post(url(page), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert opinion in html and CITIZEN_NAME in html  # kept
    assert "请重新选择上传" in html
    assert not SolicitationSubmission.objects.filter(page=page).exists()


def test_too_many_files_refused(public_client, make_campaign):
    page = make_campaign()
    files = [SimpleUploadedFile(f"{i}.png", PNG_BYTES) for i in range(4)]
    response = public_client.post(url(page), {**answers(page), **captcha(public_client, url(page)), "solicitation_files": files})
    assert "最多上传 3 个文件" in response.content.decode()
    assert not SolicitationSubmission.objects.filter(page=page).exists()


def test_missing_required_answer_is_refused_in_chinese(public_client, make_campaign):
    page = make_campaign()
    data = {**answers(page, **{page.form_fields.get(label="意见建议").clean_name: ""}), **captcha(public_client, url(page))}
    response = public_client.post(url(page), data)
    assert "提交未成功" in response.content.decode()
    assert not SolicitationSubmission.objects.exists() or not SolicitationSubmission.objects.filter(page=page).exists()


def test_wrong_captcha_keeps_answers_and_stores_nothing(public_client, make_campaign):
    page = make_campaign()
    data = {**answers(page), **captcha(public_client, url(page)), "captcha_1": "WRONG"}
    response = public_client.post(url(page), data)
    assert CITIZEN_NAME in response.content.decode()
    assert not SolicitationSubmission.objects.filter(page=page).exists()


def test_upcoming_campaign_has_no_form_and_refuses_posts(public_client, make_campaign):
    page = make_campaign(opens=3, closes=10)
    html = public_client.get(url(page)).content.decode()
    assert "未开始" in html and "发表意见" not in html and "将于" in html
    response = public_client.post(url(page), answers(page))
    assert response.status_code == 409
    assert not SolicitationSubmission.objects.filter(page=page).exists()


def test_closed_campaign_refuses_opinions_and_hides_unpublished_results(public_client, make_campaign):
    from datetime import timedelta

    from django.utils import timezone

    page = make_campaign(opens=-20, closes=-1, results_text="<p>共收到意见 88 条。</p>",
                         results_on=timezone.localdate() + timedelta(days=3))
    html = public_client.get(url(page)).content.decode()
    assert "已截止" in html and "发表意见" not in html
    assert "共收到意见 88 条" not in html  # written, but its publication day has not come
    response = public_client.post(url(page), answers(page))
    assert response.status_code == 409
    assert not SolicitationSubmission.objects.filter(page=page).exists()


def test_results_phase_shows_results_and_makes_them_searchable(public_client, make_campaign):
    page = make_campaign(opens=-20, closes=-1, results_text="<p>共收到意见 88 条，采纳 12 条。</p>")
    html = public_client.get(url(page)).content.decode()
    assert "结果公示" in html and "采纳 12 条" in html
    assert "采纳 12 条" in page.public_results()


def test_index_lists_campaigns_with_phases(public_client, make_campaign, solicitation_index):
    make_campaign("open-one", title="正在征集的活动")
    make_campaign("done-one", title="已经公示的活动", opens=-30, closes=-10, results_text="<p>结果</p>")
    html = public_client.get(solicitation_index.get_url()).content.decode()
    assert "正在征集的活动" in html and "已经公示的活动" in html
    assert "征集中" in html and "结果公示" in html


def test_user_text_is_escaped(public_client, make_campaign):
    page = make_campaign(title="<script>alert(1)</script>征集")
    html = public_client.get(url(page)).content.decode()
    assert "<script>alert(1)</script>" not in html
