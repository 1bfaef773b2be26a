from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "intranet.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self):
        # deferred: AppConfig.ready connects the staff signal receivers
        from . import signals  # noqa: F401
