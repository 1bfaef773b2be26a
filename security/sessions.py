"""Idle timeout and maximum age of a staff session.

A login stamps the session with its start and last-activity times (epoch seconds, so any
session engine stores them: database, cached_db on Redis, signed cookies). Each request checks:

- more than SESSION_IDLE_TIMEOUT minutes (default 30) since the last request: logged out;
- more than SESSION_MAX_AGE hours (default 12) since the login: logged out.

The request then continues as anonymous, so the admin and the intranet send the visitor to the
login page (with ?next= back to where she was) and the login page shows why. Activity is
written at most once a minute, and background requests that are not the user's own doing (the
editor's "who else is editing" ping every few seconds) do not count as activity.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from .audit import record
from .models import AuditEvent

STARTED_KEY = "security_session_started"
ACTIVE_KEY = "security_session_active"
TOUCH_EVERY = 60  # seconds: granularity of the last-activity stamp

IDLE = "idle"
MAX_AGE = "max_age"


def idle_timeout():
    return int(getattr(settings, "SESSION_IDLE_TIMEOUT", 30)) * 60


def max_age():
    return int(getattr(settings, "SESSION_MAX_AGE", 12)) * 3600


def now():
    return int(time.time())


def start(session, at=None):
    at = now() if at is None else at
    session[STARTED_KEY] = at
    session[ACTIVE_KEY] = at


def expiry_reason(session, at=None):
    """IDLE, MAX_AGE or None for a logged-in session. A session from before this feature has
    no stamps yet: it is stamped now and carries on."""
    at = now() if at is None else at
    started = session.get(STARTED_KEY)
    if not isinstance(started, int):
        start(session, at)
        return None
    if max_age() > 0 and at - started > max_age():
        return MAX_AGE
    active = session.get(ACTIVE_KEY, started)
    if idle_timeout() > 0 and at - int(active) > idle_timeout():
        return IDLE
    return None


def counts_as_activity(path):
    return not any(path.startswith(prefix) for prefix in getattr(settings, "SESSION_IDLE_IGNORE_PATHS", ()))


def touch(session, path, at=None):
    at = now() if at is None else at
    if counts_as_activity(path) and at - int(session.get(ACTIVE_KEY, 0)) >= TOUCH_EVERY:
        session[ACTIVE_KEY] = at


def expiry_message(reason):
    if reason == IDLE:
        return f"您已超过 {idle_timeout() // 60} 分钟没有操作，为保护账号安全已自动退出，请重新登录。"
    return f"您本次登录已超过 {max_age() // 3600} 小时，为保护账号安全已自动退出，请重新登录。"


def end(request, reason):
    """Log the user out because the session expired; the next page tells her why."""
    user = request.user
    record(
        AuditEvent.Kind.SESSION_EXPIRED,
        user=user,
        actor=user,
        request=request,
        detail="长时间未操作" if reason == IDLE else "超过最长登录时间",
        data={"reason": reason},
    )
    request.security_logout_reason = reason
    logout(request)
    messages.warning(request, expiry_message(reason))
