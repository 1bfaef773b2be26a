"""Indexes on Wagtail's search index table for search.backends (no model changes):

- PostgreSQL: a GIN index on title || body, so a query over both is answered by one index;
- SQLite: a narrow covering index (id, object_id, content_type_id), so going from a full-text
  match to the indexed object does not read the wide index rows (content_type_id last, so it
  is checked in the index entry rather than probed once per content type).
"""

from django.db import migrations

GIN_INDEX = "sitesearch_indexentry_title_body_gin"
LOOKUP_INDEX = "sitesearch_indexentry_lookup"


def create_indexes(apps, schema_editor):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON "{table}" USING gin ((title || body))')
    elif vendor == "sqlite":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {LOOKUP_INDEX} ON "{table}" (id, object_id, content_type_id)'
        )


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {LOOKUP_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
