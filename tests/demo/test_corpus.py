"""Tests for demo.corpus: plain pytest, no Django needed."""

import re
import time
from dataclasses import FrozenInstanceError

import pytest

from demo import corpus
from demo.corpus import TOPIC_CODES, DemoArticle, make_articles

SUB_COLUMNS = [
    ("新闻中心", "局工作动态"), ("新闻中心", "基层动态"), ("新闻中心", "媒体报道"),
    ("政府信息公开", "通知公告"), ("政府信息公开", "信息公开年报"), ("政府信息公开", "规范性文件"),
    ("政府信息公开", "规划计划"), ("政府信息公开", "财政预决算"), ("政府信息公开", "行政许可"),
    ("政府信息公开", "行政处罚"), ("政府信息公开", "环境保护监督检查"), ("环境质量", "空气质量"),
    ("环境质量", "水环境质量"), ("环境质量", "声环境质量"), ("办事服务", "办事指南"),
    ("办事服务", "表格下载"), ("市容环卫", "垃圾分类"), ("专题专栏", "创建国家环保模范城区"),
    ("宣传教育", "环保知识"), ("政策法规", "法规解读"), ("资源中心", "文字资料"),
    ("资源中心", "操作手册"), ("内网", "培训"), ("内网", "领导讲话"), ("内网", "规章制度"),
    ("内网", "学习园地"), ("内网", "党建工会"), ("基层单位", "公路管理署动态"), ("基层单位", "河道管理署"),
    ("政府信息公开", "政府采购"), ("政府信息公开", "人事信息"), ("政府信息公开", "建议提案办理"),
    ("政府信息公开", "机构职能"), ("政府信息公开", "政府信息公开指南"), ("互动交流", "在线访谈"),
    ("", "应急管理"), ("市容环卫", ""),
]
SITES = ("public", "intranet")


def _all_text(article: DemoArticle) -> str:
    return "\n".join([
        article.title, article.subtitle, article.source, article.author, article.summary,
        article.doc_number, *article.paragraphs, *article.keywords,
    ])


def _generate(count=12, seeds=(0, 1, "demo")):
    for seed in seeds:
        for site in SITES:
            for column, sub in SUB_COLUMNS:
                yield column, sub, site, make_articles(column, sub, count, seed=seed, site=site)


def test_deterministic_for_same_arguments():
    for column, sub in SUB_COLUMNS[:12]:
        for site in SITES:
            first = make_articles(column, sub, 8, seed=7, site=site)
            again = make_articles(column, sub, 8, seed=7, site=site)
            assert first == again


def test_seed_site_and_column_change_the_output():
    base = make_articles("新闻中心", "局工作动态", 6, seed=1)
    assert make_articles("新闻中心", "局工作动态", 6, seed=2) != base
    assert make_articles("新闻中心", "局工作动态", 6, seed=1, site="intranet") != base
    assert make_articles("新闻中心2", "局工作动态", 6, seed=1) != base


def test_shorter_list_is_prefix_of_longer_one():
    longer = make_articles("政府信息公开", "通知公告", 12, seed=3)
    assert make_articles("政府信息公开", "通知公告", 5, seed=3) == longer[:5]


def test_global_random_state_is_untouched():
    import random

    random.seed(123)
    expected = random.random()
    random.seed(123)
    make_articles("新闻中心", "局工作动态", 5, seed=1)
    assert random.random() == expected


@pytest.mark.parametrize("count", range(0, 13))
def test_count_and_unique_titles(count):
    for column, sub in SUB_COLUMNS:
        articles = make_articles(column, sub, count, seed="t", site="public")
        assert len(articles) == count
        assert len({a.title for a in articles}) == count


def test_article_is_frozen():
    article = make_articles("新闻中心", "局工作动态", 1, seed=1)[0]
    assert isinstance(article, DemoArticle)
    with pytest.raises(FrozenInstanceError):
        article.title = "改"  # type: ignore[misc]


