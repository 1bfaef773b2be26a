"""gunicorn settings for `make run` and production (override with GUNICORN_* variables)."""

import os

workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# Load the application once in the master so what it loads at start-up is shared by the forks.
preload_app = True


def when_ready(server):
    """Load jieba and the bureau dictionary (about 1.5 s, 80 MiB) once in the master, before
    the workers are forked: every worker then shares it and no request pays for it."""
    # deferred: gunicorn reads this file before the application (and Django) is loaded
    from search.analysis import warm_up

    warm_up()
    server.log.info("search: jieba and the bureau dictionary loaded")
