"""Development and the embedded default of `make run`: SQLite under var/, no external services."""

from .base import *  # noqa: F403
from .base import INTRANET_HOSTNAME, env, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEMO_CONTENT_ALLOWED = True
# One login, as in production: the admin and its login only on the intranet host, so the session
# cookie (host-only) that signs staff in to the intranet is the admin's too. ADMIN_HOSTS=* opens
# the admin on every host (e.g. runserver on 127.0.0.1).
ADMIN_HOSTS = env_list("ADMIN_HOSTS", [INTRANET_HOSTNAME])

# End-to-end journeys set CAPTCHA_TEST_MODE=1 so a browser can answer the local captcha with "PASSED".
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
