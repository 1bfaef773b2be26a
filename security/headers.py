"""Response headers and request limits for every page of both sites.

MIDDLEWARE order (config/settings/base.py): SecurityHeadersMiddleware and
ContentSecurityPolicyMiddleware near the top so every response gets their headers, the early
answers below included; AdminFramingMiddleware just after Django's XFrameOptionsMiddleware (it
must see the response first); RequestLimitsMiddleware after CsrfViewMiddleware, whose
process_view must run before it looks at POST data. The request-phase checks of
RequestLimitsMiddleware run before any view or process_view reads the request body."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from interaction.protection.forms import recaptcha_enabled

from .middleware import is_admin_path

logger = logging.getLogger(__name__)

DEFAULT_PUBLIC_REQUEST_MAX_SIZE = 20 * 1024 * 1024
DEFAULT_ADMIN_REQUEST_MAX_SIZE = 64 * 1024 * 1024


def permissions_policy_header(policy):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class SecurityHeadersMiddleware:
    """Permissions-Policy (settings.PERMISSIONS_POLICY) on every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}) or {})

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


def recaptcha_sources():
    """What a page showing the reCAPTCHA checkbox must be allowed to load."""
    domain = getattr(settings, "RECAPTCHA_DOMAIN", "www.recaptcha.net")
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/", "https://www.gstatic.cn/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/"],
    }


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (policy in settings.CONTENT_SECURITY_POLICY; the admin is
    excluded by prefix there), plus the reCAPTCHA hosts while public forms use reCAPTCHA."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if recaptcha_enabled():
            update = {key: list(values) for key, values in (parts.update or {}).items()}
            for directive, sources in recaptcha_sources().items():
                update.setdefault(directive, []).extend(sources)
            parts.update = update
        return parts


class AdminFramingMiddleware:
    """The Wagtail admin shows previews of pages in frames of its own: SAMEORIGIN there, while
    X_FRAME_OPTIONS = "DENY" holds everywhere else. Listed after XFrameOptionsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_admin_path(request.path_info)
            and "X-Frame-Options" not in response
            and not getattr(response, "xframe_options_exempt", False)
        ):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


def request_max_size(path):
    if is_admin_path(path):
        return getattr(settings, "ADMIN_REQUEST_MAX_SIZE", DEFAULT_ADMIN_REQUEST_MAX_SIZE)
    return getattr(settings, "PUBLIC_REQUEST_MAX_SIZE", DEFAULT_PUBLIC_REQUEST_MAX_SIZE)


def declared_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads no body at all then


def has_null_character(querydict):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in querydict.lists())


def payload_too_large(request, limit):
    response = render(request, "413.html", {"limit_mb": max(limit // (1024 * 1024), 1)}, status=413)
    add_never_cache_headers(response)
    return response


def bad_request(request):
    response = render(request, "400.html", status=400)
    add_never_cache_headers(response)
    return response


class RequestLimitsMiddleware:
    """Refuse what no page can use, before a view sees it:

    - a body whose Content-Length is over the limit (PUBLIC_REQUEST_MAX_SIZE, or
      ADMIN_REQUEST_MAX_SIZE under /admin/): 413, and not one byte of it is read (Django never
      reads past Content-Length, and reads nothing of a body sent without one);
    - a NUL character in the query string or a form field (PostgreSQL cannot store or compare
      it, and no person types it): 400; in the path: 404, as no page or file has such a name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = request_max_size(request.path_info)
        length = declared_length(request)
        if length > limit:
            logger.warning("Refused a %s-byte request body to %s (limit %s)", length, request.path_info[:200], limit)
            return payload_too_large(request, limit)
        if "\x00" in request.path_info:
            raise Http404("NUL in the path")
        if has_null_character(request.GET):
            return bad_request(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and has_null_character(request.POST):
            return bad_request(request)
        return None
