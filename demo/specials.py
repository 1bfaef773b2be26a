"""专题专辑 demo: 32 specials of 2004–2006 spread over the 20 special indexes of 专题专辑, each
composed of a tagged article list, a sub-column list, featured articles, a link card to an
interaction page, a gallery and, for some, a poll or a video link."""

import random
from datetime import date

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from columns.models import ArticlePage, SubColumnPage
from interaction.polls.models import PollPage
from interaction.specials.models import SpecialIndexPage, SpecialPage

from .articles import DemoMedia
from .registry import step

# index slug -> [(title, started_on, tag of the articles it lists, summary)]
SPECIALS = {
    "cjmfcq": [
        ("创建国家环境保护模范城区动员大会", date(2004, 3, 18), "环境保护", "浦东新区全面启动创建国家环境保护模范城区工作。"),
        ("创模考核验收迎检工作", date(2005, 11, 2), "环境监管", "对照 26 项考核指标逐项自查，迎接国家环保总局考核验收。"),
        ("浦东新区创模成果展", date(2006, 6, 5), "环境保护", "图文回顾三年创模历程和环境质量改善成果。"),
    ],
    "cjwscq": [
        ("巩固国家卫生城区成果", date(2005, 4, 7), "环境卫生", "爱国卫生月期间集中开展城乡环境卫生整治。"),
        ("背街小巷环境卫生整治", date(2006, 3, 20), "道路保洁", "对 86 条背街小巷实施保洁全覆盖。"),
    ],
    "hbsn": [
        ("第二轮环保三年行动计划（2003—2005）", date(2004, 2, 10), "环境保护", "水、气、固废、绿化等六大领域 120 个项目的推进情况。"),
        ("第三轮环保三年行动计划启动", date(2006, 1, 12), "环境保护", "第三轮计划聚焦黄浦江上游水源保护和工业区环境整治。"),
    ],
    "ysb": [
        ("世博会迎博市容环境整治", date(2005, 5, 1), "市容环境", "迎世博市容环境整治首批 48 个项目开工。"),
        ("世博园区周边户外广告整治", date(2006, 4, 18), "户外广告", "规范世博园区周边道路户外广告设置。"),
    ],
    "jnjp": [
        ("“十一五”节能减排开局之年", date(2006, 5, 15), "大气污染防治", "二氧化硫和化学需氧量排放总量削减任务分解落实。"),
    ],
    "zxhd": [
        ("黄浦江水环境治理", date(2004, 6, 1), "水污染防治", "黄浦江浦东段沿岸排污口截污纳管和岸线整治。"),
        ("中小河道轮疏和综合整治", date(2005, 2, 25), "河道管理", "全年疏浚中小河道 210 公里，打通断头河 18 条。"),
    ],
    "wmcq": [
        ("创建全国文明城区市容环境保障", date(2005, 7, 1), "市容环境", "本局系统落实文明城区测评市容环境指标。"),
    ],
    "stwm": [
        ("生态区建设规划编制", date(2006, 10, 16), "绿化林业", "浦东新区生态区建设规划（2006—2010）公开征求意见。"),
        ("建设环境友好型社会", date(2005, 12, 1), "环境保护", "学习贯彻国务院关于落实科学发展观加强环境保护的决定。"),
    ],
    "wwsb": [
        ("整治违法排污企业保障群众健康环保专项行动", date(2004, 6, 10), "行政执法", "联合开展环保专项行动，查处违法排污企业。"),
        ("工业区环境综合整治", date(2006, 7, 20), "环境监管", "对六个工业区开展环境综合整治和执法检查。"),
    ],
    "wwj": [
        ("违法搭建集中拆除行动", date(2005, 8, 15), "市容环境", "城管执法部门集中拆除违法搭建 3.2 万平方米。"),
    ],
    "zyhbdc": [
        ("国家环保总局执法检查整改", date(2006, 11, 6), "行政执法", "对照执法检查反馈问题逐项整改落实。"),
    ],
    "ltbwz": [
        ("烟尘控制区和扬尘污染控制区建设", date(2004, 9, 1), "大气污染防治", "新建烟尘控制区 12 平方公里，创建扬尘污染控制区。"),
        ("中心城区燃煤锅炉清洁能源替代", date(2006, 2, 28), "空气质量", "完成 150 台燃煤锅炉清洁能源替代。"),
    ],
    "bsbwz": [
        ("黄浦江上游水源保护", date(2005, 3, 22), "水环境", "“世界水日”主题宣传与水源保护区执法巡查。"),
    ],
    "jtbwz": [
        ("危险废物和医疗废物集中处置", date(2005, 10, 10), "危险废物", "医疗废物集中收运处置实现全覆盖。"),
    ],
    "ljfl": [
        ("生活垃圾分类收集试点", date(2004, 4, 22), "垃圾分类", "120 个小区开展生活垃圾分类收集试点。"),
        ("生活垃圾分类进社区", date(2005, 9, 1), "生活垃圾", "分类宣传进社区、进学校、进家庭。"),
    ],
    "mljq": [
        ("景观灯光和街景整治", date(2005, 9, 20), "市容环境", "陆家嘴地区景观灯光和沿街立面整治。"),
    ],
    "jbh": [
        ("上海合作组织峰会环境保障", date(2006, 6, 1), "环境卫生", "峰会期间空气质量监测和市容环境保障。"),
    ],
    "stdtzh": [
        ("京都议定书生效与应对气候变化宣传", date(2005, 2, 16), "环保知识", "宣传节能降耗和应对气候变化知识。"),
    ],
    "lwhjr": [
        ("2004年“六五”世界环境日", date(2004, 6, 5), "环保知识", "主题：海洋存亡，匹夫有责。"),
        ("2005年“六五”世界环境日", date(2005, 6, 5), "环保知识", "主题：人人参与，创建绿色家园。"),
        ("2006年“六五”世界环境日", date(2006, 6, 5), "环保知识", "主题：生态安全与环境友好型社会。"),
    ],
    "jxhgl": [
        ("市容环境长效管理", date(2006, 3, 1), "环境卫生", "建立市容环境质量社会监督和考评长效机制。"),
    ],
}

