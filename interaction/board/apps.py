from django.apps import AppConfig


class BoardConfig(AppConfig):
    """网上论坛 and 留言板: public posts, pre-moderated, flagged by readers, sensitive words held."""

    name = "interaction.board"
    label = "board"
    verbose_name = "网上论坛与留言板"
    default_auto_field = "django.db.models.BigAutoField"