def test_lengths_within_bounds():
    for column, sub, site, articles in _generate():
        for a in articles:
            where = f"{column}/{sub}/{site}: {a.title}"
            assert 10 <= len(a.title) <= 36, where
            assert 40 <= len(a.summary) <= 90, (where, a.summary)
            assert 3 <= len(a.paragraphs) <= 7, where
            for paragraph in a.paragraphs:
                assert 60 <= len(paragraph) <= 220, (where, paragraph)
            assert 2 <= len(a.keywords) <= 4, (where, a.keywords)
            assert len(set(a.keywords)) == len(a.keywords), (where, a.keywords)
            assert a.source, where


def test_text_is_chinese_and_fully_rendered():
    han = re.compile(r"[\u4e00-\u9fff]")
    for _, _, _, articles in _generate(count=6):
        for a in articles:
            text = _all_text(a)
            assert "{" not in text and "}" not in text, a.title
            assert han.search(a.title) and han.search(a.summary)
            assert all(han.search(k) for k in a.keywords), a.keywords


def test_topics_are_known_codes():
    assert 8 <= len(TOPIC_CODES) <= 14
    assert all(re.fullmatch(r"[a-z]{4}", code) for code in TOPIC_CODES)
    seen = set()
    for _, _, _, articles in _generate(count=6):
        for a in articles:
            assert a.topic in TOPIC_CODES, a.topic
            seen.add(a.topic)
    assert len(seen) >= 10  # the corpus spreads over the classification


def test_no_personal_data():
    long_digits = re.compile(r"\d{11,}")
    for _, _, _, articles in _generate():
        for a in articles:
            text = _all_text(a)
            assert not long_digits.search(text), a.title
            assert "@" not in text and "＠" not in text, a.title


def test_no_absolute_dates_in_news():
    for site in SITES:
        for a in make_articles("新闻中心", "局工作动态", 12, seed=5, site=site):
            assert not re.search(r"\d{1,2}月\d{1,2}日", _all_text(a)), a.title
            assert a.doc_number == ""


@pytest.mark.parametrize("sub, genre", [
    ("行政处罚", "penalty"), ("行政许可", "permit"), ("信息公开年报", "annual"), ("财政预决算", "budget"),
    ("规范性文件", "normative"), ("法规解读", "interpretation"), ("规划计划", "plan"), ("空气质量", "air_quality"),
    ("水环境质量", "water_quality"), ("声环境质量", "noise_quality"), ("环境保护监督检查", "supervision"),
    ("通知公告", "notice"), ("局工作动态", "news"), ("公路管理署动态", "news"), ("媒体报道", "media"),
    ("办事指南", "guide"), ("表格下载", "forms"), ("环保知识", "knowledge"), ("领导讲话", "speech"),
    ("规章制度", "rules"), ("学习园地", "study"), ("操作手册", "manual"), ("培训", "training"),
    ("党建工会", "party"), ("创建国家环保模范城区", "campaign"), ("文字资料", "materials"),
    ("垃圾分类", "topical"), ("河道管理署", "topical"), ("建议提案办理", "proposal"), ("在线访谈", "generic"),
])
def test_classification(sub, genre):
    assert corpus._classify("栏目", sub)[0] == genre


def test_sub_column_title_wins_over_column_title():
    assert corpus._classify("通知公告", "行政处罚")[0] == "penalty"
    assert corpus._classify("政府信息公开", "垃圾分类") == ("topical", "garbage")
    assert corpus._classify("行政处罚", "")[0] == "penalty"


def _articles(sub, column="政府信息公开", count=12, site="public"):
    return make_articles(column, sub, count, seed="genre", site=site)


def test_penalty_entries():
    for a in _articles("行政处罚"):
        assert "处罚" in a.title
        assert re.fullmatch(r"浦\S*罚〔20(24|25|26)〕\d{1,3}号", a.doc_number), a.doc_number
        body = "".join(a.paragraphs)
        for part in ("违法事实", "处罚依据", "处罚结果"):
            assert part in body
        assert "某某" in a.title  # enterprise names are anonymised
        assert a.topic == "xzzf"


