"""The captcha is a setting (CAPTCHA_BACKEND), not an error: the local captcha is a valid
production choice; only reCAPTCHA chosen without its keys (or an unknown backend) refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from config.wsgi import run_startup_checks
from interaction.protection.checks import check_recaptcha_keys
from interaction.protection.forms import captcha_backend

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_SECRET_KEY = "startup-test-" + "k7Qw9zX2pL5vB8nM3cR6tY1uI4oE0aS" * 2


def ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("public, private", [("", ""), ("site-key", ""), ("", "secret-key")])
def test_e001_when_recaptcha_is_chosen_and_a_key_is_missing(settings, public, private):
    settings.CAPTCHA_BACKEND = "recaptcha"
    settings.RECAPTCHA_PUBLIC_KEY = public
    settings.RECAPTCHA_PRIVATE_KEY = private
    assert ids(check_recaptcha_keys()) == ["protection.E001"]
    assert "protection.E001" in ids(checks.run_checks())  # registered by the app
    assert "CAPTCHA_BACKEND=local" in check_recaptcha_keys()[0].hint
    assert captcha_backend() == "local"  # never a form that cannot be verified


def test_silent_when_recaptcha_has_its_keys(settings):
    settings.CAPTCHA_BACKEND = "recaptcha"
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    assert check_recaptcha_keys() == []
    assert captcha_backend() == "recaptcha"


@pytest.mark.parametrize("backend", ["local", "", "LOCAL "])
def test_local_or_unset_needs_no_keys(settings, backend):
    settings.CAPTCHA_BACKEND = backend
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert check_recaptcha_keys() == []
    assert "protection.E001" not in ids(checks.run_checks())
    assert captcha_backend() == "local"


def test_local_wins_over_keys_when_chosen(settings):
    settings.CAPTCHA_BACKEND = "local"
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    assert captcha_backend() == "local"


def test_unset_uses_recaptcha_when_both_keys_are_set(settings):
    settings.CAPTCHA_BACKEND = ""
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    assert captcha_backend() == "recaptcha"


def test_an_unknown_backend_is_an_error(settings):
    settings.CAPTCHA_BACKEND = "hcaptcha"
    assert ids(check_recaptcha_keys()) == ["protection.E002"]


def test_startup_refuses_to_serve_on_a_check_error(settings):
    settings.RUN_CHECKS_AT_STARTUP = True
    settings.CAPTCHA_BACKEND = "recaptcha"
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="protection.E001"):
        run_startup_checks()


def test_startup_passes_with_the_local_captcha(settings):
    settings.RUN_CHECKS_AT_STARTUP = True
    settings.CAPTCHA_BACKEND = "local"
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    run_startup_checks()


def test_startup_checks_are_off_unless_asked_for(settings):
    settings.RUN_CHECKS_AT_STARTUP = False
    settings.CAPTCHA_BACKEND = "recaptcha"
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    run_startup_checks()


def load_wsgi(settings_module, **env):
    environ = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("RECAPTCHA_", "CAPTCHA_", "DEBUG", "ALLOWED_HOSTS", "NUM_PROXIES"))
    }
    environ.update(DJANGO_SETTINGS_MODULE=settings_module, SECRET_KEY=GOOD_SECRET_KEY, NUM_PROXIES="1", **env)
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=BASE_DIR, env=environ, capture_output=True, text=True
    )


def test_production_boots_with_the_local_captcha_and_refuses_recaptcha_without_keys():
    booted = load_wsgi("config.settings.production", CAPTCHA_BACKEND="local")
    assert booted.returncode == 0, booted.stderr
    assert load_wsgi("config.settings.production").returncode == 0  # unset, no keys: local

    refused = load_wsgi("config.settings.production", CAPTCHA_BACKEND="recaptcha")
    assert refused.returncode != 0
    assert "protection.E001" in refused.stderr

    with_keys = load_wsgi(
        "config.settings.production", CAPTCHA_BACKEND="recaptcha", RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="key"
    )
    assert with_keys.returncode == 0, with_keys.stderr


def test_embedded_default_loads_without_keys():
    assert load_wsgi("config.settings.dev").returncode == 0
