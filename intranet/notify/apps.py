from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "intranet.notify"
    label = "notify"
    verbose_name = "信息精灵"
