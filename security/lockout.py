"""Lockout after repeated login failures, per account and per client address (django-axes).

django-axes records each failed login in AccessAttempt (database handler: shared by every
worker process and host, on SQLite and PostgreSQL alike) and refuses logins once a limit is
reached, for AXES_COOLOFF_TIME after the last failure. The two limits differ on purpose:

- an account (AXES_FAILURE_LIMIT failures, default 5) — someone guessing one person's password;
- a client address (LOGIN_LOCKOUT_IP_FAILURES, default 20) — someone trying many accounts; it is
  higher because a whole office reaches the intranet through one NAT address.

The client address is the one the public forms' rate limit uses (AXES_CLIENT_IP_CALLABLE, aware
of NUM_PROXIES). The login form (home.forms.StaffLoginForm) asks ``login_state`` before checking
a password, shows ``lockout_message`` and, after LOGIN_CAPTCHA_AFTER_FAILURES failures, a captcha.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from .audit import client_ip

USERNAME = "username"
IP_ADDRESS = "ip_address"


def account_limit():
    return int(settings.AXES_FAILURE_LIMIT)


def address_limit():
    return int(getattr(settings, "LOGIN_LOCKOUT_IP_FAILURES", 20))


def captcha_threshold():
    return int(getattr(settings, "LOGIN_CAPTCHA_AFTER_FAILURES", 2))


def cooloff():
    return get_cool_off() or timedelta(0)


def helpdesk():
    return getattr(settings, "SECURITY_HELPDESK", "信息中心")


@dataclass(frozen=True)
class Failures:
    """Recent failures (within the cool-off window) of one account or one client address."""

    kind: str  # USERNAME or IP_ADDRESS
    value: str
    count: int
    last_attempt: datetime | None

    @property
    def kind_label(self):
        return "账号" if self.kind == USERNAME else "网络地址"

    @property
    def limit(self):
        return account_limit() if self.kind == USERNAME else address_limit()

    @property
    def locked(self):
        return self.count >= self.limit

    @property
    def until(self):
        """When the lock (if any) ends: the cool-off after the last failure."""
        if self.last_attempt is None:
            return None
        return self.last_attempt + cooloff()


def _recent(now=None):
    now = now or timezone.now()
    return AccessAttempt.objects.filter(attempt_time__gte=now - cooloff())


def failures_for(kind, value, now=None):
    if not value:
        return Failures(kind, value or "", 0, None)
    totals = _recent(now).filter(**{kind: value}).aggregate(count=Sum("failures_since_start"), last=Max("attempt_time"))
    return Failures(kind, value, totals["count"] or 0, totals["last"])


@dataclass(frozen=True)
class LoginState:
    account: Failures
    address: Failures

    @property
    def locked(self):
        return self.account.locked or self.address.locked

    @property
    def until(self):
        ends = [f.until for f in (self.account, self.address) if f.locked and f.until is not None]
        return max(ends) if ends else None

    @property
    def captcha_required(self):
        threshold = captcha_threshold()
        return self.account.count >= threshold or self.address.count >= threshold

    @property
    def effective_failures(self):
        """What django-axes compares with AXES_FAILURE_LIMIT: the account's failures, raised to
        the limit when the address is locked."""
        if self.address.locked:
            return max(self.account.count, account_limit())
        return self.account.count


def login_state(request, username, now=None):
    now = now or getattr(request, "axes_attempt_time", None) or timezone.now()
    return LoginState(
        account=failures_for(USERNAME, username, now),
        address=failures_for(IP_ADDRESS, client_ip(request), now),
    )


def lockout_message(state, now=None):
    """The Chinese message of a locked login: why, until when, whom to contact."""
    now = now or timezone.now()
    contact = f"如需立即解锁，请联系{helpdesk()}。"
    if state.until is None:  # no cool-off configured: locked until someone unlocks it
        wait, contact = "", f"请联系{helpdesk()}解锁。"
    else:
        minutes = max(1, math.ceil((state.until - now).total_seconds() / 60))
        wait = f"请在 {timezone.localtime(state.until):%H:%M} 之后（约 {minutes} 分钟后）再试。"
    if state.account.locked:
        reason = f"该账号连续登录失败 {state.account.count} 次，已被暂时锁定。"
    else:
        reason = "您所在的网络地址登录失败次数过多，已暂停从该地址登录。"
    return f"{reason}{wait}{contact}"


class StaffLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit per client address, and a reset on
    success that forgives only the account that logged in (not its colleagues behind the same
    address)."""

    def get_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        return login_state(request, username).effective_failures

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page itself (re-rendered by the login form with the
    lockout message) answered with 429; any other locked request gets a short page."""
    if original_response is not None and getattr(original_response, "status_code", None) == 200:
        original_response.status_code = 429
        return original_response
    username = get_client_username(request, credentials) or ""
    state = login_state(request, username)
    return render(
        request,
        "security/locked_out.html",
        {"message": lockout_message(state), "login_url": settings.LOGIN_URL},
        status=429,
    )


# The administrator's view -----------------------------------------------------------------------


def recent_failures(now=None):
    """Every account and client address with failures inside the cool-off window, locked ones
    first, then the most recent."""
    now = now or timezone.now()
    rows = []
    for kind in (USERNAME, IP_ADDRESS):
        recent = _recent(now).exclude(**{f"{kind}__isnull": True})
        if kind == USERNAME:
            recent = recent.exclude(username="")
        grouped = (
            recent.values(kind)
            .annotate(count=Sum("failures_since_start"), last=Max("attempt_time"))
        )
        rows += [Failures(kind, str(row[kind]), row["count"], row["last"]) for row in grouped]
    rows.sort(key=lambda f: (not f.locked, -(f.last_attempt.timestamp() if f.last_attempt else 0)))
    return rows


def unlock(kind, value):
    """Forget the failures of one account or one client address; returns how many records
    were removed (0 when there was nothing to unlock)."""
    if kind == USERNAME:
        return AxesProxyHandler.reset_attempts(username=value)
    if kind == IP_ADDRESS:
        return AxesProxyHandler.reset_attempts(ip_address=value)
    raise ValueError(f"unknown lockout kind {kind!r}")
