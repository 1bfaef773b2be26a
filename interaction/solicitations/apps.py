from django.apps import AppConfig


class SolicitationsConfig(AppConfig):
    name = "interaction.solicitations"
    label = "solicitations"
    verbose_name = "网上征集"

    def ready(self):
        from . import signals  # noqa: F401 - connects the submission audit-log receivers
