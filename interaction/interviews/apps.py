from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """在线访谈: announced interviews, the public's questions (moderated), answers and the archive."""

    name = "interaction.interviews"
    label = "interviews"
    verbose_name = "在线访谈"
    default_auto_field = "django.db.models.BigAutoField"
