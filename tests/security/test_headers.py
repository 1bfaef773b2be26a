"""Response headers on public, intranet and admin pages, and templates that need no inline code."""

import re
from pathlib import Path

import pytest

from .conftest import page_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_site_headers(response):
    csp = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'" and all(s == "'self'" or s.startswith("'nonce-") for s in csp["script-src"])
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_public_pages(public_client, public_home):
    for url in page_urls(public_home) + ["/search/?q=环境", "/no-such-page/"]:
        response = public_client.get(url)
        assert response.status_code in (200, 302, 404), url
        assert_site_headers(response)


def test_intranet_pages_anonymous_and_staff(intranet_client, intranet_home, staff_intranet_client):
    for client in (intranet_client, staff_intranet_client):
        for url in page_urls(intranet_home)[:8] + ["/search/?q=通知"]:
            response = client.get(url)
            assert_site_headers(response)
    assert staff_intranet_client.get("/").status_code == 200


def test_admin_has_no_csp_and_may_frame_itself(intranet_client, staff_intranet_client):
    for client, url in ((intranet_client, "/admin/login/"), (staff_intranet_client, "/admin/")):
        response = client.get(url)
        assert response.status_code == 200
        assert "Content-Security-Policy" not in response  # the Wagtail admin needs inline code
        assert response["X-Frame-Options"] == "SAMEORIGIN"  # its previews are frames of its own
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_error_pages_carry_the_headers_too(public_client):
    assert_site_headers(public_client.get("/search/?q=%00"))  # 400 from the request limits
    response = public_client.post("/search/", data=b"x", content_type="text/plain", CONTENT_LENGTH=str(10**10))
    assert response.status_code == 413
    assert_site_headers(response)


def test_recaptcha_mode_allows_exactly_the_recaptcha_hosts(public_client, public_home, settings):
    from interaction.cases.models.pages import ComplaintPage

    settings.CAPTCHA_BACKEND = "recaptcha"
    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "site-key", "secret-key"
    form_url = "/" + ComplaintPage.objects.get().url_path[len(public_home.url_path) :]
    response = public_client.get(form_url)
    assert "https://www.recaptcha.net/recaptcha/api.js" in response.content.decode()
    csp = directives(response)
    assert "https://www.recaptcha.net/recaptcha/" in csp["script-src"]
    assert "https://www.gstatic.com/recaptcha/" in csp["script-src"]
    assert csp["frame-src"] == ["'self'", "https://www.recaptcha.net/recaptcha/"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]

    settings.CAPTCHA_BACKEND = "local"
    assert "recaptcha" not in public_client.get(form_url)["Content-Security-Policy"]


def test_a_nonce_is_announced_only_when_a_template_uses_one(rf):
    from django.http import HttpResponse
    from django.template import engines

    from security.headers import ContentSecurityPolicyMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">var ok = 1;</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    middleware = ContentSecurityPolicyMiddleware(view)
    request = rf.get("/")
    response = middleware(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("<p>无脚本</p>"))(rf.get("/"))
    assert "nonce" not in plain["Content-Security-Policy"]


# What the policy forbids, nowhere in our templates -------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def offences(html):
    found = []
    for name, pattern in (
        ("inline <script>", INLINE_SCRIPT), ("<style>", STYLE_ELEMENT), ("style attribute", STYLE_ATTRIBUTE),
        ("on* handler", EVENT_HANDLER), ("javascript: URL", JAVASCRIPT_URL),
    ):
        found += [f"{name}: {match.group(0)[:80]}" for match in pattern.finditer(html)]
    return found


def project_templates():
    return [
        path for path in ROOT.rglob("*.html")
        if not {".venv", "var", "node_modules", "tests"} & set(path.relative_to(ROOT).parts)
    ]


def test_no_template_has_inline_script_style_or_handlers():
    templates = project_templates()
    assert len(templates) > 40
    found = {str(path.relative_to(ROOT)): offences(path.read_text(encoding="utf-8")) for path in templates}
    assert {path: items for path, items in found.items() if items} == {}


def test_rendered_pages_have_none_either(public_client, public_home, intranet_home, staff_intranet_client):
    bad = {}
    for client, urls in ((public_client, page_urls(public_home)), (staff_intranet_client, page_urls(intranet_home))):
        for url in urls + ["/search/?q=环境"]:
            response = client.get(url)
            if response.status_code == 200 and "html" in response["Content-Type"]:
                found = offences(response.content.decode())
                if found:
                    bad[url] = found
    assert bad == {}
