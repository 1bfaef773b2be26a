"""Search backends with Chinese analysis.

`search.backends.database` picks the SQLite or PostgreSQL variant for the default database;
`search.backends.elasticsearch` is used when ELASTICSEARCH_URL is set. Each is a thin subclass
of Wagtail's (modelsearch's) backend: indexed text and queries go through search.analysis, and
ranked queries use the database's own full-text scoring (see ranking.py).
"""
