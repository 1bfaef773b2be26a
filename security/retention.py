"""Keeping the security audit log for as long as the law asks, and no longer than configured.

网络安全法 第二十一条 asks that logs of network operations be kept for at least six months;
SECURITY_AUDIT_RETENTION_DAYS (default 365) below MINIMUM_DAYS is refused, by the system check
and by the prune itself.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .models import AuditEvent

MINIMUM_DAYS = 183
DEFAULT_DAYS = 365


def retention_days():
    value = getattr(settings, "SECURITY_AUDIT_RETENTION_DAYS", DEFAULT_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"SECURITY_AUDIT_RETENTION_DAYS 必须是天数（整数），当前为 {value!r}。") from None
    if days < MINIMUM_DAYS:
        raise ImproperlyConfigured(
            f"SECURITY_AUDIT_RETENTION_DAYS 不能少于 {MINIMUM_DAYS} 天（网络安全法要求日志至少保存六个月），当前为 {days}。"
        )
    return days


def prune(now=None):
    """Delete audit entries older than the retention period; returns (deleted, cutoff)."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    deleted, _ = AuditEvent.objects.filter(timestamp__lt=cutoff).delete()
    return deleted, cutoff
