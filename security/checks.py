"""System checks of the security settings."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .retention import retention_days


def check_security_settings(app_configs=None, **kwargs):
    errors = []
    try:
        retention_days()
    except ImproperlyConfigured as exc:
        errors.append(
            checks.Error(
                str(exc),
                hint="请把环境变量 SECURITY_AUDIT_RETENTION_DAYS 设为不少于 183 的天数（默认 365）。",
                id="security.E001",
            )
        )
    return errors
