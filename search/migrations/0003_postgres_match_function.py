"""PostgreSQL only: sitesearch_matches(), the full-text match of search.backends.postgres.

A common word matches a third or more of the index, and the planner then scans the whole
table, evaluating title || body on every row, which reads every body vector (stored out of
line): ten times slower than the GIN index, which answers the match without reading any.
Running the match inside a function lets it have its own settings (no sequential scan, no
parallel workers) without touching the rest of the query. A no-op on other databases."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION sitesearch_matches(
    mode text, query tsquery, any_word tsquery, weights float4[], content_types integer[]
) RETURNS TABLE (object_id integer, tier integer, rank real)
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
SET max_parallel_workers_per_gather = 0
AS $body$
DECLARE
    vector text := CASE mode
        WHEN 'all' THEN 'ie.title || ie.body'
        WHEN 'title' THEN 'ie.title'
        WHEN 'body' THEN 'ie.body'
        WHEN 'autocomplete' THEN 'ie.autocomplete'
    END;
BEGIN
    IF vector IS NULL THEN
        RAISE EXCEPTION 'sitesearch_matches: unknown mode %', mode;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT CAST(ie.object_id AS integer), '
        '       CASE WHEN $4 = ''autocomplete'' THEN 0 WHEN ie.title @@ $1 THEN 2 WHEN ie.title @@ $2 THEN 1 ELSE 0 END, '
        '       CASE WHEN $4 = ''autocomplete'' THEN ts_rank(ie.autocomplete, $1) ELSE ts_rank($3, ie.title, $1) END '
        'FROM %I AS ie WHERE (%s) @@ $1 AND ie.content_type_id = ANY($5)',
        '{table}', vector
    ) USING query, any_word, weights, mode, content_types;
END
$body$;
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(FUNCTION.replace("{table}", table), params=None)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS sitesearch_matches(text, tsquery, tsquery, float4[], integer[])")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0002_indexentry_indexes")]

    operations = [migrations.RunPython(create_function, drop_function, elidable=False)]
