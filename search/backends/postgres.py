"""PostgreSQL backend with Chinese analysis: stored tsvectors, matched through GIN indexes
(including the title || body expression index of sitesearch's migration 0002, used by the
sitesearch_matches() function of migration 0003) and ranked with ts_rank."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres as base
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.conf import get_app_config
from modelsearch.index import RelatedFields
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.analysis import analyze, query_terms

from .ranking import (
    TITLE_WEIGHT,
    RankedQueryCompilerMixin,
    RankedResultsMixin,
    is_simple_query,
    render_query_tree,
    tree_words,
)

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

# The text search configuration for both indexing and querying: words are already split by
# jieba, so no stemming or stop words (and the same words as on SQLite).
SEARCH_CONFIG = "simple"


class ChineseObjectIndexer(base.ObjectIndexer):
    """Every indexed value goes through search.analysis.analyze. The plain-text copies that
    Wagtail keeps for trigram (fuzzy) search stay empty: fuzzy matching of unsegmented Chinese
    is not offered, and without them an index row stays small enough for PostgreSQL to keep
    the whole table in memory (the body vector itself is stored out of line)."""

    title_text = ""
    body_text = ""

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)
            return
        for current_field, weight, value in super().prepare_field(obj, field):
            yield current_field, weight, analyze(value)


class ChinesePostgresIndex(base.PostgresIndex):
    indexer_class = ChineseObjectIndexer

    def add_items(self, model, objs):
        # As PostgresIndex.add_items, with our indexer class.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                                     title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


def _combine(items, operator):
    return reduce((lambda a, b: a & b) if operator == "and" else (lambda a, b: a | b), items)


def _tsquery_quote(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_string(tree, prefix_last=False):
    """A to_tsquery() string for a query tree of analysed words (see ranking.query_tree)."""
    return render_query_tree(
        tree,
        quote=_tsquery_quote,
        phrase=lambda words: "(" + " <-> ".join(_tsquery_quote(w) for w in words) + ")",
        and_op=" & ",
        or_op=" | ",
        prefix_mark=":*",
        prefix_last=prefix_last,
    )


class ChinesePostgresSearchQueryCompiler(RankedQueryCompilerMixin, base.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        # Used by Wagtail's own search() (facets, negated queries): analysed words.
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string)
            if not terms:
                return None
            lexemes = [Lexeme(term, invert=invert) for term in terms[:-1]]
            lexemes.append(Lexeme(terms[-1], invert=invert, prefix=self.LAST_TERM_IS_PREFIX))
            operator = query.operator if not invert else ("or" if query.operator == "and" else "and")
            return SearchQuery(_combine(lexemes, operator), search_type="raw", config=config)
        if isinstance(query, Phrase):
            terms = query_terms(query.query_string)
            return SearchQuery(" ".join(terms), search_type="phrase", config=config) if terms else None
        if isinstance(query, (And, Or)):
            parts = [self.build_tsquery_content(q, config=config, invert=invert) for q in query.subqueries]
            parts = [p for p in parts if p is not None]
            if not parts:
                return None
            is_and = isinstance(query, And) != invert
            return _combine(parts, "and" if is_and else "or")
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        # Wagtail's own path (facets, negated queries): a query with no words finds nothing.
        if is_simple_query(self.query) and self.tree() is None:
            return self.queryset.none()
        return super().search(SEARCH_CONFIG, start, stop, score_field, backend)

    def match_mode(self):
        """Which stored vector to match (title || body has an expression index)."""
        if self.fields and set(self.fields) == {"title"}:
            return "title"
        if self.fields and "title" not in self.fields:
            return "body"
        return "all"

    def object_pk_sql(self):
        return "ie.object_id"

    def match_sql(self, ranked):
        # sitesearch_matches() (migration 0003) matches through the GIN index whatever the
        # planner would think, and gives the tier and the title's ts_rank of each match.
        # Ranked on the title vector only: it is small and stored in the row, whereas reading
        # every matching body vector (out of line, compressed) costs more than the rest of
        # the query; with Wagtail's weights the body's share of ts_rank is ~1 % anyway.
        # Matches in the body only are therefore ordered by the tie-break (newest first).
        tree = self.tree()
        words = tree_words(tree)
        any_word = "(" + " | ".join(tsquery_string(("or", [w])) for w in words) + ")"
        content_types = get_descendants_content_types_pks(self.queryset.model)
        q = f"to_tsquery('{SEARCH_CONFIG}', %s)"
        return {
            "select": "ie.object_id, ie.tier, ie.rank * %s AS rank" if ranked else "ie.object_id",
            "select_params": [TITLE_WEIGHT] if ranked else [],
            "from": f"sitesearch_matches(%s::text, {q}, {q}, %s::float4[], %s::integer[]) AS ie",
            "from_params": [
                self.match_mode(),
                tsquery_string(tree, self.LAST_TERM_IS_PREFIX),
                any_word,
                self.sql_weights,
                list(content_types),
            ],
            "where": "TRUE",
            "where_params": [],
        }


class ChinesePostgresAutocompleteQueryCompiler(ChinesePostgresSearchQueryCompiler):
    LAST_TERM_IS_PREFIX = True
    TARGET_SEARCH_FIELD_TYPE = base.PostgresAutocompleteQueryCompiler.TARGET_SEARCH_FIELD_TYPE

    get_search_fields_for_model = base.PostgresAutocompleteQueryCompiler.get_search_fields_for_model
    get_index_vectors = base.PostgresAutocompleteQueryCompiler.get_index_vectors
    get_fields_vectors = base.PostgresAutocompleteQueryCompiler.get_fields_vectors

    def get_config(self, backend):
        return SEARCH_CONFIG

    def match_mode(self):
        return "autocomplete"


class ChinesePostgresSearchResults(RankedResultsMixin, base.PostgresSearchResults):
    pass


class ChinesePostgresSearchBackend(base.PostgresSearchBackend):
    # Live status, paths and view restrictions are read from the page tables at query time.
    filters_in_database = True
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex
    results_class = ChinesePostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = SEARCH_CONFIG
        self.autocomplete_config = SEARCH_CONFIG
