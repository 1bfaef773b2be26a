"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

# Production unless told otherwise: a server started without DJANGO_SETTINGS_MODULE must not
# run with the development settings (DEBUG, a public SECRET_KEY, any host). `make run` and the
# test server set the variable.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def run_startup_checks():
    """When settings.RUN_CHECKS_AT_STARTUP is set (production), run Django's system checks and
    refuse to start on any error, so gunicorn fails to boot instead of serving a misconfigured
    site (e.g. DEBUG on or a weak SECRET_KEY, deploy.E001-E004; CAPTCHA_BACKEND=recaptcha
    without its keys, protection.E001)."""
    # deferred: settings are read only after DJANGO_SETTINGS_MODULE is set above and the app is loaded
    from django.conf import settings
    from django.core import checks  # deferred: as above
    from django.core.exceptions import ImproperlyConfigured  # deferred: as above

    if not getattr(settings, "RUN_CHECKS_AT_STARTUP", False):
        return
    errors = [message for message in checks.run_checks() if message.is_serious() and not message.is_silenced()]
    if errors:
        raise ImproperlyConfigured(
            "System check errors, refusing to start:\n" + "\n".join(str(error) for error in errors)
        )


application = get_wsgi_application()
run_startup_checks()
