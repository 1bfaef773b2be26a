"""Production: every secret and host comes from the environment."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_int, env_list

SECRET_KEY = env("SECRET_KEY", required=True)
DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"

# Public forms must use reCAPTCHA here; config/wsgi.py refuses to boot when a system check fails.
RECAPTCHA_REQUIRED = True
RUN_CHECKS_AT_STARTUP = True

# Staff authentication: the admin only on the intranet host, second factor for administrators.
ADMIN_HOSTS = env_list("ADMIN_HOSTS", [INTRANET_HOSTNAME])  # noqa: F405
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ADMIN_HOSTS[0]}" if ADMIN_HOSTS else WAGTAILADMIN_BASE_URL)  # noqa: F405

TASKS = {"default": {"BACKEND": env("TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend")}}

LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")  # noqa: F405
