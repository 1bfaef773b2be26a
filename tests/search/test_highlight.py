"""Highlighting on the raw text, escaped."""

from search.highlight import find_spans, highlight, snippet


def test_marks_every_occurrence_and_escapes_the_rest():
    html = highlight("<b>垃圾</b>分类：垃圾减量", ["垃圾"])
    assert html == "&lt;b&gt;<mark>垃圾</mark>&lt;/b&gt;分类：<mark>垃圾</mark>减量"


def test_overlapping_terms_are_merged_longest_first():
    assert highlight("垃圾分类", ["垃圾分类", "垃圾", "分类"]) == "<mark>垃圾分类</mark>"
    assert find_spans("环境保护", ["环境", "境保"]) == [(0, 3)]


def test_full_width_and_case_are_folded_but_the_raw_text_is_shown():
    assert highlight("ＰＭ２．５ 浓度", ["pm2"]) == "<mark>ＰＭ２</mark>．５ 浓度"
    assert highlight("Green Week", ["green"]) == "<mark>Green</mark> Week"


def test_latin_words_match_whole_words_only():
    assert highlight("format or", ["or"]) == "format <mark>or</mark>"


def test_snippet_is_an_extract_around_the_terms():
    text = "前言。" + "无关内容" * 60 + "这里讲到噪声治理的具体措施。" + "结尾" * 200
    plain, html = snippet(text, ["噪声"])
    assert plain.startswith("…") and plain.endswith("…")
    assert "噪声治理" in plain and len(plain) <= 125
    assert "<mark>噪声</mark>治理" in html


def test_snippet_without_terms_is_the_beginning():
    plain, html = snippet("第一句。第二句。", ["没有"])
    assert plain == "第一句。第二句。" and html == "第一句。第二句。"


def test_snippet_escapes_markup():
    _plain, html = snippet("<script>alert(1)</script>噪声", ["噪声"])
    assert "<script>" not in html and "&lt;script&gt;" in html