LINK_TARGETS = [("hdjl/wszj", "网上征集", "欢迎就本专题提出您的意见和建议"),
                ("hdjl/zyzdj", "志愿者登记", "报名成为环保志愿者，参与本专题活动"),
                ("hdjl/jzxx", "局长信箱", "有问题请给局长写信")]


def _page_at(home, path):
    return Page.objects.filter(url_path=f"{home.url_path}{path}/").first()


def _sections(special_title, tag, sub_column, featured, link, poll, media, rng):
    sections = [
        {"type": "paragraph", "value": f"<p>本专题集中发布“{special_title}”的工作部署、进展情况和相关信息，欢迎社会各界关注和监督。</p>"},
        {"type": "tag_articles", "value": {"heading": f"{tag}相关信息", "tag": tag, "count": 8}},
    ]
    if sub_column is not None:
        sections.append(
            {"type": "column_articles", "value": {"heading": sub_column.title, "sub_column": sub_column.pk, "count": 6}}
        )
    if featured:
        sections.append({"type": "featured", "value": {"heading": "重点推荐", "articles": featured}})
    if poll is not None:
        sections.append({"type": "poll", "value": {"poll": poll.pk}})
    if link is not None:
        page, label, text = link
        sections.append({"type": "link_card", "value": {"page": page.pk, "title": label, "text": text, "image": None}})
    sections.append({"type": "gallery", "value": {"heading": "图片集锦", "images": [
        {
            "image": {"image": media.cover(rng.randrange(40)).pk, "alt_text": "", "decorative": True},
            "caption": f"{special_title}现场 {n}",
        }
        for n in (1, 2, 3)
    ]}})
    return sections


@transaction.atomic
def load_specials(public_home, log):
    indexes = {p.slug: p for p in SpecialIndexPage.objects.descendant_of(public_home)}
    if not indexes:
        log.append("未找到专题专辑栏目，跳过专题演示数据")
        return
    rng = random.Random(2006)
    media = DemoMedia()
    existing = set(SpecialPage.objects.values_list("title", flat=True))
    news = _page_at(public_home, "gzdt/jgzdt")
    news = news.specific if news is not None and news.specific_class is SubColumnPage else None
    links = [(p, label, text) for path, label, text in LINK_TARGETS if (p := _page_at(public_home, path)) is not None]
    polls = {p.title: p for p in PollPage.objects.descendant_of(public_home)}
    poll_for = {"生活垃圾分类收集试点": "生活垃圾分类收集试点小区满意度调查", "2005年“六五”世界环境日": "您最关心的环境问题",
                "世博会迎博市容环境整治": "迎世博市容环境整治重点区域推荐", "浦东新区创模成果展": "2004年度浦东新区“十件环保实事”评选"}
    made = 0
    counter = 0
    for slug, specials in SPECIALS.items():
        index = indexes.get(slug)
        if index is None:
            continue
        for title, started_on, tag, summary in specials:
            counter += 1
            if title in existing:
                continue
            tagged = list(
                ArticlePage.objects.live().descendant_of(public_home).filter(tags__name=tag)
                .order_by("-pub_date").values_list("pk", flat=True)[:12]
            )
            featured = rng.sample(tagged, min(2, len(tagged)))
            when = timezone.make_aware(timezone.datetime.combine(started_on, timezone.datetime.min.time()))
            index.add_child(instance=SpecialPage(
                title=title, slug=f"{slug}-{started_on:%Y%m}", summary=summary, started_on=started_on, live=True,
                first_published_at=when, last_published_at=when,
                cover=media.cover(counter + 5), banner=media.cover(counter + 6),
                intro=f"<p>{summary}</p><p>{started_on.year}年，浦东新区环境保护和市容卫生管理局围绕“{title}”开展了一系列工作。"
                      "本专题汇集有关的工作动态、政策文件、图片和视频资料。</p>",
                sections=_sections(title, tag, news, featured, links[counter % len(links)] if links else None,
                                   polls.get(poll_for.get(title, "")), media, rng),
            ))
            made += 1
    if made:
        log.append(f"创建专题 {made} 个")


@step(53, "专题专辑")
def specials_step(context):
    load_specials(context.public_home, context.log)
