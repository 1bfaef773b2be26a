"""The database search backend for the default database's vendor (SQLite or PostgreSQL).

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
"""

from functools import cache

from django.db import connection


@cache
def _fts5_available():
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _fts5_available():
            from .sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    # Other databases: Wagtail's own choice (no Chinese analysis; not used by this project).
    from modelsearch.backends.database import SearchBackend as StockBackend

    return StockBackend(params)
