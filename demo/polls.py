"""网上投票 demo: polls of 2004–2006 with their ballots (a few voided), and one open survey to
try voting on. Ballots are bulk-inserted; the rules' cast_ballot is exercised by the tests."""

import random
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from interaction.polls.models import Ballot, BallotChoice, PollIndexPage, PollPage

from .registry import step

VOID_REASON = "同一网络地址在 2 分钟内集中投出，经核查为刷票"

# (title, opens, closes or None for "a year from now", access, per-IP cap, results shown, intro,
#  [(question, multiple, max, [options])], ballots)
POLLS = [
    ("2004年度浦东新区“十件环保实事”评选", (2004, 11, 15), (2004, 12, 20), "anonymous", 20, "after_close",
     "为总结 2004 年环境保护和市容环卫工作，现请广大市民从以下候选项目中评选出您心目中最有成效的环保实事。",
     [("请选出您认为最有成效的环保实事（最多选 3 项）", True, 3,
       ["张家浜河道综合整治", "外高桥地区烟尘控制区建设", "生活垃圾分类收集试点扩大到 120 个小区", "世纪公园周边景观灯光整治",
        "金桥出口加工区污水纳管", "主要道路机扫水冲保洁", "川沙新镇工业区废气治理", "社区环保志愿者服务站建设"])],
     860),
    ("您最关心的环境问题", (2005, 3, 1), (2005, 6, 5), "anonymous", 20, "after_vote",
     "为了解市民对身边环境问题的关注情况，更好地安排 2005 年环境保护工作，欢迎参与投票。结果将在“六五”世界环境日公布。",
     [("您最关心哪一类环境问题？", False, 1, ["大气污染（烟尘、扬尘、油烟）", "河道水质", "噪声扰民", "生活垃圾收运", "绿化和景观"]),
      ("您获取环保信息的主要渠道是？（可多选）", True, None, ["浦东环境网", "报纸和电视", "社区宣传栏", "环保热线 12369", "亲友介绍"])],
     1240),
    ("生活垃圾分类收集试点小区满意度调查", (2005, 9, 1), (2005, 10, 31), "anonymous", 10, "after_close",
     "本局在 120 个小区开展生活垃圾分类收集试点已满一年，请试点小区居民对分类设施和收运服务作出评价。",
     [("您对小区垃圾分类设施是否满意？", False, 1, ["非常满意", "比较满意", "一般", "不满意"]),
      ("您认为分类收集还需要改进的方面（最多选 2 项）", True, 2, ["增加分类箱数量", "加强宣传指导", "提高收运频次", "设置有害垃圾回收点"])],
     420),
    ("迎世博市容环境整治重点区域推荐", (2006, 4, 10), (2006, 5, 31), "anonymous", 20, "after_vote",
     "迎世博市容环境整治将分批推进，请推荐您认为最需要整治的区域，投票结果将作为安排整治计划的参考。",
     [("请推荐需要优先整治的区域（最多选 2 项）", True, 2,
       ["世博园区周边道路", "陆家嘴金融贸易区", "张江高科技园区", "浦东国际机场沿线", "川沙老城厢", "外高桥保税区"])],
     640),
    ("局机关食堂和办公环境意见征询", (2006, 7, 1), (2006, 7, 31), "login", 0, "staff",
     "局机关后勤服务意见征询，仅限本局职工登录参加，结果由办公室汇总。",
     [("您对机关食堂的总体评价", False, 1, ["满意", "基本满意", "不满意"])],
     0),
    ("浦东环境网网站满意度调查", (2006, 10, 1), None, "anonymous", 20, "after_vote",
     "为进一步办好浦东环境网，欢迎您对网站的内容和服务提出评价。每人限投一次。",
     [("您对浦东环境网的总体评价", False, 1, ["非常满意", "比较满意", "一般", "不满意"]),
      ("您经常使用的栏目（可多选）", True, None, ["工作动态", "政府信息公开", "互动交流", "办事服务", "环境质量", "专题专辑"])],
     57),
]


def _local(y, m, d, hour=9):
    return timezone.make_aware(datetime(y, m, d, hour))


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _questions(spec, rng):
    data = []
    for text, multiple, most, options in spec:
        data.append({
            "type": "question",
            "id": _uuid(rng),
            "value": {
                "text": text,
                "multiple": multiple,
                "min_choices": 1,
                "max_choices": most if multiple else None,
                "options": [
                    {"type": "item", "id": _uuid(rng), "value": {"label": o, "image": None}} for o in options
                ],
            },
        })
    return data


def _ballots(poll, count, rng):
    """Bulk-insert `count` ballots with answers that follow the poll's limits; void a few."""
    if count == 0 or Ballot.objects.filter(poll=poll).exists():
        return 0
    questions = [(c["id"], c["value"]) for c in poll.questions.raw_data]
    span = (min(poll.closes_at, timezone.now()) - poll.opens_at).total_seconds()
    ballots = [
        Ballot(
            poll=poll,
            voter_key=f"demo:{poll.pk}:{n}",
            ip_hash=f"{rng.randrange(count // 3 + 1):064x}",
            cast_at=poll.opens_at + timedelta(seconds=rng.random() * span),
        )
        for n in range(count)
    ]
    Ballot.objects.bulk_create(ballots)
    ballots = list(Ballot.objects.filter(poll=poll).only("id"))
    choices = []
    for ballot in ballots:
        for key, value in questions:
            options = [o["id"] for o in value["options"]]
            weights = [len(options) - i + rng.random() * 2 for i in range(len(options))]
            if value["multiple"]:
                most = value["max_choices"] or len(options)
                picks = set(rng.choices(options, weights=weights, k=rng.randint(1, most)))
            else:
                picks = {rng.choices(options, weights=weights)[0]}
            choices.extend(BallotChoice(ballot=ballot, poll=poll, question_key=key, option_key=o) for o in picks)
    BallotChoice.objects.bulk_create(choices, batch_size=2000)
    voided = ballots[: max(count // 150, 1)]
    Ballot.objects.filter(pk__in=[b.pk for b in voided]).update(
        voided_at=poll.opens_at + timedelta(days=3), void_reason=VOID_REASON
    )
    return count


@transaction.atomic
def load_polls(public_home, log):
    index = PollIndexPage.objects.descendant_of(public_home).first()
    if index is None:
        log.append("未找到网上投票栏目，跳过投票演示数据")
        return
    rng = random.Random(2005)
    made = ballots = 0
    existing = {p.title: p for p in PollPage.objects.child_of(index)}
    for number, (title, opens, closes, access, cap, shown, intro, spec, count) in enumerate(POLLS, 1):
        questions = _questions(spec, rng)
        poll = existing.get(title)
        if poll is None:
            opens_at = _local(*opens)
            # The site survey stays open until the end of next year, so there is always one to try.
            closes_at = _local(*closes, hour=17) if closes else _local(timezone.localdate().year + 1, 12, 31, hour=17)
            poll = index.add_child(instance=PollPage(
                title=title, slug=f"poll-{opens[0]}-{number}", intro=f"<p>{intro}</p>",
                opens_at=opens_at, closes_at=closes_at, access=access,
                per_ip_limit=cap, results_shown=shown, questions=questions, live=True,
                first_published_at=opens_at, last_published_at=opens_at,
            ))
            made += 1
        poll = PollPage.objects.get(pk=poll.pk)
        ballots += _ballots(poll, count, rng)
    if made or ballots:
        log.append(f"创建网上投票 {made} 项、选票 {ballots} 张")


@step(51, "网上投票")
def polls_step(context):
    load_polls(context.public_home, context.log)
