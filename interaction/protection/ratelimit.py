"""Per-client submission limits for public forms, shared by every worker process and host.

Usage in a view, once the form is valid and before anything is saved::

    if rate_limited(request, "complaints"):
        form.add_error(None, rate_limit_message())
        return render(..., status=429)

Each call records one submission. Counters live in the database (``RateLimitCounter``), one row
per (scope, hashed client address, fixed window); the row is incremented by core.counters.bump
(one ``UPDATE ... SET count = count + 1``, or the row's creation) so concurrent requests on any
host never lose a hit. Raw IP
addresses are never stored: the key is an HMAC-SHA256 of the address under SECRET_KEY.

Windows are fixed and aligned to the clock (e.g. 10:00-11:00 for a 3600 s window). A scope must
always be used with the same window length.
"""

import ipaddress
import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.counters import CounterContention, bump

from .models import RateLimitCounter

logger = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT = (5, 3600)
RATE_LIMIT_MESSAGE = "您提交得过于频繁，请稍后再试。"
_HMAC_SALT = "interaction.protection.ratelimit"


def rate_limit_message():
    return RATE_LIMIT_MESSAGE


def _now():
    return timezone.now()


def client_ip(request):
    """The address of the client that sent ``request``.

    REMOTE_ADDR, unless settings.NUM_PROXIES (the number of trusted reverse proxies in front of
    the application) is positive: then the right-most X-Forwarded-For entry that none of those
    proxies wrote, i.e. the address the outermost proxy saw. Entries further left are supplied
    by the client and are ignored.
    """
    remote_addr = (request.META.get("REMOTE_ADDR") or "").strip()
    num_proxies = int(getattr(settings, "NUM_PROXIES", 0) or 0)
    if num_proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= num_proxies:
            candidate = forwarded[-num_proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                logger.warning("Ignoring malformed X-Forwarded-For entry %r", candidate[:100])
    return remote_addr


def _client_key(ip):
    """What one client is: its IPv4 address, or the /64 network of an IPv6 address (one
    subscriber line; addresses inside it are free for the client to rotate)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hash_ip(ip):
    return salted_hmac(_HMAC_SALT, _client_key(ip), algorithm="sha256").hexdigest()


def rate_limited(request, scope, limit=None, window=None):
    """Record one submission from this client in ``scope``; True when it is over the limit.

    ``limit`` submissions are allowed per ``window`` seconds; both default to
    settings.PUBLIC_FORM_RATE_LIMIT, (5, 3600) if unset.
    """
    default_limit, default_window = getattr(settings, "PUBLIC_FORM_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    limit = default_limit if limit is None else limit
    window = int(default_window if window is None else window)
    if window <= 0:
        raise ValueError("window must be a positive number of seconds")
    if not scope or len(scope) > RateLimitCounter._meta.get_field("scope").max_length:
        raise ValueError("scope must be a non-empty string of at most 64 characters")

    now = _now()
    epoch = int(now.timestamp())
    window_start = datetime.fromtimestamp(epoch - epoch % window, tz=UTC)
    count = _record_hit(
        scope=scope,
        ip_hash=hash_ip(client_ip(request)),
        window_start=window_start,
        expires_at=window_start + timedelta(seconds=window),
        now=now,
    )
    return count > limit


def _record_hit(*, scope, ip_hash, window_start, expires_at, now):
    """Atomically add one to the counter and return its new value."""
    try:
        hit = bump(
            RateLimitCounter,
            {"scope": scope, "ip_hash": ip_hash, "window_start": window_start},
            {"count": 1},
            defaults={"expires_at": expires_at},
            read="count",
        )
    except CounterContention:
        logger.warning("Could not record a rate-limit hit for scope %s; letting the request through", scope)
        return 0
    if hit.created:
        _prune_expired(now)
    return hit.value


def _prune_expired(now):
    """Delete counters whose window has ended. Runs when a new window opens, which happens at
    most once per client, scope and window, so the table stays small without a cron job."""
    RateLimitCounter.objects.filter(expires_at__lte=now).delete()
