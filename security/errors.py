"""The site's own page for a failed CSRF check (settings.CSRF_FAILURE_VIEW).

A visitor whose form fails the check (cookies blocked, the page open too long, a login or
logout in another tab) should not lose what she typed. When the failed POST came from one of
this site's own pages (Origin, or else Referer, is this site) and not to the admin, the page
offers her text back: a fresh form with a new token holds the submitted text fields as hidden
inputs and posts them to the same address, where the form's own view checks them again (a
captcha, for one, must be answered anew). Nothing is submitted until she presses the button;
every value is escaped; passwords, codes, tokens and captcha answers are never carried."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_NO_CSRF_COOKIE, REASON_NO_REFERER, get_token
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from .middleware import is_admin_path

MAX_FIELDS = 60
MAX_VALUE_LENGTH = 20_000
MAX_TOTAL_LENGTH = 200_000
FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,63}$")
# What reading an unusual body may raise (RequestDataTooBig and TooManyFieldsSent are
# SuspiciousOperations; UnreadablePostError is an OSError).
UNREADABLE = (SuspiciousOperation, MultiPartParserError, OSError, ValueError)
NEVER_CARRIED = re.compile(r"pass|pwd|secret|token|otp|csrf|captcha|recaptcha|^code$|^website$", re.IGNORECASE)


def _is_this_site(request, url):
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return False
    return f"{parts.scheme}://{parts.netloc}".lower() == f"{request.scheme}://{request.get_host()}".lower()


def same_origin(request):
    """Whether the failed request was sent by a page of this site (Origin, else Referer)."""
    return _is_this_site(request, request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER"))


def _had_files(request):
    try:
        return bool(request.FILES)
    except UNREADABLE:
        return False


def fields_to_offer(request):
    """[(name, value)] of the failed POST that may be offered back, or [] when none may.

    Only same-origin POSTs outside the admin; only text fields with plain names; nothing when
    the submission is unusually large (then it was not typed by a person)."""
    if request.method != "POST" or is_admin_path(request.path_info) or not same_origin(request):
        return []
    try:
        items = list(request.POST.lists())
    except UNREADABLE:  # too big, too many fields, broken: no offer
        return []
    kept, total = [], 0
    for name, values in items:
        if not FIELD_NAME.match(name) or NEVER_CARRIED.search(name):
            continue
        for value in values:
            if "\x00" in value or len(value) > MAX_VALUE_LENGTH:
                return []
            total += len(value)
            kept.append((name, value))
    if len(kept) > MAX_FIELDS or total > MAX_TOTAL_LENGTH or not any(value.strip() for _, value in kept):
        return []
    return kept


CODE_VALUE = re.compile(r"^[a-z_]+$")  # a choice's code or a checkbox's "on", not typed text


def csrf_failure(request, reason=""):
    fields = fields_to_offer(request)
    referer = request.META.get("HTTP_REFERER", "")
    context = {
        "cross_site": reason in (REASON_BAD_ORIGIN, REASON_NO_REFERER) or (
            bool(request.META.get("HTTP_ORIGIN")) and not same_origin(request)
        ),
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "fields": fields,
        "typed_text": [value for _, value in fields if value.strip() and not CODE_VALUE.match(value)],
        "had_files": _had_files(request),
        "action": request.get_full_path(),
        "back_url": referer if _is_this_site(request, referer) else "/",
        "host": request.get_host(),
    }
    get_token(request)  # a new token, and a new CSRF cookie with the response
    response = render(request, "security/csrf_failure.html", context, status=403)
    add_never_cache_headers(response)
    return response
