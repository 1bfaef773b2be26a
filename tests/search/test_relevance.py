"""Relevance: over a fixed set of articles, what a person would expect comes first.

The articles sit in a column of their own and every query is run with that column as filter,
so the ~2,000 demo articles do not decide the outcome; the analysis, the index and the
ranking are the real ones (the same module runs on SQLite and on PostgreSQL).

For each query: `relevant` must all be in the first 10 results (recall@10), and the first
result that is one of `best` must be at rank `best_rank` or better."""

import pytest
from django.db import transaction

from search.engine import DATE, options, run_search
from tests.helpers import add_article, add_column, add_sub_column

from .conftest import days_ago, make_request

# key: (title, body, days ago, extra fields)
CORPUS = {
    "A1": ("浦东新区环境保护和市容卫生管理局召开2025年度工作会议", "会议总结了过去一年的工作，部署了今年的重点任务。", 30, {}),
    "A2": ("生活垃圾分类工作动态（第十二期）", "本期介绍湿垃圾、干垃圾、可回收物和有害垃圾的收运情况。", 10, {}),
    "A3": ("关于开展夏季社会生活噪声专项整治的通知", "各街镇要加强对广场舞、装修施工等扰民行为的管理。", 20, {}),
    "A4": ("张家浜河道整治工程顺利完工", "整治后河道水质明显改善，沿岸新建了亲水步道。", 40, {}),
    "A5": (
        "关于加强建设项目环境影响评价管理的通知",
        "依据浦环保〔2005〕12号文件要求，各单位应严格执行环评审批制度。",
        400,
        {"doc_number": "浦环保〔2005〕12号"},
    ),
    "A6": ("关于印发危险废物管理办法的通知", "本办法自12月起施行。", 390, {"doc_number": "浦环保〔2005〕13号"}),
    "A7": ("Pudong Green Week 环保宣传周活动回顾", "Green Week 期间共举办讲座十余场。", 15, {}),
    "A8": ("大气污染防治行动计划实施情况", "全区细颗粒物浓度持续下降。", 50, {}),
    "A9": ("建筑工地扬尘污染控制技术规范解读", "施工单位应落实六个百分之百要求。", 60, {}),
    "A10": ("渣土运输车辆专项执法检查结果通报", "共检查渣土运输车辆三百余辆。", 70, {}),
    "A11": ("湿垃圾资源化利用设施投入运行", "设施日处理能力达到两百吨。", 25, {}),
    "A12": ("公共厕所提标改造工程全面启动", "今年计划改造公共厕所五十座。", 35, {}),
    "A13": ("川杨河水质监测月报（三月）", "川杨河各断面水质均达到四类标准。", 45, {}),
    "A14": ("陆家嘴街道美丽街区建设成效显著", "街区环境面貌焕然一新。", 55, {}),
    "A15": ("排污许可证核发工作指南", "企业应在规定期限内申领排污许可证。", 65, {}),
    "A16": ("空气质量指数实时发布说明", "空气质量指数每小时更新一次。", 75, {}),
    "A17": ("局长信箱来信办理情况通报", "本季度共收到来信一百二十件，均已按期办结。", 80, {}),
    "A18": ("两会议案办理工作推进会召开", "今年共承办人大代表建议和政协提案四十件。", 85, {}),
    "A19": ("户外广告设施设置审批办事指南", "申请人应提交设置方案和安全检测报告。", 90, {}),
    "A20": ("绿化养护作业质量考核办法", "考核结果与养护经费挂钩。", 95, {}),
    "A21": ("道路保洁作业规范（修订版）", "道路保洁实行一日两扫、全天保洁。", 365, {}),
    "A22": ("道路保洁作业规范（试行版）", "道路保洁实行一日两扫、全天保洁。", 5, {}),
    "A23": ("关于装修施工管理的提示", "装修施工应避开休息时间，防止噪声扰民。", 3, {}),
    "A24": ("环境监测站开展土壤污染状况调查", "调查覆盖全区重点行业企业用地。", 100, {}),
    "A25": ("浦东新区环境质量状况公报", "全区环境质量总体稳中向好。", 110, {}),
    "A26": ("医疗废物收运处置工作会议召开", "确保医疗废物日产日清。", 120, {}),
    "A27": ("黑臭水体整治工作通过验收", "全区已基本消除黑臭水体。", 130, {}),
    "A28": ("志愿者参与垃圾分类宣传活动", "志愿者在小区门口指导居民分类投放。", 140, {}),
    "A29": ("Environmental Protection Law 英文版发布", "The English version of the law is now available.", 150, {}),
    "A30": ("河长制工作考核结果公示", "各级河长认真履职。", 160, {}),
    "A31": ("景观灯光设施维护保养方案", "确保节日期间景观灯光正常开启。", 170, {}),
    "A32": ("政府信息公开工作年度报告", "全年主动公开政府信息三千余条。", 180, {"in_catalogue": True}),
    "A33": ("依申请公开办理情况统计", "全年受理政府信息公开申请八十件。", 190, {}),
    "A34": ("高温天气环卫工人防暑降温措施", "调整作业时间，避开高温时段。", 200, {}),
    "A35": ("冬季道路除冰防冻应急预案", "遇降雪天气及时撒布融雪剂。", 210, {}),
    "A36": ("餐厨垃圾收运单位名单公布", "名单内单位均已完成备案。", 220, {}),
    "A37": ("新场镇农村生活污水治理项目开工", "项目覆盖十二个行政村。", 230, {}),
    "A38": ("金桥镇工业企业挥发性有机物治理", "企业 VOCs 治理设施运行情况良好。", 240, {}),
    "A39": ("环保市容局开展安全生产大检查", "重点检查垃圾中转站和环卫车辆。", 250, {}),
    "A40": ("外高桥地区噪声地图发布", "噪声地图覆盖主要道路和居住区。", 260, {}),
    "A41": ("可回收物回收体系建设三年行动计划", "到期末基本建成回收网络。", 270, {}),
    "A42": ("浦东环境教育基地名录", "共有十二家单位入选。", 280, {}),
    "A43": ("上海市生活垃圾管理条例解读", "条例规定生活垃圾按照四分类标准投放。", 290, {}),
    "A44": ("关于做好2025年度环境保护工作的意见", "各单位要压实责任，抓好落实。", 300, {}),
}

