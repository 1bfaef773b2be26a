from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "columns"
    verbose_name = "栏目与信息"

    def ready(self):
        from . import signals, swap  # noqa: F401  (swap registers its audit-log action)
