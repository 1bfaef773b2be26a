"""SQLite FTS5 backend with Chinese analysis and bm25 ranking with column weights."""

from functools import cache, reduce

from django.db import connections
from modelsearch.backends.database.sqlite import sqlite as base
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.conf import get_app_config
from modelsearch.index import RelatedFields
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.analysis import analyze, query_terms

from .ranking import TITLE_WEIGHT, RankedQueryCompilerMixin, RankedResultsMixin, is_simple_query, render_query_tree

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)


class ChineseObjectIndexer(base.ObjectIndexer):
    """Every indexed value goes through search.analysis.analyze."""

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # the related object's own fields come back through this method
            yield from super().prepare_field(obj, field)
            return
        for current_field, value in super().prepare_field(obj, field):
            yield current_field, analyze(value)


class ChineseSQLiteIndex(base.SQLiteIndex):
    indexer_class = ChineseObjectIndexer

    def add_items(self, model, objs):
        # As SQLiteIndex.add_items, with our indexer class.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()


# A narrow covering index (sitesearch migration 0002) to go from an FTS row to the indexed
# object without reading the wide index rows (their copies of title and body).
LOOKUP_INDEX = "sitesearch_indexentry_lookup"


@cache
def has_lookup_index(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [LOOKUP_INDEX])
        return cursor.fetchone() is not None


def _fts5_quote(word):
    return '"' + word.replace('"', '""') + '"'


def fts5_expression(tree, prefix_last=False):
    """An FTS5 query for a query tree of analysed words (see ranking.query_tree)."""
    return render_query_tree(
        tree,
        quote=_fts5_quote,
        phrase=lambda words: _fts5_quote(" ".join(words)),
        and_op=" AND ",
        or_op=" OR ",
        prefix_mark="*",
        prefix_last=prefix_last,
    )


class ChineseSQLiteSearchQueryCompiler(RankedQueryCompilerMixin, base.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        # Used by Wagtail's own search() (facets, negated queries): analysed words.
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string)
            if not terms:
                return None
            lexemes = [Lexeme(term) for term in terms[:-1]]
            lexemes.append(Lexeme(terms[-1], prefix=self.LAST_TERM_IS_PREFIX))
            combine = (lambda a, b: a & b) if query.operator == "and" else (lambda a, b: a | b)
            return SearchQueryExpression(reduce(combine, lexemes))
        if isinstance(query, Phrase):
            terms = query_terms(query.query_string)
            return SearchQueryExpression(" ".join(terms)) if terms else None
        if isinstance(query, (And, Or)):
            parts = [self.build_search_query_content(q, config=config) for q in query.subqueries]
            parts = [p for p in parts if p is not None]
            if not parts:
                return None
            combine = (lambda a, b: a & b) if isinstance(query, And) else (lambda a, b: a | b)
            return reduce(combine, parts)
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        # Wagtail's own path (facets, negated queries): a query with no words finds nothing.
        if is_simple_query(self.query) and self.tree() is None:
            return self.queryset.none()
        return super().search(config, start, stop, score_field)

    def match_columns(self):
        if self.fields:
            return sorted({"title" if name == "title" else "body" for name in self.fields})
        return ["title", "body"]

    def object_pk_sql(self):
        return "CAST(ie.object_id AS INTEGER)"

    def match_sql(self, ranked):
        fts, entries = SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table
        expression = fts5_expression(self.tree(), self.LAST_TERM_IS_PREFIX)
        content_types = get_descendants_content_types_pks(self.queryset.model)
        hint = f"INDEXED BY {LOOKUP_INDEX}" if has_lookup_index(self.queryset.db) else ""
        from_sql = f"{fts} JOIN {entries} AS ie {hint} ON ie.id = {fts}.rowid"
        where_sql = f"{fts} MATCH %s AND ie.content_type_id IN ({', '.join(['%s'] * len(content_types))})"
        where_params = ["{" + " ".join(self.match_columns()) + "} : " + expression, *content_types]
        select_sql, select_params = self.rank_sql(fts, expression) if ranked else ("ie.object_id", [])
        return {
            "select": select_sql,
            "select_params": select_params,
            "from": from_sql,
            "from_params": [],
            "where": where_sql,
            "where_params": where_params,
        }

    def rank_sql(self, fts, expression):
        # bm25() is negative, more negative is better; columns: autocomplete, body, title.
        # FTS5's bm25 saturates counts over all columns together, so the title gets a score of
        # its own weighted on top, and a tier: every word in the title, some, none.
        tier = (
            f"CASE WHEN {fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) THEN 2 "
            f"WHEN bm25({fts}, 0, 0, 1) < 0 THEN 1 ELSE 0 END"
        )
        rank = f"-(bm25({fts}, 0, 1, 0) + {TITLE_WEIGHT} * bm25({fts}, 0, 0, 1))"
        return f"ie.object_id, {tier} AS tier, {rank} AS rank", ["{title} : " + expression]


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteSearchQueryCompiler):
    LAST_TERM_IS_PREFIX = True
    TARGET_SEARCH_FIELD_TYPE = base.SQLiteAutocompleteQueryCompiler.TARGET_SEARCH_FIELD_TYPE
    FTS_TABLE_FIELDS = ["autocomplete"]

    get_config = base.SQLiteAutocompleteQueryCompiler.get_config
    get_search_fields_for_model = base.SQLiteAutocompleteQueryCompiler.get_search_fields_for_model
    get_index_vectors = base.SQLiteAutocompleteQueryCompiler.get_index_vectors

    def match_columns(self):
        return ["autocomplete"]

    def rank_sql(self, fts, expression):
        return f"ie.object_id, 0 AS tier, -bm25({fts}, 1, 0, 0) AS rank", []


class ChineseSQLiteSearchResults(RankedResultsMixin, base.SQLiteSearchResults):
    pass


class ChineseSQLiteSearchBackend(base.SQLiteSearchBackend):
    # Live status, paths and view restrictions are read from the page tables at query time.
    filters_in_database = True
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex
    results_class = ChineseSQLiteSearchResults
