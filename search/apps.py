import sys

from django.apps import AppConfig

# Long-running or indexing commands that load jieba at start-up rather than on first use.
WARM_UP_COMMANDS = {"runserver", "update_index", "wagtail_update_index", "rebuild_modelsearch_index", "db_worker"}


def should_warm_up(argv):
    """Whether this process is a server, task worker or indexing command (gunicorn loads
    jieba in its master process, see config/gunicorn.conf.py)."""
    return len(argv) > 1 and argv[1] in WARM_UP_COMMANDS


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: AppConfig.ready connects the index signals once the models are loaded
        from . import signals

        signals.connect()
        if should_warm_up(sys.argv):
            # deferred: jieba is loaded only when this process will serve searches
            from .analysis import warm_up

            warm_up()
