"""Fast counting and ranking for the database backends.

Wagtail's database backends rank by annotating every row of the caller's queryset with a
correlated score subquery (on SQLite that re-runs the full-text MATCH for every row: 30-50 s
for a common word over 5,000 pages). Here one statement does the work: the full-text match
runs once in the index, each matching index row is joined by primary key to the caller's
queryset (the scope: live, public, this site ...), the database's own full-text ranking
scores the rows in the same pass, and only the requested slice of objects is loaded.

Relevance order:
1. tier: all query words in the title (2), some in the title (1), body only (0);
2. the relevance score, compared at SCORE_PRECISION (closer scores are ties);
3. the queryset's own ordering (newest first for the site search), then the newest id.
"""

from django.db import connections
from django.db.models import F
from modelsearch.backends.base import SearchFieldError
from modelsearch.query import And, Or, Phrase, PlainText

from search.analysis import query_terms

# How much more a word in the title counts than a word in the body.
TITLE_WEIGHT = 5.0
# Scores are compared at this many decimals: closer scores are ties, and the newer wins.
SCORE_PRECISION = 1
INTEGER_PKS = ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "SmallAutoField")


def is_simple_query(query):
    """Plain words, phrases and AND/OR of them: what the fast path handles (negations,
    MatchAll, fuzzy and boosted queries go to the stock implementation)."""
    if isinstance(query, (PlainText, Phrase)):
        return True
    if isinstance(query, (And, Or)):
        return bool(query.subqueries) and all(is_simple_query(q) for q in query.subqueries)
    return False


def query_tree(query, prefix_last=False):
    """The query as ("and"|"or"|"phrase", [children or words]) with analysed words, or None
    when no word is left (e.g. only punctuation). The last word of the whole query may be a
    prefix (autocomplete)."""
    if isinstance(query, PlainText):
        words = query_terms(query.query_string)
        return ("or" if query.operator == "or" else "and", words) if words else None
    if isinstance(query, Phrase):
        words = query_terms(query.query_string)
        return ("phrase", words) if words else None
    if isinstance(query, (And, Or)):
        children = [c for c in (query_tree(q) for q in query.subqueries) if c is not None]
        return ("and" if isinstance(query, And) else "or", children) if children else None
    return None


def render_query_tree(tree, *, quote, phrase, and_op, or_op, prefix_mark, prefix_last=False):
    """A query tree in a database's full-text syntax: words quoted by `quote`, phrases made by
    `phrase`, groups joined by `and_op`/`or_op`; the last word of the whole query gets
    `prefix_mark` when `prefix_last` (autocomplete)."""

    def build(node, last_branch):
        kind, items = node
        if kind == "phrase":
            return phrase(items)
        parts = []
        for i, item in enumerate(items):
            last = last_branch and i == len(items) - 1
            if isinstance(item, tuple):
                parts.append(build(item, last))
            else:
                parts.append(quote(item) + (prefix_mark if prefix_last and last else ""))
        return "(" + (and_op if kind == "and" else or_op).join(parts) + ")"

    return build(tree, True)


def tree_words(tree):
    _kind, items = tree
    words = []
    for item in items:
        words.extend(tree_words(item) if isinstance(item, tuple) else [item])
    return words


