"""The ground floor: building blocks every app may use. It imports no app of the project."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "基础设施"
    default_auto_field = "django.db.models.BigAutoField"
