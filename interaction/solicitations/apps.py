from django.apps import AppConfig


class SolicitationsConfig(AppConfig):
    name = "interaction.solicitations"
    label = "solicitations"
    verbose_name = "网上征集"

    def ready(self):
        # deferred: signals.py imports the models, which exist only once the registry is ready
        from . import signals  # noqa: F401 - connects the submission audit-log receivers
