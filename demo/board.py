"""Demo content of 网上论坛, 留言板 (app `interaction.board`) and 在线访谈 (`interaction.interviews`):
topics with replies, messages with the bureau's replies, posts waiting in every state of the
moderation queue, the sensitive-word list, and interviews that are announced, live and archived.

Built through the real rules (submit, approve, reply, flag, ask, answer, publish), then back-dated
so the pages read like months of use. Idempotent: each part is skipped when it already has data."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction.board import moderation
from interaction.board.models import ForumPage, MessageBoardPage, Post, PostKind, SensitiveWord
from interaction.interviews import questions as interview_rules
from interaction.interviews.models import InterviewIndexPage, InterviewPage, Question

from .registry import step
from .text import richtext

SEED = "board-2005"
NICKNAMES = [
    "浦江晨跑", "张江码农", "花木居民", "陆家嘴白领", "老浦东", "川沙阿婆", "绿色志愿者", "金桥工程师",
    "三林新村", "世博迎客", "环保小卫士", "洋泾老王", "塘桥阿姨", "高桥渔民", "周浦退休教师", "北蔡家长",
]
WORDS = [("法轮", "违法内容"), ("代开发票", "广告"), ("六合彩", "赌博广告"), ("枪支", "违法内容"), ("办证", "广告")]

TOPICS = [
    ("迎世博，浦东的河道还能再干净些", "世博会越来越近了，最近沿着张家浜走了一圈，水比前两年清多了，但有些支流还是发黑。大家觉得河道整治最该先抓哪一块？", [
        "支持！我家附近的小河去年整治后能看到鱼了，关键是沿岸的排污口要管住。",
        "建议把河道保洁承包给专业队伍，按月考核，效果会更好。",
        "农村地区的生活污水直排还是大问题，希望纳管工程早点覆盖到镇上。",
    ]),
    ("小区垃圾分类试点，大家小区搞得怎么样？", "我们小区是分类试点，分了有害垃圾、可回收物和其他垃圾三类，开始大家不太习惯，现在好多了。想听听其他小区的经验。", [
        "我们小区还没开始，看到你们的经验很受启发，回头跟居委会提一提。",
        "关键是保洁员别把分好的垃圾又倒在一起，不然大家积极性会受打击。",
        "可回收物可以和废品回收站挂钩，居民卖废品有点收入，分类更积极。",
    ]),
    ("创建国家环保模范城区，我们能做些什么", "听说浦东在创建国家环境保护模范城区，作为普通居民，除了不乱扔垃圾，还能做些什么？", [
        "少开车多坐公交，夏天空调温度别调太低，节能就是环保。",
        "可以报名当环保志愿者，局里网站上有志愿者登记。",
    ]),
    ("夜间渣土车抛洒滴漏问题", "杨高路一带晚上渣土车很多，经常有泥沙撒在路上，白天车一过尘土飞扬，希望加强管理。", [
        "同感，下雨天路面全是泥浆，骑自行车很危险。",
        "建议工地出口都装冲洗设施，车辆冲干净再上路。",
        "听说市容部门已经在查了，希望能常态化。",
    ]),
    ("外环林带周末去哪里骑车比较好", "周末想带孩子去外环林带骑车，有没有熟悉的朋友推荐一下路线？顺便说一下，林带里的环境真是越来越好了。", [
        "从锦绣路进去往南骑，一路都是林荫道，很舒服。",
        "世纪公园附近也不错，就是周末人有点多。",
    ]),
    ("餐饮油烟扰民怎么解决", "楼下新开了一家饭店，油烟直接往居民楼排，窗户都不敢开。这种情况应该找哪个部门？", [
        "可以通过网上投诉栏目反映，我上次投诉后一周就有人来查了。",
        "油烟净化器要定期清洗，很多店装了不用，需要经常检查。",
    ]),
    ("建议公布各街镇空气质量数据", "现在网站上每天公布全区的空气质量，建议按街镇分别公布，让大家了解身边的情况。", [
        "赞成，数据越细越好，也能促进各街镇重视。",
    ]),
    ("白色污染什么时候能管一管", "菜场里塑料袋用量太大了，一买菜就是七八个袋子，能不能推广环保袋？", [
        "我现在买菜都自己带布袋，习惯了很方便。",
        "希望超市能带头，不主动提供免费塑料袋。",
        "环保袋可以作为社区活动的小礼品发一发。",
    ]),
]

MESSAGES = [
    ("网站能否增加办事指南下载", "希望在网站上提供排污申报、建筑垃圾处置等办事指南和表格的下载，方便企业提前准备。",
     "感谢您的建议。“网上办事”栏目已提供常用办事指南和表格下载，我们将继续补充完善，并按季度更新。"),
    ("垃圾箱房改造的时间安排", "我们小区的垃圾箱房破旧，夏天异味很大，请问今年的改造计划有没有包括我们小区？",
     "您好，全区垃圾箱房改造按街镇分批实施，具体名单可向所在街道市容所咨询。我们已将您的意见转交相关街道，请留意小区公告。"),
    ("黄浦江边的绿地什么时候开放", "听说滨江有新的绿地在建设，想问一下大概什么时候能开放？",
     "滨江绿地正在分段建设，建成一段开放一段，开放信息将在本网站“通知公告”栏目发布，敬请关注。"),
    ("建议在学校开展环保讲座", "孩子学校想请环保部门的同志来讲讲环保知识，有没有这样的安排？",
     "欢迎学校与我局宣传教育科联系（电话 021-58792086），我们每学期都安排环保进校园活动，可根据学校需要确定主题。"),
    ("网站的字太小了", "我年纪大了，网站上的字看着有点吃力，能不能把字放大一些？",
     "感谢您的意见！您可以按住键盘 Ctrl 键再滚动鼠标滚轮放大页面；我们也已在新版网站中加大了默认字号。"),
    ("道路清扫时间能否调整", "我们这条路每天早上七点多清扫，正是上学上班高峰，灰尘比较大，能否提前？",
     "您好，已联系负责该路段的环卫作业单位，将机扫作业调整到早上六点半之前完成，高峰时段以人工保洁为主。"),
    ("节假日环保热线有人接听吗", "想问一下节假日发现偷倒垃圾、排污等情况，打哪个电话？",
     "环保举报热线 12369 全天 24 小时有人值守，节假日照常受理。"),
]

# (kind, title, body, outcome): what waits in the queue and what was moderated away.
QUEUE = [
    ("topic", "张江地区夏天蚊子特别多", "最近小区绿化带积水多，蚊子特别多，希望能安排灭蚊消杀。", "pending"),
    ("message", "想了解环保志愿者的活动安排", "我是退休教师，想参加环保志愿者，请问最近有哪些活动？", "pending"),
    ("topic", "便宜办证，联系电话见内", "各类证件办证，代开发票，价格优惠，详情电话联系。", "pending"),
    ("message", "投诉某企业排污问题", "某企业的废水直接排进河里，请派人去看看，办证也很乱。", "pending"),
    ("topic", "广告：专业清洗油烟机", "专业清洗油烟机，价格实惠，上门服务，欢迎来电。", "rejected"),
    ("topic", "对某街道工作人员的不满", "某工作人员态度恶劣，我要在这里曝光他的姓名和电话。", "rejected"),
]

INTERVIEWS = [
    # (title, guest, guest title, days from now, hours long, intro, summary, [(question, answer)], pending questions)
    ("迎世博 创模范——浦东环境整治的新进展", "顾建国", "区环保市容局局长", -150, 2,
     "围绕创建国家环境保护模范城区和迎世博环境整治，局长与网民交流浦东环境保护工作的进展和下一步打算。",
     "本期访谈中，局长介绍了河道整治、工业污染源治理和市容环境整治的进展，回答了网民关于河道黑臭、工地扬尘和垃圾清运的提问。",
     [("我家附近的河道整治后又变脏了，有没有长效管理办法？", "河道整治“三分建、七分管”。我们已经推行河道保洁专业化，按月考核，并建立了河长负责制，发现问题可以拨打 12369 反映。"),
      ("工地扬尘问题怎么管？", "我们要求所有工地设置围挡、出口冲洗设施，渣土车密闭运输。对违规工地依法处罚，并纳入文明工地考核。"),
      ("创模对老百姓有什么好处？", "创模的核心是改善环境质量：空气更清新，河道更干净，绿地更多。老百姓是最直接的受益者，也是最重要的参与者。")], 0),
    ("生活垃圾分类进社区", "沈丽萍", "区市容环卫管理处处长", -60, 2,
     "垃圾分类试点小区不断增加，处长与网民交流分类方法、收运体系和社区经验。",
     "处长介绍了试点小区的分类方式和收运安排，回应了“分类后混收”等网民关心的问题。",
     [("分好的垃圾会不会被混在一起运走？", "试点小区实行分类收运，不同类别的垃圾由不同车辆在不同时段收运。发现混收的，欢迎通过留言板或热线反映，我们会严肃处理。"),
      ("有害垃圾包括哪些？", "主要是废电池、废灯管、过期药品、废油漆桶等，请投放到小区的有害垃圾专用收集容器。"),
      ("小区没有分类设施怎么办？", "可以向所在街道市容所反映，我们将根据计划逐步配置分类收集设施。")], 0),
    ("黄浦江水环境治理与饮用水安全", "陆明华", "区环境监测站站长", 0, 3,
     "监测站站长在线解读黄浦江水质监测数据，介绍饮用水源保护和水环境治理措施。",
     "",
     [("黄浦江的水质现在是什么水平？", "近年黄浦江干流水质总体保持稳定并有所改善，主要指标逐年好转，详细数据在网站“环境质量”栏目按月公布。"),
      ("自来水能直接喝吗？", "自来水出厂水质符合国家标准，建议烧开后饮用。家中水箱要定期清洗。")], 3),
    ("夏季噪声和油烟污染防治", "钱志刚", "区环境监察支队副支队长", 10, 2,
     "夏季是噪声和餐饮油烟投诉的高发期。访谈前欢迎网民提出问题，嘉宾将在访谈中集中解答。",
     "", [], 4),
]
PENDING_QUESTIONS = [
    "夜间施工噪声超过多少分贝算违法？",
    "饭店油烟扰民应该向哪个部门投诉？",
    "广场舞音响太响能管吗？",
    "空调外机噪声对着卧室怎么办？",
]


def _staff():
    User = get_user_model()
    return User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.order_by("pk").first()


def _backdate(item, model, created, published=None):
    """Move an item's times and its audit entries into the past."""
    values = {"created_at": created}
    if published is not None and hasattr(item, "published_at"):
        values["published_at"] = published
    if published is not None and hasattr(item, "moderated_at"):
        values["moderated_at"] = published
    if getattr(item, "reply", "") or getattr(item, "replied_at", None):
        values["replied_at"] = published
    if getattr(item, "answer", ""):
        values["answered_at"] = published
    model.objects.filter(pk=item.pk).update(**values)
    entries = ModelLogEntry.objects.for_instance(item)
    entries.filter(action__in=["board.submit", "interviews.ask"]).update(timestamp=created)
    if published is not None:
        entries.exclude(action__in=["board.submit", "interviews.ask"]).update(timestamp=published)


