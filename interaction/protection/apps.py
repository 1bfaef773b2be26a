from django.apps import AppConfig
from django.core import checks


class ProtectionConfig(AppConfig):
    name = "interaction.protection"
    label = "protection"
    verbose_name = "表单防护"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: AppConfig.ready registers the system check
        from .checks import check_recaptcha_keys

        checks.register(check_recaptcha_keys, checks.Tags.security)
