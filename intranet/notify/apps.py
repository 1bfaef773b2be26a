from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotifyConfig(AppConfig):
    name = "intranet.notify"
    label = "notify"
    verbose_name = "信息精灵"

    def ready(self):
        # The hook of 信息精灵: every app's `notifications` module registers its events and
        # to-do counters (register_event, register_todo_counter) without this app importing it.
        autodiscover_modules("notifications")
