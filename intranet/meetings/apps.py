from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intranet.meetings"
    label = "meetings"
    verbose_name = "会议通知"
