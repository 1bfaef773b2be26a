"""Production refuses to start without reCAPTCHA keys."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from config.wsgi import run_startup_checks
from interaction.protection.checks import check_recaptcha_keys

BASE_DIR = Path(__file__).resolve().parents[2]


def ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("public, private", [("", ""), ("site-key", ""), ("", "secret-key")])
def test_e001_when_required_and_a_key_is_missing(settings, public, private):
    settings.RECAPTCHA_REQUIRED = True
    settings.RECAPTCHA_PUBLIC_KEY = public
    settings.RECAPTCHA_PRIVATE_KEY = private
    assert ids(check_recaptcha_keys()) == ["protection.E001"]
    assert "protection.E001" in ids(checks.run_checks())  # registered by the app


def test_silent_when_keys_are_set(settings):
    settings.RECAPTCHA_REQUIRED = True
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    assert check_recaptcha_keys() == []


def test_silent_when_not_required(settings):
    settings.RECAPTCHA_REQUIRED = False
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert check_recaptcha_keys() == []
    assert "protection.E001" not in ids(checks.run_checks())


def test_startup_refuses_to_serve_on_a_check_error(settings):
    settings.RUN_CHECKS_AT_STARTUP = True
    settings.RECAPTCHA_REQUIRED = True
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="protection.E001"):
        run_startup_checks()


def test_startup_passes_with_keys(settings):
    settings.RUN_CHECKS_AT_STARTUP = True
    settings.RECAPTCHA_REQUIRED = True
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    run_startup_checks()


def test_startup_checks_are_off_unless_asked_for(settings):
    settings.RUN_CHECKS_AT_STARTUP = False
    settings.RECAPTCHA_REQUIRED = True
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    run_startup_checks()


def load_wsgi(settings_module, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RECAPTCHA_")}
    environ.update(DJANGO_SETTINGS_MODULE=settings_module, SECRET_KEY="startup-test", **env)
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=BASE_DIR, env=environ, capture_output=True, text=True
    )


def test_production_wsgi_fails_to_load_without_keys_and_loads_with_them():
    refused = load_wsgi("config.settings.production")
    assert refused.returncode != 0
    assert "protection.E001" in refused.stderr
    booted = load_wsgi("config.settings.production", RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="key")
    assert booted.returncode == 0, booted.stderr


def test_embedded_default_loads_without_keys():
    assert load_wsgi("config.settings.dev").returncode == 0
