"""Production refuses each unsafe setting at start-up (config/wsgi.py runs the system checks),
passes `manage.py check --deploy` with sane environment variables, and is what a server gets
when nobody names the settings; `make run` still runs the development settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.wsgi import run_startup_checks
from security.checks import check_production_settings, weak_secret_key

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "Kq3v-Xo9_pL2mZ8rT5wN1bC7yH4jD6fG0sA-eU9iQ2oR7tY5uP3lK8nM1zX4cV6b"
SANE_ENV = {
    "SECRET_KEY": GOOD_KEY,
    "NUM_PROXIES": "1",
    "ALLOWED_HOSTS": "www.pdhb.example.gov.cn,oa.pdhb.example.gov.cn",
    "PUBLIC_HOSTNAME": "www.pdhb.example.gov.cn",
    "INTRANET_HOSTNAME": "oa.pdhb.example.gov.cn",
}
# Variables of the developer's shell that would change what production does.
CLEARED = (
    "DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "NUM_PROXIES", "TRUST_X_FORWARDED_PROTO",
    "CAPTCHA_BACKEND", "RECAPTCHA_PUBLIC_KEY", "RECAPTCHA_PRIVATE_KEY", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT", "REDIS_URL",
)


def run(code_or_args, settings_module="config.settings.production", **env):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    if settings_module:
        environ["DJANGO_SETTINGS_MODULE"] = settings_module
    environ.update(env)
    args = code_or_args if isinstance(code_or_args, list) else [sys.executable, "-c", code_or_args]
    return subprocess.run(args, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)


def load_wsgi(**env):
    return run("import config.wsgi", **{**SANE_ENV, **env})


# The rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "key, weak",
    [
        ("dev-only-secret-key-not-for-production", True),
        ("test-only-secret-key", True),
        ("django-insecure-" + "x" * 60, True),
        ("short-but-random-9f8e7d", True),
        ("a" * 80, True),  # long, but four different characters or fewer
        ("", True),
        (GOOD_KEY, False),
    ],
)
def test_weak_secret_keys(key, weak):
    assert weak_secret_key(key) is weak


def ids(messages):
    return sorted(message.id for message in messages)


def test_each_unsafe_setting_is_an_error(settings):
    settings.DEPLOYMENT_CHECKS = True
    settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS = False, GOOD_KEY, ["www.example.gov.cn"]
    settings.SECURE_PROXY_SSL_HEADER, settings.NUM_PROXIES = ("HTTP_X_FORWARDED_PROTO", "https"), 1
    assert check_production_settings() == []

    settings.DEBUG = True
    assert ids(check_production_settings()) == ["deploy.E001"]
    settings.DEBUG = False
    settings.SECRET_KEY = "dev-only-secret-key-not-for-production"
    assert ids(check_production_settings()) == ["deploy.E002"]
    settings.SECRET_KEY = GOOD_KEY
    settings.ALLOWED_HOSTS = ["www.example.gov.cn", "*"]
    assert ids(check_production_settings()) == ["deploy.E003"]
    settings.ALLOWED_HOSTS = []
    assert ids(check_production_settings()) == ["deploy.E003"]
    settings.ALLOWED_HOSTS = ["www.example.gov.cn"]
    settings.NUM_PROXIES = 0
    assert ids(check_production_settings()) == ["deploy.E004"]
    settings.SECURE_PROXY_SSL_HEADER = None  # gunicorn serving HTTPS itself: nothing to trust
    assert check_production_settings() == []


def test_the_rules_hold_only_where_deployment_checks_are_on(settings):
    settings.DEPLOYMENT_CHECKS = False
    settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS = True, "test-only-secret-key", ["*"]
    assert check_production_settings() == []


def test_startup_refuses_on_these_errors(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEPLOYMENT_CHECKS = settings.RUN_CHECKS_AT_STARTUP = True
    settings.SECRET_KEY = "test-only-secret-key"
    with pytest.raises(ImproperlyConfigured, match="deploy.E002"):
        run_startup_checks()


# Production, started for real -------------------------------------------------------------------

def test_production_starts_with_sane_settings():
    result = load_wsgi()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "env, error",
    [
        ({"DEBUG": "1"}, "deploy.E001"),
        ({"SECRET_KEY": "dev-only-secret-key-not-for-production"}, "deploy.E002"),
        ({"SECRET_KEY": "too-short-key"}, "deploy.E002"),
        ({"ALLOWED_HOSTS": "*"}, "deploy.E003"),
        ({"NUM_PROXIES": "0"}, "deploy.E004"),
        ({"CAPTCHA_BACKEND": "recaptcha"}, "protection.E001"),
    ],
)
def test_production_refuses_to_start_with(env, error):
    result = load_wsgi(**env)
    assert result.returncode != 0
    assert "refusing to start" in result.stderr and error in result.stderr


def test_production_without_a_proxy_header_needs_no_proxy_count():
    result = load_wsgi(NUM_PROXIES="0", TRUST_X_FORWARDED_PROTO="0")
    assert result.returncode == 0, result.stderr


def test_production_needs_a_secret_key_at_all():
    result = run("import config.wsgi", **{k: v for k, v in SANE_ENV.items() if k != "SECRET_KEY"})
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr


def test_a_server_started_without_settings_gets_production():
    code = "import config.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = run(code, settings_module=None, **SANE_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.production", "False"]
    # ... and so it will not start with the development defaults.
    assert run("import config.wsgi", settings_module=None).returncode != 0


def test_production_defaults():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.X_FRAME_OPTIONS, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.EMAIL_TIMEOUT, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'))"
    )
    result = run(code, **SANE_ENV)
    assert result.stdout.split() == ["31536000", "True", "False", "DENY", "True", "True", "True", "10", "True"]
    result = run(code, **SANE_ENV, SECURE_HSTS_INCLUDE_SUBDOMAINS="0", SECURE_HSTS_SECONDS="600")
    assert result.stdout.split()[:2] == ["600", "False"]


def test_check_deploy_passes_with_production_settings():
    result = run([sys.executable, "manage.py", "check", "--deploy"], **SANE_ENV)
    assert result.returncode == 0, result.stderr
    # The one remaining advice is the HSTS preload list, a deliberate opt-in (SECURE_HSTS_PRELOAD=1).
    assert "security.W021" in result.stderr and result.stderr.count("(security.W") == 1
    strict = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **SANE_ENV, SECURE_HSTS_PRELOAD="1")
    assert strict.returncode == 0, strict.stderr


def test_make_run_still_uses_the_development_settings():
    """The Makefile exports DJANGO_SETTINGS_MODULE=config.settings.dev to `make run`'s gunicorn."""
    probe = "_probe_settings: ; @echo $$DJANGO_SETTINGS_MODULE\n"
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        ["make", "-s", "-f", "Makefile", "-f", "-", "_probe_settings"],
        cwd=ROOT, env=environ, input=probe, capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.strip() == "config.settings.dev", result.stderr
    dev = run("import config.wsgi; from django.conf import settings; print(settings.DEBUG)", settings_module="config.settings.dev", DEBUG="0")
    assert dev.returncode == 0 and dev.stdout.strip() == "False"
