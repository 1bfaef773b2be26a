"""jieba is loaded once per process at start-up of servers and workers, never at import."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

from search.apps import should_warm_up

ROOT = Path(__file__).resolve().parents[2]


def test_servers_workers_and_indexing_warm_up():
    for command in ("runserver", "update_index", "db_worker"):
        assert should_warm_up(["manage.py", command])
    for argv in (["manage.py", "migrate"], ["manage.py", "shell"], ["pytest"], []):
        assert not should_warm_up(argv)


def test_gunicorn_loads_jieba_in_the_master_before_forking():
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert config["preload_app"] is True

    class Log:
        def info(self, *args):
            self.message = args

    class Server:
        log = Log()

    config["when_ready"](Server())
    from search.analysis import is_loaded

    assert is_loaded()


def test_importing_models_does_not_load_jieba():
    code = (
        "import django; django.setup();"
        "import columns.models, search.models, search.engine, search.views;"
        "from search.analysis import is_loaded; print(is_loaded())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
