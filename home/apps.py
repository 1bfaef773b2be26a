from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "首页与站点设置"

    def ready(self):
        # reason: AppConfig.ready, models are loaded only now; importing registers the system
        # checks and connects the signal receivers.
        # deferred: AppConfig.ready registers the system checks and signal receivers
        from . import checks, signals  # noqa: F401
