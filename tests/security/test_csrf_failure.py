"""A failed CSRF check shows the site's own page: in Chinese, explaining cookies, and offering
the visitor's text back in a fresh form (same-origin submissions only, never to the admin,
nothing reflected unescaped, nothing submitted without a click)."""

import re
from html import unescape

import pytest
from django.test import Client

from .conftest import INTRANET_HOST, PUBLIC_HOST

pytestmark = pytest.mark.django_db

ORIGIN = f"http://{PUBLIC_HOST}"
TEXT = {
    "name": "张三",
    "phone": "13800138000",
    "title": "夜间施工噪声",
    "content": "小区旁工地每晚十一点后仍在施工。\n请尽快处理。",
    "category": "noise",
}


@pytest.fixture
def complaint_url(public_home):
    from interaction.cases.models.pages import ComplaintPage

    return "/" + ComplaintPage.objects.get().url_path[len(public_home.url_path) :]


@pytest.fixture
def browser():
    """A visitor whose browser enforces CSRF like a real one (the test client does not by default)."""
    return Client(HTTP_HOST=PUBLIC_HOST, enforce_csrf_checks=True)


def hidden_fields(html):
    form = html[html.rindex("<form", 0, html.index('class="csrf-failure__resubmit"')) :]
    form = form[: form.index("</form>")]
    return form, {unescape(n): unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)}


def test_no_cookie_explains_cookies_and_offers_the_text_back(browser, complaint_url):
    response = browser.post(complaint_url, {**TEXT, "captcha_0": "k", "captcha_1": "ans", "website": ""}, headers={"origin": ORIGIN})
    assert response.status_code == 403
    html = response.content.decode()
    assert "提交未成功" in html and "Cookie" in html and "内容尚未提交" in html
    assert f"允许本站（{PUBLIC_HOST}）使用 Cookie" in html
    assert "重新载入表单（保留已填写的内容）" in html
    form, fields = hidden_fields(html)
    assert f'action="{complaint_url}"' in form and 'method="post"' in form
    token = fields.pop("csrfmiddlewaretoken")
    assert fields == TEXT  # the text, not the captcha answer nor the honeypot
    assert browser.cookies["csrftoken"].value  # a fresh cookie came with the page
    assert "<script" not in html.split('<main', 1)[1]  # nothing submits by itself

    # Pressing the button posts the text back to the form, which shows it again to finish.
    again = browser.post(complaint_url, {**fields, "csrfmiddlewaretoken": token}, headers={"origin": ORIGIN})
    assert again.status_code == 200
    page = unescape(again.content.decode())
    assert 'value="夜间施工噪声"' in page and "小区旁工地每晚十一点后仍在施工。" in page
    assert "请输入验证码" in page  # the captcha must be answered anew


def test_a_stale_token_is_explained_without_blaming_cookies(browser, complaint_url):
    browser.get(complaint_url)  # sets the cookie
    response = browser.post(complaint_url, {**TEXT, "csrfmiddlewaretoken": "x" * 64}, headers={"origin": ORIGIN})
    assert response.status_code == 403
    html = response.content.decode()
    assert "表单页面打开的时间过长" in html
    assert "重新载入表单" in html


def test_the_kept_text_is_escaped(browser, complaint_url):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    response = browser.post(complaint_url, {"content": evil, "title": "标题"}, headers={"origin": ORIGIN})
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    _, fields = hidden_fields(html)
    assert fields["content"] == evil  # intact once the browser unescapes it


def test_passwords_codes_and_odd_names_are_never_carried(browser, complaint_url):
    response = browser.post(
        complaint_url,
        {"content": "留言", "password": "Secret#2026", "code": "AB12CD34", "new_password1": "x", "otp_token": "123456",
         "weird name\"><b>": "v", "csrfmiddlewaretoken": "y" * 64},
        headers={"origin": ORIGIN},
    )
    html = response.content.decode()
    _, fields = hidden_fields(html)
    fields.pop("csrfmiddlewaretoken")
    assert fields == {"content": "留言"}
    for secret in ("Secret#2026", "AB12CD34", "123456", "weird name"):
        assert secret not in html


def test_a_post_from_another_site_is_refused_without_an_offer(browser, complaint_url):
    response = browser.post(complaint_url, TEXT, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "这次提交不是从本站的页面发出的" in html
    assert "csrf-failure__resubmit" not in html and "夜间施工噪声" not in html


def test_a_post_without_origin_or_referer_gets_no_offer(browser, complaint_url):
    response = browser.post(complaint_url, TEXT)
    assert response.status_code == 403
    assert "csrf-failure__resubmit" not in response.content.decode()


def test_the_referer_counts_when_there_is_no_origin(browser, complaint_url):
    response = browser.post(complaint_url, TEXT, headers={"referer": f"{ORIGIN}{complaint_url}"})
    assert "csrf-failure__resubmit" in response.content.decode()
    assert f'href="{ORIGIN}{complaint_url}">返回上一页' in response.content.decode()


def test_the_admin_login_is_never_offered_back():
    client = Client(HTTP_HOST=INTRANET_HOST, enforce_csrf_checks=True)
    response = client.post(
        "/admin/login/", {"username": "someone", "password": "Secret#2026"}, headers={"origin": f"http://{INTRANET_HOST}"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "提交未成功" in html and "Secret#2026" not in html and "someone" not in html
    assert "csrf-failure__resubmit" not in html
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_page_is_never_cached(browser, complaint_url):
    response = browser.post(complaint_url, TEXT, headers={"origin": ORIGIN})
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
