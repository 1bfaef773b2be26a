from django.apps import AppConfig
from django.core import checks


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "网站安全"

    def ready(self):
        from . import checks as security_checks

        checks.register(security_checks.check_production_settings, checks.Tags.security)
