from django.apps import AppConfig


class OAConfig(AppConfig):
    name = "intranet.oa"
    label = "oa"
    verbose_name = "协同办公"
    default_auto_field = "django.db.models.BigAutoField"
