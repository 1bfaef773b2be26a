"""reCAPTCHA mode (both keys set): verification by the service, and its failures."""

import html
import logging
import socket
from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
from django_recaptcha.client import RecaptchaResponse

from .conftest import FORM_DATA, FORM_URL

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.protection.urls")]

UNAVAILABLE = "人机验证服务暂时无法连接，请稍后再试。您填写的内容已保留。"
TOKEN = {"g-recaptcha-response": "token-from-the-browser"}


@pytest.fixture(autouse=True)
def recaptcha_keys(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"


@pytest.fixture
def submit():
    with mock.patch("django_recaptcha.client.submit") as submit:
        yield submit


def post(client):
    return client.post(FORM_URL, {**FORM_DATA, **TOKEN}, REMOTE_ADDR="203.0.113.9")


def captcha_error(page):
    start = page.index("data-protection-captcha")
    block = page[start : page.index("protection-hp", start)]
    return block


def assert_refused_with(response, message):
    assert response.status_code == 200
    page = response.content.decode()
    assert message in captcha_error(page)
    text = html.unescape(page)
    assert f'value="{FORM_DATA["name"]}"' in text and f'value="{FORM_DATA["phone"]}"' in text
    assert f"{FORM_DATA['content']}</textarea>" in text


def test_form_shows_the_checkbox_from_recaptcha_net_in_chinese(client):
    page = client.get(FORM_URL).content.decode()
    assert "https://www.recaptcha.net/recaptcha/api.js?hl=zh-CN" in page
    assert 'data-sitekey="site-key"' in page and 'class="g-recaptcha"' in page
    assert "人机验证" in page
    assert "secret-key" not in page
    assert 'name="captcha_0"' not in page


def test_valid_response_is_accepted(client, submit):
    submit.return_value = RecaptchaResponse(is_valid=True)
    assert post(client).status_code == 201
    submit.assert_called_once_with(
        recaptcha_response="token-from-the-browser", private_key="secret-key", remoteip="203.0.113.9"
    )


def test_invalid_response_is_refused(client, submit):
    submit.return_value = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])
    assert_refused_with(post(client), "人机验证未通过，请重新验证后再提交。")


def test_missing_checkbox_is_refused_without_asking_the_service(client, submit):
    response = client.post(FORM_URL, FORM_DATA)
    assert_refused_with(response, "请先完成人机验证")
    submit.assert_not_called()


@pytest.mark.parametrize(
    "error",
    [
        URLError(ConnectionRefusedError(111, "Connection refused")),
        URLError(socket.gaierror(-2, "Name or service not known")),
        socket.timeout("timed out"),
        TimeoutError("timed out"),
        ConnectionResetError(104, "Connection reset by peer"),
        HTTPError("https://www.recaptcha.net/recaptcha/api/siteverify", 503, "Service Unavailable", {}, None),
        ValueError("Expecting value: line 1 column 1 (char 0)"),  # a proxy answered with HTML
    ],
    ids=["refused", "dns", "socket-timeout", "timeout", "reset", "http-503", "not-json"],
)
def test_unreachable_service_is_a_clear_form_error_not_a_500(client, submit, error, caplog):
    submit.side_effect = error
    with caplog.at_level(logging.WARNING, logger="interaction.protection.forms"):
        response = post(client)
    assert_refused_with(response, UNAVAILABLE)
    assert any(record.levelno == logging.WARNING for record in caplog.records)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_really_unreachable_service(client, settings):
    """No mock: the library's own client against a closed port."""
    settings.RECAPTCHA_DOMAIN = f"127.0.0.1:{free_port()}"
    assert_refused_with(post(client), UNAVAILABLE)


def test_service_that_never_answers_times_out(client, settings):
    """No mock: a server that accepts the connection but never answers the TLS handshake."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings.RECAPTCHA_DOMAIN = "127.0.0.1:%d" % silent.getsockname()[1]
        settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 1
        assert_refused_with(post(client), UNAVAILABLE)


def test_local_captcha_is_used_when_a_key_is_missing(client, settings):
    settings.RECAPTCHA_PRIVATE_KEY = ""
    page = client.get(FORM_URL).content.decode()
    assert 'name="captcha_0"' in page and "recaptcha" not in page


def test_local_captcha_urls_are_off_in_recaptcha_mode(client):
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    before = CaptchaStore.objects.count()
    ajax = {"x-requested-with": "XMLHttpRequest"}
    assert client.get("/captcha/refresh/", headers=ajax).status_code == 404
    assert client.get(f"/captcha/image/{key}/").status_code == 404
    assert client.get(f"/captcha/audio/{key}.wav").status_code == 404
    assert CaptchaStore.objects.count() == before  # nobody can mint challenges no form accepts


@pytest.mark.urls("config.urls")
def test_refresh_is_off_on_the_real_site_too(public_client, settings):
    assert public_client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}).status_code == 404
    settings.CAPTCHA_BACKEND = "local"
    assert public_client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}).status_code == 200


def test_the_checkbox_needs_no_inline_script(client):
    page = client.get(FORM_URL).content.decode()
    assert "onSubmit_" not in page and "data-callback" not in page
    assert "<script>" not in page  # every script has a src (Content-Security-Policy)
