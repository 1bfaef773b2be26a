"""Elasticsearch with Chinese analysis, used when ELASTICSEARCH_URL is set.

Wagtail's backend for the cluster's major version (7, 8 or 9, from the installed client or
the MAJOR_VERSION option), with:

- every text field analysed by "chinese_index" / "chinese_search": the IK analyzer
  (ik_max_word to index, ik_smart to search) when the cluster has the analysis-ik plugin,
  else the built-in cjk analyzer (bigrams). CHINESE_ANALYZER = "ik" | "cjk" | "auto";
- the same jieba words as the database backends in two extra fields (_jieba_title,
  _jieba_text), queried with the jieba-analysed query, so results agree across backends;
  a document matches when either analysis finds every word;
- autocomplete on edge n-grams of the jieba words of titles.

The client library is optional (requirements-elasticsearch.txt): nothing here imports it
until a backend is created, so the mapping and settings can be tested without it.
"""

from copy import deepcopy
from functools import cache
from importlib import import_module

from modelsearch.index import SearchField
from modelsearch.query import PlainText

from search.analysis import analyze, query_terms

IK, CJK, AUTO = "ik", "cjk", "auto"
CHINESE_INDEX = "chinese_index"
CHINESE_SEARCH = "chinese_search"
JIEBA_WORDS = "jieba_words"
JIEBA_EDGENGRAM = "jieba_edgengram"
JIEBA_TITLE = "_jieba_title"
JIEBA_TEXT = "_jieba_text"
TITLE_BOOST = 5


def analysis_settings(analyzer):
    """Index settings for Chinese: `analyzer` is IK or CJK."""
    if analyzer == IK:
        chinese = {
            CHINESE_INDEX: {"type": "custom", "tokenizer": "ik_max_word", "filter": ["lowercase"]},
            CHINESE_SEARCH: {"type": "custom", "tokenizer": "ik_smart", "filter": ["lowercase"]},
        }
    elif analyzer == CJK:
        chinese = {CHINESE_INDEX: {"type": "cjk"}, CHINESE_SEARCH: {"type": "cjk"}}
    else:
        raise ValueError(f"unknown Chinese analyzer {analyzer!r}")
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    **chinese,
                    # Text already split into words by jieba (search.analysis).
                    JIEBA_WORDS: {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
                    JIEBA_EDGENGRAM: {
                        "type": "custom",
                        "tokenizer": "whitespace",
                        "filter": ["lowercase", "edgengram"],
                    },
                },
            }
        }
    }


def detect_analyzer(es):
    """IK if every node of the cluster has the analysis-ik plugin, else CJK."""
    try:
        nodes = es.nodes.info(metric="plugins")["nodes"].values()
    except Exception:  # noqa: BLE001 - no permission to read node info: the safe choice
        return CJK
    has_ik = bool(nodes) and all(
        any(plugin.get("name") in ("analysis-ik", "elasticsearch-analysis-ik") for plugin in node.get("plugins", []))
        for node in nodes
    )
    return IK if has_ik else CJK


class ChineseMappingMixin:
    """Chinese analyzers on text fields, and the jieba fields in every document."""

    edgengram_analyzer_config = {"analyzer": JIEBA_EDGENGRAM, "search_analyzer": JIEBA_WORDS}

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["analyzer"] = CHINESE_INDEX
            mapping["search_analyzer"] = CHINESE_SEARCH
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name, field in properties.items():
            if (name == "_all_text" or name.startswith("_all_text_boost_")) and field.get("type") == "text":
                field.setdefault("analyzer", CHINESE_INDEX)
                field.setdefault("search_analyzer", CHINESE_SEARCH)
        properties[JIEBA_TITLE] = {"type": "text", "analyzer": JIEBA_WORDS}
        properties[JIEBA_TEXT] = {"type": "text", "analyzer": JIEBA_WORDS}
        return mapping

    def _search_values(self, obj, title):
        values = []
        for field in self.model.get_search_fields():
            if isinstance(field, SearchField) and (field.field_name == "title") == title:
                value = field.get_value(obj)
                if isinstance(value, (list, tuple)):
                    value = " ".join(str(v) for v in value)
                if value:
                    values.append(str(value))
        return " ".join(values)

    def get_document(self, obj):
        document = super().get_document(obj)
        document[JIEBA_TITLE] = analyze(self._search_values(obj, title=True))
        document[JIEBA_TEXT] = analyze(self._search_values(obj, title=False))
        document["_edgengrams"] = [analyze(str(value)) for value in document.get("_edgengrams", []) if value]
        return document


