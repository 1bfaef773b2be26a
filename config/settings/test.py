"""Settings for the test suite: fast hashing, in-memory mail, no manifest for static files."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_bool, filesystem_storages

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env("TEST_MEDIA_ROOT", str(BASE_DIR / "var" / "test-media"))
PRIVATE_MEDIA_ROOT = env("TEST_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "test-private"))
STORAGES = {
    **filesystem_storages(MEDIA_ROOT, MEDIA_URL, PRIVATE_MEDIA_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
DEMO_CONTENT_ALLOWED = True

# A file, not memory, so `pytest --reuse-db` can keep the demo database between runs while
# developing. Parallel runs (several checkouts or helpers) set TEST_SQLITE_NAME apart.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_NAME", str(BASE_DIR / "var" / "test-db.sqlite3"))}  # noqa: F405

# End-to-end journeys set CAPTCHA_TEST_MODE=1 so a browser can answer the local captcha with "PASSED".
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