def ensure_words():
    if SensitiveWord.objects.exists():
        return 0
    SensitiveWord.objects.bulk_create(SensitiveWord(word=w, note=n) for w, n in WORDS)
    return len(WORDS)


@transaction.atomic
def load_board_demo(log, now=None):
    ensure_words()
    forum = ForumPage.objects.first()
    board = MessageBoardPage.objects.first()
    if forum is None or board is None or Post.objects.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(SEED)
    staff = _staff()
    made = 0
    for i, (title, body, replies) in enumerate(TOPICS):
        created = now - timedelta(days=20 + i * 17, hours=rng.randint(1, 9))
        approved = created + timedelta(hours=rng.randint(2, 30))
        topic = moderation.submit(forum, PostKind.TOPIC, title=title, body=body, nickname=rng.choice(NICKNAMES), ip_hash="demo")
        topic = moderation.perform("approve", topic, staff)
        _backdate(topic, Post, created, approved)
        made += 1
        for j, text in enumerate(replies):
            reply = moderation.submit(forum, PostKind.REPLY, topic=topic, body=text, nickname=rng.choice(NICKNAMES), ip_hash="demo")
            reply = moderation.perform("approve", reply, staff)
            when = approved + timedelta(hours=3 + j * 7)
            _backdate(reply, Post, when - timedelta(hours=1), when)
            made += 1
    for i, (title, body, answer) in enumerate(MESSAGES):
        created = now - timedelta(days=6 + i * 23, hours=rng.randint(1, 9))
        answered = created + timedelta(days=rng.randint(1, 4))
        message = moderation.submit(board, PostKind.MESSAGE, title=title, body=body, nickname=rng.choice(NICKNAMES), ip_hash="demo")
        message = moderation.save_reply(message, staff, answer)
        message = moderation.perform("approve", message, staff)
        _backdate(message, Post, created, answered)
        made += 1
    # One published message still waiting for its reply, one topic hidden by readers' flags.
    waiting = moderation.submit(board, PostKind.MESSAGE, title="小区门口的绿化能否补种", body="小区门口的绿化带去年修路时被挖掉了，一直没有补种，请问由哪个部门负责？", nickname="花木居民", ip_hash="demo")
    moderation.perform("approve", waiting, staff)
    flagged = moderation.submit(forum, PostKind.TOPIC, title="某小区物业太差了", body="物业不作为，垃圾没人管，大家一起去物业公司闹一闹！", nickname="愤怒的业主", ip_hash="demo")
    flagged = moderation.perform("approve", flagged, staff)
    for visitor in ("demo-reader-1", "demo-reader-2", "demo-reader-3"):
        moderation.flag(flagged, visitor)
    made += 2
    for kind, title, body, outcome in QUEUE:
        page = forum if kind == "topic" else board
        phone = f"139{rng.randint(10000000, 99999999)}" if outcome == "pending" else ""
        post = moderation.submit(page, kind, title=title, body=body, nickname=rng.choice(NICKNAMES), phone=phone, ip_hash="demo")
        if outcome == "rejected":
            moderation.perform("reject", post, staff, reason="广告或含他人个人信息，不予发布")
        made += 1
    log.append(f"创建论坛与留言板演示内容 {made} 条")
    return made