class ChineseQueryCompilerMixin:
    """A plain-text query matches when the Chinese analyzer or jieba finds every word."""

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        compiled = super()._compile_plaintext_query(query, fields, boost)
        terms = query_terms(query.query_string)
        if not terms:
            return compiled
        jieba = {
            "multi_match": {
                "query": " ".join(terms),
                "fields": [f"{JIEBA_TITLE}^{TITLE_BOOST * boost}", f"{JIEBA_TEXT}^{boost}"],
                "operator": "or" if query.operator == "or" else "and",
                "analyzer": JIEBA_WORDS,
            }
        }
        return {"bool": {"should": [compiled, jieba], "minimum_should_match": 1}}


class ChineseAutocompleteCompilerMixin:
    def get_inner_query(self):
        if isinstance(self.query, PlainText):
            words = " ".join(query_terms(self.query.query_string)) or self.query.query_string
            self.query = PlainText(words, operator=self.query.operator)
        return super().get_inner_query()


def chinese_settings(base_settings, analyzer):
    settings = deepcopy(base_settings)
    analysis = analysis_settings(analyzer)["settings"]["analysis"]
    settings["settings"]["analysis"]["analyzer"].update(analysis["analyzer"])
    return settings


@cache
def backend_class(major):
    """Wagtail's backend classes for this Elasticsearch major version, with the mixins above."""
    module = import_module(f"modelsearch.backends.elasticsearch{major}")
    prefix = f"Elasticsearch{major}"
    Mapping = type("ChineseMapping", (ChineseMappingMixin, getattr(module, f"{prefix}Mapping")), {})
    Compiler = type(
        "ChineseSearchQueryCompiler",
        (ChineseQueryCompilerMixin, getattr(module, f"{prefix}SearchQueryCompiler")),
        {"mapping_class": Mapping},
    )
    Autocomplete = type(
        "ChineseAutocompleteQueryCompiler",
        (ChineseAutocompleteCompilerMixin, getattr(module, f"{prefix}AutocompleteQueryCompiler")),
        {"mapping_class": Mapping},
    )
    BaseIndex = getattr(module, f"{prefix}Index")
    BaseBackend = getattr(module, f"{prefix}SearchBackend")

    class ChineseIndex(BaseIndex):
        def put(self):
            # The analyzer is settled when an index is created (update_index), not per request.
            self.backend.settings = chinese_settings(self.backend.settings, self.backend.resolve_analyzer())
            return super().put()

    class ChineseElasticsearchBackend(BaseBackend):
        mapping_class = Mapping
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = Autocomplete
        index_class = ChineseIndex
        filters_in_database = False

        def __init__(self, params):
            params = dict(params)
            self.chinese_analyzer = params.pop("CHINESE_ANALYZER", AUTO)
            params.pop("MAJOR_VERSION", None)
            super().__init__(params)

        def resolve_analyzer(self):
            if self.chinese_analyzer in (IK, CJK):
                return self.chinese_analyzer
            return detect_analyzer(self.es)

    return ChineseElasticsearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    major = params.get("MAJOR_VERSION")
    if not major:
        # deferred: settings-dependent optional backend: the client library only when Elasticsearch is configured
        from elasticsearch import VERSION

        major = VERSION[0]
    return backend_class(int(major))(params)