def test_permit_entries():
    for a in _articles("行政许可"):
        assert a.doc_number
        assert any(w in a.title for w in ("许可", "审批", "环评", "环境影响", "准予", "核准", "核发")), a.title
        assert a.topic == "xzxk"


def test_quality_bulletins():
    for a in _articles("空气质量", "环境质量"):
        assert "空气" in a.title or "AQI" in a.title, a.title
        assert "优良天数" in "".join(a.paragraphs)
    for a in _articles("水环境质量", "环境质量"):
        assert "水" in a.title, a.title
    for a in _articles("声环境质量", "环境质量"):
        assert "声" in a.title or "噪声" in a.title, a.title


def test_notices():
    for site in SITES:
        for a in _articles("通知公告", site=site):
            assert "通知" in a.title or "公告" in a.title, a.title
            assert a.doc_number
            assert a.paragraphs[1].startswith("一、")
            assert a.paragraphs[-1].endswith(("特此通知。", "特此公告。"))


def test_annual_reports():
    for a in _articles("信息公开年报"):
        assert re.search(r"20(24|25)年政府信息公开工作年度报告$", a.title), a.title
        assert a.doc_number == ""


def test_normative_documents_and_plans_have_doc_numbers():
    for a in _articles("规范性文件"):
        assert re.fullmatch(r"浦\S+〔20(24|25|26)〕\d{1,3}号", a.doc_number), a.doc_number
    plans = _articles("规划计划")
    assert all(any(w in a.title for w in ("规划", "计划", "要点", "方案", "总结")) for a in plans)
    assert sum(bool(a.doc_number) for a in plans) >= 6


def test_budget_figures_add_up():
    for a in _articles("财政预决算"):
        assert "预算" in a.title or "决算" in a.title, a.title
        assert a.topic == "czzj"
        body = "".join(a.paragraphs)
        total, fin, other = (float(x) for x in re.search(
            r"总计([\d.]+)万元，其中财政拨款收入([\d.]+)万元，其他收入([\d.]+)万元", body).groups())
        assert round(fin + other, 2) == total


def test_guides_forms_and_media():
    for a in _articles("办事指南", "办事服务"):
        assert any(w in a.title for w in ("指南", "流程", "须知", "问题解答")), a.title
    for a in _articles("表格下载", "办事服务"):
        assert "下载" in a.title or "申请表" in a.title, a.title
    for a in _articles("媒体报道", "新闻中心"):
        assert a.source in corpus.PAPERS and a.source in a.title


def test_subject_follows_titles():
    for a in _articles("公路管理署动态", "新闻中心"):
        assert "公路" in _all_text(a) or "桥梁" in _all_text(a)
        assert a.topic == "jtys"
    for a in _articles("垃圾分类", "市容环卫"):
        assert "垃圾" in _all_text(a)
        assert a.topic == "srhw"
    for a in _articles("河道管理署", "基层单位"):
        assert a.topic == "slsw"


def test_speeches_and_party_pieces():
    for a in _articles("领导讲话", "内网", site="intranet"):
        assert a.title.startswith("在") and "讲话" in a.title
        assert a.paragraphs[0].startswith("同志们")
    assert {a.topic for a in _articles("党建工会", "内网", site="intranet")} == {"dqjs"}


def test_generic_genre_uses_sub_column_title():
    assert corpus._classify("其他", "节能减排") == ("generic", None)
    articles = _articles("节能减排", "其他")
    assert sum("节能减排" in a.title for a in articles) >= 6
    # a column title can still choose the genre when the sub-column title says nothing
    assert corpus._classify("专项工作", "节能减排")[0] == "news"


def test_speed_two_thousand_articles():
    subs = [sub or column for column, sub in SUB_COLUMNS][:20]
    start = time.perf_counter()
    total = 0
    for i in range(10):
        for sub in subs:
            total += len(make_articles(f"栏目{i}", sub, 10, seed=i))
    elapsed = time.perf_counter() - start
    assert total == 2000
    assert elapsed < 1.0, elapsed
