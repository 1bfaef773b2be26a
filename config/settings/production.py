"""Production: every secret and host comes from the environment. config/wsgi.py runs the system
checks at start-up and refuses to serve on an error (security/checks.py: DEBUG, a weak
SECRET_KEY, ALLOWED_HOSTS = *, a trusted proxy header without NUM_PROXIES; and
interaction/protection/checks.py: CAPTCHA_BACKEND=recaptcha without its keys)."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, env, env_bool, env_int, env_list

SECRET_KEY = env("SECRET_KEY", required=True)
DEBUG = env_bool("DEBUG", False)  # read so that DEBUG=1 is refused, not silently ignored
DEPLOYMENT_CHECKS = True
RUN_CHECKS_AT_STARTUP = True

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (NUM_PROXIES must then
# say how many proxies there are); TRUST_X_FORWARDED_PROTO=0 when gunicorn serves HTTPS itself.
if env_bool("TRUST_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # a commitment: only on purpose
SECURE_CONTENT_TYPE_NOSNIFF = True
if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Staff authentication: the admin only on the intranet host, second factor for administrators.
ADMIN_HOSTS = env_list("ADMIN_HOSTS", [INTRANET_HOSTNAME])  # noqa: F405
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ADMIN_HOSTS[0]}" if ADMIN_HOSTS else WAGTAILADMIN_BASE_URL)  # noqa: F405

NOTIFY_SMS_BACKEND = env("NOTIFY_SMS_BACKEND", "file")  # var/sms until the gateway is configured (http)

TASKS = {"default": {"BACKEND": env("TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend")}}

LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")  # noqa: F405