@transaction.atomic
def load_interviews_demo(log, now=None):
    index = InterviewIndexPage.objects.first()
    if index is None or InterviewPage.objects.exists():
        return 0
    now = now or timezone.now()
    staff = _staff()
    for n, (title, guest, guest_title, days, hours, intro, summary, qa, pending) in enumerate(INTERVIEWS):
        starts = (now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        if days == 0:
            starts = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        # Announced first (questions are taken until an interview ends), moved to its real time below.
        page = index.add_child(instance=InterviewPage(
            title=title, slug=f"ft{n + 1:03d}", guest=guest, guest_title=guest_title, starts_at=now + timedelta(days=1),
            ends_at=now + timedelta(days=1, hours=hours), intro=richtext([intro]),
            summary=richtext([summary]) if summary else "", live=True,
        ))
        for i, (question, answer) in enumerate(qa):
            asked = starts - timedelta(days=2, hours=i)
            q = interview_rules.ask(page, nickname=NICKNAMES[(n * 5 + i) % len(NICKNAMES)], body=question, ip_hash="demo")
            # Asked before the interview: created while it was still upcoming.
            interview_rules.save_answer(q, staff, answer)
            q = interview_rules.perform("publish", q, staff)
            _backdate(q, Question, asked, min(starts + timedelta(minutes=10 + 15 * i), now))
        for i in range(pending):
            interview_rules.ask(page, nickname=NICKNAMES[(n * 3 + i + 7) % len(NICKNAMES)], body=PENDING_QUESTIONS[i % len(PENDING_QUESTIONS)], ip_hash="demo")
        InterviewPage.objects.filter(pk=page.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=hours))
    log.append(f"创建在线访谈 {len(INTERVIEWS)} 期")
    return len(INTERVIEWS)


@step(55, "网上论坛与留言板")
def board_step(context):
    load_board_demo(context.log)


@step(56, "在线访谈")
def interviews_step(context):
    load_interviews_demo(context.log)
