"""The database search backend for the default database's vendor (SQLite or PostgreSQL).

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
"""

from functools import cache

from django.db import connection


@cache
def _fts5_available():
    # deferred: settings-dependent backend: the SQLite helpers only when the database is SQLite
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        # deferred: settings-dependent backend: needs psycopg, loaded only on PostgreSQL
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _fts5_available():
            # deferred: settings-dependent backend: loaded only on SQLite with FTS5
            from .sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    # Other databases: Wagtail's own choice (no Chinese analysis; not used by this project).
    # deferred: settings-dependent backend: the stock one for other databases
    from modelsearch.backends.database import SearchBackend as StockBackend

    return StockBackend(params)
