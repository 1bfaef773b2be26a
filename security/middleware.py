"""Request-level rules for staff sessions. Order in MIDDLEWARE (after MessageMiddleware):

    security.middleware.AdminHostsMiddleware     /admin/ only on ADMIN_HOSTS
    django_otp.middleware.OTPMiddleware          request.user.is_verified()
    security.middleware.StaffSessionMiddleware   timeouts, second factor, password expiry
    axes.middleware.AxesMiddleware               answers a locked-out login with 429
"""

from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.http.request import split_domain_port, validate_host
from django.shortcuts import redirect
from django.urls import get_urlconf, reverse

from . import otp, sessions
from .audit import bind_request, unbind_request

PASSWORD_CHANGE_KEY = "security_password_change_required"


# Where config/urls.py mounts the Wagtail admin. A constant, not reverse(): the answer must not
# depend on which urlconf served the first request of the process.
ADMIN_PATH_PREFIX = "/admin/"


def is_admin_path(path):
    return path.startswith(ADMIN_PATH_PREFIX) or path.startswith("/_util/login/")


def admin_host_allowed(request):
    hosts = [h.lower() for h in getattr(settings, "ADMIN_HOSTS", None) or []]
    if not hosts:
        return True
    domain, _port = split_domain_port(request.get_host())
    return bool(domain) and validate_host(domain, hosts)


class AdminHostsMiddleware:
    """With ADMIN_HOSTS set, the admin (and its login) exists only on those hosts: anywhere
    else /admin/... is the site's ordinary 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path_info) and not admin_host_allowed(request):
            raise Http404("admin not served on this host")
        return self.get_response(request)


ALWAYS_ALLOWED_URL_NAMES = (
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "security_otp_verify",
    "security_otp_setup",
)


@lru_cache(maxsize=16)
def _prefixes_for(urlconf, static_url):
    return tuple(reverse(name, urlconf=urlconf) for name in ALWAYS_ALLOWED_URL_NAMES) + (static_url, "/captcha/")


def _always_allowed_prefixes():
    """Paths a half-logged-in user may still reach: logging out, the code and set-up pages,
    and what those pages load. Reversed once per URLconf (the request's own, set by a
    middleware, or ROOT_URLCONF) and static URL, so a process serving several never answers
    one with another's paths."""
    return _prefixes_for(get_urlconf() or settings.ROOT_URLCONF, settings.STATIC_URL)


def always_allowed(path):
    return path.startswith(_always_allowed_prefixes())


class StaffSessionMiddleware:
    """For a logged-in user, on every request: end an idle or too old session; until the
    second factor is done, send every page to the code (or set-up) page; when the password has
    expired, send every page to the password form. Also makes the request known to the audit
    log for the duration of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = bind_request(request)
        try:
            return self.check(request) or self.get_response(request)
        finally:
            unbind_request(token)

    def check(self, request):
        if not request.user.is_authenticated:
            return None
        session = request.session
        reason = sessions.expiry_reason(session)
        if reason:
            sessions.end(request, reason)
            return None
        sessions.touch(session, request.path_info)
        path = request.path_info
        if always_allowed(path):
            return None

        step = session.get(otp.PENDING_KEY)
        if step is None:  # a session from before the second factor existed
            step = session[otp.PENDING_KEY] = otp.pending_step(request.user)
        if step and otp.is_verified(request):
            session.pop(otp.PENDING_KEY, None)
            step = ""
        if step == otp.VERIFY:
            return redirect_to_login(request.get_full_path(), login_url=reverse("security_otp_verify"))
        if step == otp.ENROL:
            return redirect_to_login(request.get_full_path(), login_url=reverse("security_otp_setup"))

        if session.get(PASSWORD_CHANGE_KEY) and not path.startswith(reverse("wagtailadmin_account")):
            messages.warning(request, password_expired_message())
            return redirect("wagtailadmin_account")
        return None


def password_expired_message():
    days = getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0)
    return f"您的密码已使用超过 {days} 天，请先在“密码”一栏修改密码后再继续使用。"
