from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "intranet.supervision"
    label = "supervision"
    verbose_name = "两会议案与督办"
    default_auto_field = "django.db.models.BigAutoField"
