from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "columns"
    verbose_name = "栏目与信息"

    def ready(self):
        # reason: AppConfig.ready, models are loaded only now; importing connects the receivers
        # (signals) and registers swap's audit-log action.
        # deferred: AppConfig.ready connects the page signals and the swap hooks once apps are loaded
        from . import signals, swap  # noqa: F401
