"""Development and the embedded default of `make run`: SQLite under var/, no external services."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEMO_CONTENT_ALLOWED = True

# End-to-end journeys set CAPTCHA_TEST_MODE=1 so a browser can answer the local captcha with "PASSED".
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
