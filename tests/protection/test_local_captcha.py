"""The embedded default: a captcha image generated on this server, plus the honeypot."""

import datetime
import html
import json

import pytest
from captcha.models import CaptchaStore
from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone

from interaction.protection.forms import ProtectedFormMixin

from .conftest import FORM_DATA, FORM_URL, captcha_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.protection.urls")]


def captcha_block(page):
    start = page.index("data-protection-captcha")
    return page[start : page.index("protection-hp", start)]


def assert_data_kept(page):
    page = html.unescape(page)
    assert f'value="{FORM_DATA["name"]}"' in page
    assert f'value="{FORM_DATA["phone"]}"' in page
    assert f"{FORM_DATA['content']}</textarea>" in page


def test_form_shows_captcha_image_label_refresh_link_and_hidden_honeypot(client):
    page = client.get(FORM_URL).content.decode()
    block = captcha_block(page)
    assert '<label for="id_captcha_1">验证码</label>' in block
    assert 'id="id_captcha_1"' in block and 'autocomplete="off"' in block
    assert 'alt="验证码图片"' in block and "/captcha/image/" in block
    assert "看不清？换一张" in block and 'href="/message/"' in block  # reloads the page without JS
    assert "请输入图片中的字母" in block and 'aria-describedby="id_captcha_error id_captcha_helptext"' in block
    honeypot = page[page.index("protection-hp") - 20 :]
    assert 'aria-hidden="true" hidden' in honeypot
    assert "请勿填写此项" in honeypot
    assert 'name="website"' in honeypot and 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    assert "recaptcha" not in page  # nothing is loaded from outside


def test_captcha_image_and_refresh_are_served_locally(client):
    key = captcha_key(client.get(FORM_URL).content.decode())
    image = client.get(f"/captcha/image/{key}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    refreshed = client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"})
    data = json.loads(refreshed.content)
    assert data["key"] != key and CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert client.get("/static/protection/captcha.js").status_code == 200


def test_right_answer_is_accepted(client, solved_captcha):
    response = client.post(FORM_URL, {**FORM_DATA, **solved_captcha()})
    assert response.status_code == 201


def test_answer_is_not_case_sensitive(client, solved_captcha):
    answer = solved_captcha()
    answer["captcha_1"] = answer["captcha_1"].upper()
    assert client.post(FORM_URL, {**FORM_DATA, **answer}).status_code == 201


def test_wrong_answer_shows_error_at_captcha_and_keeps_everything_typed(client, solved_captcha):
    answer = solved_captcha()
    response = client.post(FORM_URL, {**FORM_DATA, "captcha_0": answer["captcha_0"], "captcha_1": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "验证码不正确或已过期，请重新输入。" in captcha_block(page)
    assert_data_kept(page)
    # A fresh captcha is shown; the one just tried cannot be tried again.
    assert captcha_key(page) != answer["captcha_0"]
    assert not CaptchaStore.objects.filter(hashkey=answer["captcha_0"]).exists()


def test_a_captcha_can_be_used_only_once(client, solved_captcha):
    answer = solved_captcha()
    assert client.post(FORM_URL, {**FORM_DATA, **answer}).status_code == 201
    response = client.post(FORM_URL, {**FORM_DATA, **answer})
    assert "验证码不正确或已过期，请重新输入。" in response.content.decode()


def test_expired_captcha_is_refused(client, solved_captcha):
    answer = solved_captcha()
    CaptchaStore.objects.filter(hashkey=answer["captcha_0"]).update(
        expiration=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.post(FORM_URL, {**FORM_DATA, **answer})
    assert response.status_code == 200
    assert "验证码不正确或已过期，请重新输入。" in captcha_block(response.content.decode())


def test_missing_answer_asks_for_the_captcha(client, solved_captcha):
    answer = solved_captcha()
    response = client.post(FORM_URL, {**FORM_DATA, "captcha_0": answer["captcha_0"], "captcha_1": ""})
    page = response.content.decode()
    assert "请输入验证码。" in captcha_block(page)
    assert_data_kept(page)


def test_filled_honeypot_is_refused_without_saying_why(client, solved_captcha):
    response = client.post(FORM_URL, {**FORM_DATA, **solved_captcha(), "website": "http://spam.example"})
    assert response.status_code == 200
    page = response.content.decode()
    errors = page[page.index('class="form-errors"') :]
    assert "提交失败，请刷新页面后重试。" in errors[: errors.index("</div>")]


class GroupForm(ProtectedFormMixin, forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name"]


def test_mixin_works_with_a_model_form(rf, solved_captcha):
    assert list(GroupForm().fields) == ["name", "captcha", "website"]
    assert [field.name for field in GroupForm().unprotected_fields()] == ["name"]

    form = GroupForm({"name": "志愿者", **solved_captcha()}, request=rf.get("/"))
    assert form.is_valid(), form.errors
    assert form.save().name == "志愿者"

    form = GroupForm({"name": "机器人", "website": "x", **solved_captcha()})
    assert not form.is_valid()
    assert form.non_field_errors() == ["提交失败，请刷新页面后重试。"]


def test_honeypot_stays_hidden_however_the_form_is_rendered(rf):
    form = GroupForm(request=rf.get("/"))
    assert [field.name for field in form.visible_fields()] == ["name", "captcha"]
    rendered = str(form)  # {{ form }}
    box = rendered[rendered.index('<div class="protection-hp"') :]
    box = box[: box.index("</div>")]
    assert 'aria-hidden="true" hidden' in box and 'name="website"' in box
    assert "style=" not in rendered  # no inline style (Content-Security-Policy)
    assert rendered.count("请勿填写此项") == 1 and "请勿填写此项" in box
