"""gunicorn settings for `make run` and production (override with GUNICORN_* variables)."""

import os

workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# Load the application once in the master so what it loads at start-up is shared by the forks.
preload_app = True
