from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content of every app and the load_demo command. Top floor: product code never imports it."""

    name = "demo"
    verbose_name = "演示数据"

    def ready(self):
        # Imported here so each module registers its load_demo steps once the models are ready.
        # deferred: AppConfig.ready registers the demo steps once every app's models are loaded
        from . import articles, board, cases, meetings, notify, oa, org, polls, sites, solicitations, specials, supervision, volunteers  # noqa: F401