# query: (relevant, best, best_rank)
QUERIES = {
    "环境": ({"A1", "A24", "A25", "A42", "A44"}, {"A1", "A24", "A25", "A42", "A44"}, 1),
    "环境保护": ({"A1", "A44"}, {"A1", "A44"}, 1),
    "垃圾分类": ({"A2", "A28", "A43"}, {"A2", "A28"}, 1),
    "噪声": ({"A3", "A40", "A23"}, {"A3", "A40"}, 1),
    "浦东 环境": ({"A1", "A25", "A42"}, {"A1", "A25", "A42"}, 1),
    "Green": ({"A7"}, {"A7"}, 1),
    "浦环保〔2005〕12号": ({"A5"}, {"A5"}, 1),
    "大气污染": ({"A8"}, {"A8"}, 1),
    "扬尘": ({"A9"}, {"A9"}, 1),
    "渣土运输": ({"A10"}, {"A10"}, 1),
    "湿垃圾": ({"A11", "A2"}, {"A11"}, 1),
    "公共厕所": ({"A12"}, {"A12"}, 1),
    "川杨河": ({"A13"}, {"A13"}, 1),
    "水质": ({"A13", "A4"}, {"A13"}, 1),
    "美丽街区": ({"A14"}, {"A14"}, 1),
    "排污许可证": ({"A15"}, {"A15"}, 1),
    "空气质量": ({"A16"}, {"A16"}, 1),
    "局长信箱": ({"A17"}, {"A17"}, 1),
    "两会议案": ({"A18"}, {"A18"}, 1),
    "户外广告": ({"A19"}, {"A19"}, 1),
    "绿化养护": ({"A20"}, {"A20"}, 1),
    "道路保洁": ({"A21", "A22"}, {"A22"}, 1),
    "土壤污染": ({"A24"}, {"A24"}, 1),
    "环境质量": ({"A25"}, {"A25"}, 1),
    "医疗废物": ({"A26"}, {"A26"}, 1),
    "黑臭水体": ({"A27"}, {"A27"}, 1),
    "志愿者": ({"A28"}, {"A28"}, 1),
    "environmental": ({"A29"}, {"A29"}, 1),
    "河长制": ({"A30"}, {"A30"}, 1),
    "景观灯光": ({"A31"}, {"A31"}, 1),
    "政府信息公开": ({"A32", "A33"}, {"A32"}, 1),
    "依申请公开": ({"A33"}, {"A33"}, 1),
    "防暑降温": ({"A34"}, {"A34"}, 1),
    "除冰": ({"A35"}, {"A35"}, 1),
    "餐厨垃圾": ({"A36"}, {"A36"}, 1),
    "生活污水": ({"A37"}, {"A37"}, 1),
    "VOCs": ({"A38"}, {"A38"}, 1),
    "安全生产": ({"A39"}, {"A39"}, 1),
    "噪声地图": ({"A40"}, {"A40"}, 1),
    "可回收物": ({"A41", "A2"}, {"A41"}, 1),
    "垃圾 管理条例": ({"A43"}, {"A43"}, 1),
    "河道 整治": ({"A4"}, {"A4"}, 1),
    "工作会议": ({"A1", "A26"}, {"A1", "A26"}, 1),
    "办事指南": ({"A19"}, {"A19"}, 1),
    "环评": ({"A5"}, {"A5"}, 1),
}


