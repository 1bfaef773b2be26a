"""Security of both sites, at a low floor (it imports no other app of the project):

- staff authentication and its audit trail: lockout (django-axes), login captcha, session
  timeouts, password rules and history, TOTP second factor (django-otp), admin-host restriction
  and the security audit log (middleware.py, views.py, audit.py, ...);
- response headers and request limits: CSP, Permissions-Policy, framing, body size and NUL
  checks (headers.py), the CSRF failure page (errors.py);
- the production start-up checks (checks.py).

The login form that adds the public forms' captcha lives in home/forms.py and only asks this app
how many failures there were.
"""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "安全管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: AppConfig.ready connects the audit signal receivers and registers the checks
        from django.core import checks

        from . import signals  # noqa: F401  # deferred: AppConfig.ready, see above
        from .checks import check_production_settings, check_security_settings  # deferred: AppConfig.ready

        checks.register(check_security_settings, checks.Tags.security)
        checks.register(check_production_settings, checks.Tags.security)
