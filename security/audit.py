"""Writing the security audit log.

    from security.audit import record
    record(AuditEvent.Kind.UNLOCKED, username="zhigong", detail="解除账号锁定")

Who did it and from where come from the request being served: StaffSessionMiddleware binds it
for the duration of the request (a context variable, so each thread or task sees its own), and
signal handlers that run deep inside Django (a group added to a user, a password saved) find it
there. Outside a request (management commands, tasks) the actor is empty, shown as 系统.
"""

import ipaddress
import logging
from contextvars import ContextVar

from axes.helpers import get_client_ip_address

from .models import AuditEvent

logger = logging.getLogger(__name__)

_request = ContextVar("security_current_request", default=None)


def bind_request(request):
    """Make ``request`` the current one; returns a token for ``unbind_request``."""
    return _request.set(request)


def unbind_request(token):
    _request.reset(token)


def current_request():
    return _request.get()


def _clean(text, limit):
    return str(text or "").replace("\x00", "")[:limit]


def client_ip(request):
    """The client address as django-axes sees it (AXES_CLIENT_IP_CALLABLE: the same rule as the
    public forms' rate limit, NUM_PROXIES aware), or None when it is not a valid address."""
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None)
    if address is None:
        address = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None


def _request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    # request.user may be a lazy object; is_authenticated resolves it.
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


def record(kind, *, user=None, username="", actor=None, request=None, detail="", data=None):
    """Write one AuditEvent. ``user`` is the account concerned (or ``username`` when there is no
    such account, e.g. a failed login with an unknown name); ``actor`` defaults to the user
    logged in on the current request."""
    request = request if request is not None else current_request()
    if actor is None:
        actor = _request_user(request)
    if user is not None and not username:
        username = user.get_username()
    event = AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=_clean(username, 150),
        actor=actor,
        actor_username=_clean(actor.get_username() if actor is not None else "", 150),
        ip_address=client_ip(request),
        user_agent=_clean(request.META.get("HTTP_USER_AGENT", "") if request is not None else "", 300),
        detail=_clean(detail, 1000),
        data=data or {},
    )
    logger.info("security audit: %s %s by %s", kind, event.username, event.actor_username or "-")
    return event