BY_TITLE = {title: key for key, (title, *_rest) in CORPUS.items()}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The articles above, created once for the module inside a transaction rolled back at the end."""
    from home.models import PublicHomePage

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home = PublicHomePage.objects.get()
            column = add_column(home, "jsyb", "检索样本")
            sub = add_sub_column(column, "ybdt", "样本动态")
            pages = {}
            for key, (title, body, days, extra) in CORPUS.items():
                pages[key] = add_article(
                    sub, title=title, pub_date=days_ago(days), body=[("paragraph", f"<p>{body}</p>")], **extra
                )
            yield column, pages
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def ranked_keys(corpus, query, **kwargs):
    from search.scopes import scope_for_request

    column, _pages = corpus
    outcome = run_search(options(query, column=column, **kwargs), scope_for_request(make_request()))
    return [BY_TITLE.get(result.title, result.title) for result in outcome.results], outcome


def test_the_relevance_set_is_big_enough():
    assert len(QUERIES) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize("query", list(QUERIES))
def test_relevance(corpus, query):
    relevant, best, best_rank = QUERIES[query]
    keys, _outcome = ranked_keys(corpus, query)
    top10 = keys[:10]
    recall = len(relevant & set(top10)) / min(len(relevant), 10)
    assert recall == 1.0, f"{query}: recall@10 {recall:.2f}, got {top10}"
    rank = next((i for i, key in enumerate(keys, 1) if key in best), None)
    assert rank is not None and rank <= best_rank, f"{query}: best hit at rank {rank}, got {top10}"


@pytest.mark.django_db
def test_title_matches_rank_above_body_matches_even_when_newer(corpus):
    keys, _ = ranked_keys(corpus, "噪声")
    assert keys.index("A23") > keys.index("A3")
    assert keys.index("A23") > keys.index("A40")


@pytest.mark.django_db
def test_newer_ranks_above_older_on_ties(corpus):
    keys, _ = ranked_keys(corpus, "道路保洁 作业规范")
    assert keys[:2] == ["A22", "A21"]


@pytest.mark.django_db
def test_document_number_matches_exactly(corpus):
    keys, _ = ranked_keys(corpus, "浦环保〔2005〕12号")
    assert keys == ["A5"]  # not 浦环保〔2005〕13号, whose text also has “12”


@pytest.mark.django_db
def test_date_sort_is_newest_first(corpus):
    keys, outcome = ranked_keys(corpus, "垃圾", sort=DATE)
    dates = [result.published for result in outcome.results]
    assert dates == sorted(dates, reverse=True)
    assert set(keys) >= {"A2", "A11", "A28", "A36", "A43"}


@pytest.mark.django_db
def test_every_word_must_match(corpus):
    keys, _ = ranked_keys(corpus, "垃圾 噪声")
    assert keys == []
