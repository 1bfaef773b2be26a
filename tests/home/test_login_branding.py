"""One login, the bureau's own: the sign-in page and the admin carry the bureau's name and 局内网
branding, not Wagtail's; the demo and production serve the admin on the intranet host."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_login_page_names_the_bureau_not_wagtail():
    html = Client(HTTP_HOST="intranet.localhost").get("/admin/login/").content.decode()
    assert "<title>职工登录 - 浦东环境网 · 局内网</title>" in html
    assert "局内网 · 职工登录" in html and "上海市浦东新区环境保护和市容卫生管理局" in html
    assert "bureau-emblem" in html and 'aria-label="Wagtail"' not in html
    assert "Sign in" not in html and "登录 Wagtail" not in html
    assert 'name="viewport"' in html  # phones get a sized page


def test_admin_pages_carry_the_bureau_title_and_emblem(staff_member):
    client = Client(HTTP_HOST="intranet.localhost")
    client.force_login(staff_member)
    html = client.get("/admin/").content.decode()
    assert "- 浦东环境网 · 局内网</title>" in html and "- Wagtail</title>" not in html
    logo = html.split("<template data-wagtail-sidebar-branding-logo>", 1)[1].split("</template>", 1)[0]
    assert 'class="bureau-emblem"' in logo  # the sidebar's logo
    assert "home/emblem.svg" in html


def test_the_demo_serves_the_admin_only_on_the_intranet_host(monkeypatch):
    """make_run's settings (dev), as in production: the session of the intranet is the admin's."""
    import importlib

    import config.settings.dev as dev

    monkeypatch.delenv("ADMIN_HOSTS", raising=False)
    assert importlib.reload(dev).ADMIN_HOSTS == [dev.INTRANET_HOSTNAME]
    assert dev.WAGTAILADMIN_BASE_URL.startswith(f"http://{dev.INTRANET_HOSTNAME}")
    monkeypatch.setenv("ADMIN_HOSTS", "*")
    assert importlib.reload(dev).ADMIN_HOSTS == ["*"]
