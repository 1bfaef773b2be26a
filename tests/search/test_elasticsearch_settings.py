"""The Elasticsearch index settings, mappings and queries, checked without a cluster."""

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping, ElasticsearchBaseSearchQueryCompiler

from search.analysis import analyze
from search.backends import elasticsearch as es

Mapping = type("Mapping", (es.ChineseMappingMixin, ElasticsearchBaseMapping), {})
Compiler = type(
    "Compiler", (es.ChineseQueryCompilerMixin, ElasticsearchBaseSearchQueryCompiler), {"mapping_class": Mapping}
)


def test_ik_settings_index_fine_and_search_coarse():
    analyzers = es.analysis_settings(es.IK)["settings"]["analysis"]["analyzer"]
    assert analyzers[es.CHINESE_INDEX]["tokenizer"] == "ik_max_word"
    assert analyzers[es.CHINESE_SEARCH]["tokenizer"] == "ik_smart"
    assert analyzers[es.JIEBA_WORDS] == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def test_cjk_settings_without_the_plugin():
    analyzers = es.analysis_settings(es.CJK)["settings"]["analysis"]["analyzer"]
    assert analyzers[es.CHINESE_INDEX] == {"type": "cjk"} == analyzers[es.CHINESE_SEARCH]
    with pytest.raises(ValueError):
        es.analysis_settings("smartcn")


def test_chinese_settings_keep_wagtails_own_analyzers():
    base = {"settings": {"analysis": {"analyzer": {"edgengram_analyzer": {}}, "filter": {"edgengram": {}}}}}
    merged = es.chinese_settings(base, es.CJK)
    analyzers = set(merged["settings"]["analysis"]["analyzer"])
    assert {"edgengram_analyzer", es.CHINESE_INDEX, es.JIEBA_EDGENGRAM} <= analyzers
    assert base["settings"]["analysis"]["analyzer"] == {"edgengram_analyzer": {}}  # not modified


class FakeNodes:
    def __init__(self, plugins):
        self.plugins = plugins

    def info(self, metric):
        return {"nodes": {f"n{i}": {"plugins": [{"name": p} for p in node]} for i, node in enumerate(self.plugins)}}


@pytest.mark.parametrize(
    "plugins, expected",
    [([["analysis-ik"], ["analysis-ik", "repository-s3"]], es.IK), ([["analysis-ik"], []], es.CJK), ([], es.CJK)],
)
def test_ik_is_used_only_when_every_node_has_it(plugins, expected):
    class Client:
        nodes = FakeNodes(plugins)

    assert es.detect_analyzer(Client()) == expected


def test_detection_falls_back_to_cjk_on_errors():
    class Client:
        class nodes:  # noqa: N801
            @staticmethod
            def info(metric):
                raise PermissionError

    assert es.detect_analyzer(Client()) == es.CJK


@pytest.mark.django_db
def test_page_mapping_uses_chinese_analyzers_and_adds_jieba_fields():
    from columns.models import ArticlePage

    properties = Mapping(ArticlePage).get_mapping()["properties"]
    assert properties["title"]["analyzer"] == es.CHINESE_INDEX
    assert properties["title"]["search_analyzer"] == es.CHINESE_SEARCH
    assert properties["columns_articlepage__body"]["analyzer"] == es.CHINESE_INDEX
    assert properties["_all_text"]["analyzer"] == es.CHINESE_INDEX
    assert properties[es.JIEBA_TITLE] == {"type": "text", "analyzer": es.JIEBA_WORDS}
    assert properties[es.JIEBA_TEXT] == {"type": "text", "analyzer": es.JIEBA_WORDS}
    assert properties["_edgengrams"]["analyzer"] == es.JIEBA_EDGENGRAM
    assert properties["live_filter"]["type"] == "boolean"


@pytest.mark.django_db
def test_documents_carry_the_same_jieba_words_as_the_database_index():
    from columns.models import ArticlePage

    page = ArticlePage.objects.live().exclude(summary="").first()
    document = Mapping(ArticlePage).get_document(page)
    assert document[es.JIEBA_TITLE] == analyze(page.title)
    assert analyze(page.summary) in document[es.JIEBA_TEXT]
    assert document["_edgengrams"][0] == analyze(page.title)


@pytest.mark.django_db
def test_plain_queries_match_by_either_analysis():
    from columns.models import ArticlePage

    query = Compiler(ArticlePage.objects.all(), "垃圾分类", operator="and").get_query()
    should = query["bool"]["must"]["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "垃圾分类"
    jieba = should[1]["multi_match"]
    assert jieba["query"] == "垃圾 分类" and jieba["operator"] == "and"
    assert jieba["fields"][0].startswith(es.JIEBA_TITLE + "^")
    assert query["bool"]["must"]["bool"]["minimum_should_match"] == 1


def test_the_backend_class_follows_the_client_major_version():
    pytest.importorskip("elasticsearch")
    from elasticsearch import VERSION

    backend_class = es.backend_class(VERSION[0])
    assert backend_class.mapping_class.__mro__[1] is es.ChineseMappingMixin or issubclass(
        backend_class.mapping_class, es.ChineseMappingMixin
    )
    assert backend_class.filters_in_database is False