class RankedQueryCompilerMixin:
    """Mixed into a database backend's query compiler. Subclasses provide match_sql(): the
    SELECT list, FROM and WHERE over the index (with their parameters) that yield `object_id`,
    `tier` and `rank` (higher is better) for the rows matching the query, for this model's
    content types, and object_pk_sql(): the indexed object's primary key in those rows."""

    LAST_TERM_IS_PREFIX = False
    NO_LIMIT = 2**62

    def check(self):
        # The database backends run the caller's queryset as SQL, so any filter, annotation or
        # ordering works (scopes use joins and annotations); only `fields` needs checking.
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_searchable_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise SearchFieldError(
                        f'Cannot search with field "{name}". Please add index.SearchField("{name}") to '
                        f"{self.queryset.model.__name__}.search_fields.",
                        field_name=name,
                    )

    def fast_path_available(self):
        pk = self.queryset.model._meta.pk
        target = getattr(pk, "target_field", pk)
        return (
            is_simple_query(self.query)
            and target.get_internal_type() in INTEGER_PKS
            and not self.queryset.query.is_sliced
        )

    def tree(self):
        if not hasattr(self, "_tree"):
            self._tree = query_tree(self.query)
        return self._tree

    def _order_fields(self):
        """(name, descending) of the queryset's own ordering: the tie-break."""
        fields = []
        for item in self.queryset.query.order_by:
            if isinstance(item, str) and item != "?":
                fields.append((item.lstrip("-"), item.startswith("-")))
        return fields

    def _scope_sql(self, with_order=True):
        """The caller's queryset as SQL selecting _pk and the tie-break columns _o0, _o1 ..."""
        values = {"_pk": F("pk")}
        if with_order:
            values.update({f"_o{i}": F(name) for i, (name, _desc) in enumerate(self._order_fields())})
        return self.queryset.order_by().values(**values).query.sql_with_params()

    def _execute(self, sql, params):
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _statement(self, ranked, count=False):
        """SELECT ... FROM <index> JOIN (<scope>) ... WHERE <match>, and its parameters."""
        match = self.match_sql(ranked=ranked and not count)
        scope_sql, scope_params = self._scope_sql(with_order=not count)
        if count:
            select, select_params = "COUNT(*)", []
        else:
            select, select_params = match["select"], match["select_params"]
            order_columns = "".join(f", scope._o{i} AS _o{i}" for i in range(len(self._order_fields())))
            select += ", scope._pk AS _pk" + order_columns
        sql = (
            f"SELECT {select} FROM {match['from']} "
            f"JOIN ({scope_sql}) AS scope ON scope._pk = {self.object_pk_sql()} WHERE {match['where']}"
        )
        return sql, [*select_params, *match["from_params"], *scope_params, *match["where_params"]]

    def count(self):
        if self.tree() is None:
            return 0
        sql, params = self._statement(ranked=False, count=True)
        return self._execute(sql, params)[0][0]

    def ranked(self, start, stop, score_field=None):
        """(objects of the slice in order, total number of matches or None if unknown)."""
        if self.tree() is None:
            return [], 0
        relevance = self.order_by_relevance
        inner, params = self._statement(ranked=relevance)
        ordering = ["tier DESC", f"ROUND(CAST(rank AS NUMERIC), {SCORE_PRECISION}) DESC"] if relevance else []
        for i, (_name, descending) in enumerate(self._order_fields()):
            ordering.append(f"_o{i} {'DESC' if descending else 'ASC'} NULLS LAST")
        ordering.append("_pk DESC")
        # The window count comes from the same pass as the ranking (SQLite does not allow
        # bm25() under a window function, hence the derived table).
        columns = "object_id, tier, rank" if relevance else "object_id"
        sql = (
            f"SELECT {columns}, COUNT(*) OVER () AS total FROM ({inner}) AS matched "
            f"ORDER BY {', '.join(ordering)} LIMIT %s OFFSET %s"
        )
        params += [max(0, stop - start) if stop is not None else self.NO_LIMIT, start]
        rows = self._execute(sql, params)
        total = rows[0][-1] if rows else (0 if not start else None)
        ids = [int(row[0]) for row in rows]
        objects = {obj.pk: obj for obj in self.queryset.order_by().filter(pk__in=ids)}
        results = []
        for row in rows:
            obj = objects.get(int(row[0]))
            if obj is None:  # deleted between the two queries
                continue
            if score_field:
                tier, rank = (row[1], row[2]) if relevance else (0, 0.0)
                setattr(obj, score_field, tier * 1000 + (rank or 0.0))
            results.append(obj)
        return results, total


class RankedResultsMixin:
    """Mixed into a database backend's search results class: use the fast path when it applies."""

    def _do_search(self):
        compiler = self.query_compiler
        if compiler.fast_path_available():
            results, total = compiler.ranked(self.start, self.stop, self._score_field)
            if total is not None and self._count_cache is None:
                # The number of matches came with the slice: the count of this slice is the
                # part of it from `start` on, like a sliced queryset's count().
                remaining = max(0, total - self.start)
                self._count_cache = min(remaining, self.stop - self.start) if self.stop is not None else remaining
                self.total_matches = total
            return results
        return super()._do_search()

    def _do_count(self):
        compiler = self.query_compiler
        if compiler.fast_path_available():
            return compiler.count()
        return super()._do_count()
