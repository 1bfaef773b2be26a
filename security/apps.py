"""Staff authentication and its audit trail: lockout (django-axes), login captcha, session
timeouts, password rules and history, TOTP second factor (django-otp), admin-host restriction
and the security audit log.

A low-floor app: it imports no other app of the project. The login form that adds the public
forms' captcha lives in home/forms.py and only asks this app how many failures there were.
"""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "安全管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import signals  # noqa: F401
        from .checks import check_security_settings

        checks.register(check_security_settings, checks.Tags.security)
