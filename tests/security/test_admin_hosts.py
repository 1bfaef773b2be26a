"""One staff login, and in production only on the intranet host (ADMIN_HOSTS)."""

import pytest
from django.test import Client, override_settings

from .conftest import PASSWORD, login_post

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["/admin/", "/admin/login/", "/admin/pages/", "/admin/security/audit/", "/_util/login/?next=/"]


@override_settings(ADMIN_HOSTS=["intranet.localhost"])
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_the_public_host_has_no_admin_and_no_login(public_client, url):
    response = public_client.get(url)
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()  # the site's own 404 page


@override_settings(ADMIN_HOSTS=["intranet.localhost"])
def test_a_login_cannot_be_posted_on_the_public_host(public_client, staff):
    assert login_post(public_client, "wangfang", PASSWORD).status_code == 404


@override_settings(ADMIN_HOSTS=["intranet.localhost"])
def test_the_intranet_host_keeps_the_admin(intranet_client, staff):
    assert intranet_client.get("/admin/login/").status_code == 200
    assert login_post(intranet_client, "wangfang", PASSWORD).status_code == 302
    assert intranet_client.get("/admin/").status_code == 200


@override_settings(ADMIN_HOSTS=["intranet.localhost"])
def test_admin_host_check_ignores_the_port_and_case():
    client = Client(HTTP_HOST="INTRANET.localhost:8000")
    assert client.get("/admin/login/").status_code == 200


@override_settings(ADMIN_HOSTS=["intranet.localhost"])
def test_public_pages_are_untouched(public_client):
    assert public_client.get("/").status_code == 200


def test_without_admin_hosts_every_host_has_the_admin(public_client, intranet_client):
    assert public_client.get("/admin/login/").status_code == 200
    assert intranet_client.get("/admin/login/").status_code == 200


def test_production_defaults_to_the_intranet_host(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("INTRANET_HOSTNAME", "oa.example.gov.cn")
    monkeypatch.setenv("RECAPTCHA_PUBLIC_KEY", "k")
    monkeypatch.setenv("RECAPTCHA_PRIVATE_KEY", "k")
    monkeypatch.setenv("NUM_PROXIES", "1")
    monkeypatch.setenv("ALLOWED_HOSTS", "www.example.gov.cn,oa.example.gov.cn")
    monkeypatch.delenv("ADMIN_HOSTS", raising=False)
    monkeypatch.delenv("OTP_REQUIRED", raising=False)
    import config.settings.base
    import config.settings.production

    try:
        importlib.reload(config.settings.base)
        production = importlib.reload(config.settings.production)
        assert production.ADMIN_HOSTS == ["oa.example.gov.cn"]
        assert production.OTP_REQUIRED is True
        assert production.WAGTAILADMIN_BASE_URL == "https://oa.example.gov.cn"
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings.base)


# /_util/login/ ------------------------------------------------------------------------------------


def test_wagtails_frontend_login_leads_to_the_staff_login_keeping_next(intranet_client):
    response = intranet_client.get("/_util/login/?next=/tzgg/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/tzgg/"
    assert intranet_client.post("/_util/login/?next=/", {"username": "x", "password": "y"}).status_code in (302, 405)


def test_a_login_restricted_page_leads_to_the_staff_login_and_back(intranet_client, staff):
    response = intranet_client.get("/bgzn/txl/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/admin/login/?next=")
    response = login_post(intranet_client, "wangfang", PASSWORD, next_url="/bgzn/txl/")
    assert response["Location"] == "/bgzn/txl/"
    assert intranet_client.get("/bgzn/txl/").status_code == 200
