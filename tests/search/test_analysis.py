"""The Chinese analysis shared by indexing and querying."""

import pytest

from search import analysis
from search.analysis import analyse_query, analyze, clean_query, read_user_dictionary


def words(text):
    return analyze(text).split()


def test_text_is_split_into_words_and_sub_words():
    assert {"浦东", "新区", "环境", "保护", "管理局"} <= set(words("浦东新区环境保护和市容卫生管理局"))
    assert {"垃圾", "分类"} <= set(words("生活垃圾分类工作动态"))


def test_bureau_dictionary_terms_are_words():
    assert "河道管理署" in words("区河道管理署开展巡查")
    assert "市容环卫" in words("全区市容环卫工作会议")
    assert "两会" in words("两会议案办理") or "两会议案" in words("两会议案办理")


def test_mixed_chinese_english_and_numbers():
    assert words("Pudong EPA发布PM2.5监测数据")[:6] == ["pudong", "epa", "发布", "pm2", "5", "监测"]
    assert words("ＡＢＣ１２３") == ["abc123"]  # full width folded


def test_punctuation_is_dropped():
    assert words("“垃圾分类”，《条例》！") == words("垃圾分类 条例")


def test_query_words_are_the_smallest_common_words():
    assert analyse_query("垃圾分类").terms == ("垃圾", "分类")
    assert analyse_query("环境保护").terms == ("环境", "保护")
    assert analyse_query("浦东 环境").terms == ("浦东", "环境")


def test_function_words_are_dropped_when_there_is_more():
    assert "的" not in analyse_query("垃圾分类的通知").terms
    assert analyse_query("的").terms == ("的",)


def test_document_numbers_and_quotes_become_phrases():
    query = analyse_query("浦环保〔2005〕12号")
    assert query.phrases == ("〔2005〕12号",)
    assert query.plain == "浦环保"
    assert set(query.terms) == {"浦", "环保", "2005", "12", "号"}
    assert "浦环保〔2005〕12号" in query.highlight_terms
    assert analyse_query('"垃圾分类" 通知').phrases == ("垃圾分类",)
    assert analyse_query('"没有闭合').phrases == ()


@pytest.mark.parametrize("raw", ["", "   ", "\x00", "！？。", "😀", None, 42])
def test_queries_without_words_are_empty(raw):
    assert not analyse_query(clean_query(raw) if not isinstance(raw, str) else raw)


def test_queries_are_cleaned_and_capped():
    assert clean_query("  垃圾\x00分类\n\t通知 ") == "垃圾 分类 通知"
    assert len(clean_query("环" * 10_000)) == analysis.MAX_QUERY_LENGTH
    assert len(analyse_query("环境 " * 100).terms) <= analysis.MAX_QUERY_TERMS


def test_segmentation_is_cached():
    analyze.cache_clear()
    analyze("浦东新区环境保护")
    analyze("浦东新区环境保护")
    assert analyze.cache_info().hits == 1


def test_user_dictionary_file_is_read_with_comments(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# 注释\n\n垃圾分类 5000 n\n河长制\n", encoding="utf-8")
    assert read_user_dictionary(path) == [("垃圾分类", 5000, "n"), ("河长制", None, None)]
    assert len(read_user_dictionary()) > 100  # the bureau's own file


def test_jieba_loads_once_per_process():
    first = analysis.get_tokenizer()
    assert analysis.get_tokenizer() is first
    assert analysis.is_loaded()
