"""Demo cases (app `interaction.cases`): a year of letters, complaints, consultations and disclosure
requests in every state, some overdue, some published. Built through the real transitions, then back-dated so the history
reads like a year of work. Idempotent: nothing is added when demo cases exist."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from interaction.cases import workflow as wf
from interaction.cases.choices import Channel, DisclosureResult
from interaction.cases.models import Case, CaseLogEntry, ReplyTemplate
from intranet.org.models import Department
from intranet.org.workdays import WorkingCalendar

from .registry import step

SEED = "cases-2026"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢陆顾"
GIVEN = ["建华", "秀英", "伟", "敏", "静", "海燕", "志强", "丽", "国平", "晓东", "春梅", "俊", "桂兰", "文斌", "雪芳", "建军"]
PLACES = ["陆家嘴街道", "花木街道", "洋泾街道", "张江镇", "金桥镇", "川沙新镇", "三林镇", "北蔡镇", "周浦镇", "高桥镇", "惠南镇", "塘桥街道"]
ROADS = ["浦东大道", "杨高中路", "张杨路", "锦绣路", "东方路", "龙阳路", "沪南公路", "川沙路", "金桥路", "周家嘴路"]

COMPLAINTS = {
    "noise": [("{road}工地夜间施工噪声扰民", "{place}{road}附近的工地连续多日晚上十点以后仍在打桩施工，噪声很大，周边居民无法休息，请尽快查处。", "pollution")],
    "air": [("{place}某厂区排气有刺鼻气味", "最近一周傍晚时分，{place}{road}一带能闻到明显的化工异味，怀疑附近企业偷排废气，请派人检查。", "inspection")],
    "water": [("{place}小河道出现黑臭", "{place}{road}旁的小河道近期水面发黑、有异味，还漂浮大量垃圾，希望尽快整治。", "river")],
    "solid_waste": [("{road}路边有人偷倒建筑垃圾", "{road}与支路交口的绿化带旁，连续几天夜里有车辆偷倒装修垃圾，已堆成小山。", "muck")],
    "city_appearance": [("{road}沿街店铺跨门经营", "{place}{road}沿线多家店铺把货架摆到人行道上，行人只能走机动车道，存在安全隐患。", "supervision")],
    "sanitation": [("{place}小区垃圾清运不及时", "我们小区的垃圾箱房已经三天没有清运，气味很大，夏天蚊蝇多，请督促环卫单位及时清运。", "huanwei")],
    "greening": [("{road}行道树树枝遮挡路灯", "{road}部分行道树枝叶过密，遮挡路灯和交通标志，夜间行走很不安全，请安排修剪。", "sanitation")],
    "other": [("{place}共享单车乱停放", "{place}地铁站出口共享单车堆放严重，占用盲道和消防通道，请协调处理。", "supervision")],
}
CONSULTATIONS = [
    ("办理排污许可证需要哪些材料", "我公司是一家小型食品加工企业，想了解申领排污许可证需要准备哪些材料、在哪里办理。"),
    ("装修垃圾应该如何处置", "家里准备装修，请问装修垃圾应当如何投放？是否需要预约清运，费用怎么收？"),
    ("餐饮店油烟净化有什么要求", "准备在{place}开一家小餐馆，请问对油烟净化设施有哪些要求，需要办理什么手续？"),
    ("垃圾分类投放时间是怎么规定的", "我们小区实行定时定点投放，想了解湿垃圾和干垃圾的投放时间是否有统一规定。"),
    ("环评审批一般需要多长时间", "我单位有一个扩建项目需要做环境影响报告表，请问审批时限是多少个工作日？"),
    ("户外广告设置需要审批吗", "我们在{road}的门店想在外墙设置招牌，是否需要向市容部门申请，流程是怎样的？"),
]
LETTERS = [
    ("关于加快{place}河道整治的建议", "{place}的几条小河道整治后效果明显，建议把好的做法推广到周边村镇，并建立长效养护机制。"),
    ("建议增加{road}沿线公共厕所", "{road}沿线商铺多、行人多，但附近公共厕所很少，建议在合适位置增设公厕或开放沿街单位厕所。"),
    ("对垃圾分类工作的几点意见", "垃圾分类推行以来小区环境明显改善，建议加强对物业和保洁员的培训，并定期公布各小区分类成绩。"),
]
DISCLOSURES = [
    ("申请公开{place}某建设项目环评批复", "请公开{place}{road}附近某商业综合体建设项目的环境影响评价批复文件及验收情况。", "person"),
    ("申请公开2025年排污许可证核发名单", "请提供2025年度本局核发排污许可证的企业名单及许可证编号。", "business"),
    ("申请公开{road}道路大修工程资金情况", "请公开{road}道路大修工程的预算批复和资金使用情况。", "public_interest"),
    ("申请公开某企业行政处罚决定书", "请公开2025年对{place}某化工企业作出的行政处罚决定书全文。", "legal_service"),
]
REPLIES = {
    Channel.COMPLAINT: "您反映的问题已收悉。经{dept}现场核查，情况基本属实，已责令相关单位立即整改，并将加强巡查，防止问题反复。感谢您对环境保护和市容管理工作的关心和支持。",
    Channel.CONSULTATION: "您好！您咨询的事项可登录“一网通办”平台查询办事指南，或在工作日到区行政服务中心环保市容窗口办理。如有疑问，请致电{phone}。",
    Channel.MAILBOX: "感谢您的来信和建议。您提出的意见很有参考价值，{dept}已认真研究，将在今后工作中统筹考虑、逐步落实。",
    Channel.DISCLOSURE: "根据《中华人民共和国政府信息公开条例》，经审查，您申请获取的政府信息属于公开范围，现以电子邮件方式提供，请查收。",
}

# The newest cases of each channel are put in the states a random year may miss, so the demo
# shows every state of the lifecycle.
# Cases received by the 12369 hotline, letters and visits (一网一线): (channel, how, days ago,
# outcome). Drawn with a random generator of their own, so the online cases stay as they were.
REGISTERED = [
    (Channel.COMPLAINT, "hotline", 1, "submitted"),
    (Channel.COMPLAINT, "hotline", 3, "processing"),
    (Channel.COMPLAINT, "hotline", 12, "reply_pending"),
    (Channel.COMPLAINT, "hotline", 40, "closed"),
    (Channel.COMPLAINT, "visit", 5, "accepted"),
    (Channel.MAILBOX, "letter", 8, "processing"),
    (Channel.MAILBOX, "letter", 60, "closed"),
    (Channel.CONSULTATION, "visit", 20, "closed"),
]

RECENT_OUTCOMES = {
    Channel.COMPLAINT: ["submitted", "accepted", "reply_pending", "processing"],
    Channel.CONSULTATION: ["submitted", "reply_pending"],
    Channel.MAILBOX: ["accepted", "submitted"],
    Channel.DISCLOSURE: ["awaiting_completion", "third_party", "submitted"],
}

# Share of cases that end in each state, by age (older cases are nearly all finished).
MIX = [
    ("closed", 46), ("replied", 14), ("published", 16), ("processing", 6), ("overdue", 5), ("reply_pending", 3),
    ("accepted", 2), ("submitted", 3), ("rejected", 3), ("merged", 2),
]
DISCLOSURE_EXTRA = [("awaiting_completion", 1), ("third_party", 1)]


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng):
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def _fill(text, rng):
    return text.format(place=rng.choice(PLACES), road=rng.choice(ROADS))


def _local(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _fields(channel, rng):
    fields = {"name": _name(rng), "phone": _phone(rng), "consent_publish": rng.random() < 0.7}
    dept = "pollution"
    if channel == Channel.COMPLAINT:
        category = rng.choice(list(COMPLAINTS))
        title, content, dept = rng.choice(COMPLAINTS[category])
        fields.update(category=category, location=f"{rng.choice(PLACES)}{rng.choice(ROADS)}")
    elif channel == Channel.CONSULTATION:
        title, content = rng.choice(CONSULTATIONS)
        dept = rng.choice(["eia", "sanitation", "pollution", "policy"])
    elif channel == Channel.MAILBOX:
        title, content = rng.choice(LETTERS)
        dept = rng.choice(["office", "sanitation", "river"])
    else:
        title, content, applicant = rng.choice(DISCLOSURES)
        fields.update(applicant_type=applicant, id_type="id_card" if applicant == "person" else "credit_code",
                      id_number="11010519491231002X" if applicant == "person" else "91310115MA1H7XXX0Q"[:18],
                      delivery="email", email="applicant@example.com")
        dept = rng.choice(["policy", "eia", "finance"])
    fields.update(title=_fill(title, rng)[:80], content=_fill(content, rng))
    return fields, dept


def _backdate(case, stamps):
    """Move the audit entries and timestamps of a demo case to when they 'happened'."""
    entries = list(CaseLogEntry.objects.for_instance(case).order_by("timestamp", "id"))
    for entry, moment in zip(entries, stamps, strict=False):
        CaseLogEntry.objects.filter(pk=entry.pk).update(timestamp=moment)


def _pick_outcome(rng, channel, age_days):
    pool = list(MIX) + (DISCLOSURE_EXTRA if channel == Channel.DISCLOSURE else [])
    if age_days > 60:
        pool = [(s, w) for s, w in pool if s in ("closed", "replied", "published", "rejected", "merged", "overdue")]
    elif age_days < 4:
        pool = [(s, w) for s, w in pool if s in ("submitted", "accepted", "processing")]
    states, weights = zip(*pool, strict=True)
    return rng.choices(states, weights=weights)[0]


def make_case(channel, received, rng, staff, calendar, today, main_cases, outcome=None, received_via=None):
    dispatcher, reviewer, handlers = staff
    fields, dept_code = _fields(channel, rng)
    department = Department.objects.get(code=dept_code)
    handler = handlers.get(dept_code) or dispatcher
    if received_via:
        # 一网一线: registered by the information centre from the hotline, a letter or a visit.
        case, _code = wf.register(channel, dispatcher, received_via, when=received, **fields)
    else:
        case, _code = wf.submit(channel, when=received, **fields)
    age = (today - received.date()).days
    outcome = outcome or _pick_outcome(rng, channel, age)
    stamps = [received]
    day = received.date()

    def later(n, hour=10):
        nonlocal day
        day = min(calendar.add_working_days(day, n), today)
        moment = _local(day, hour)
        stamps.append(moment)
        return moment

    if outcome == "submitted":
        return case, outcome
    if outcome == "merged" and main_cases.get(channel):
        wf.merge(case, dispatcher, main_cases[channel])
        later(1)
        _backdate(case, stamps)
        return case, outcome
    if outcome == "rejected":
        wf.reject(case, dispatcher, "您反映的事项不属于本局职责范围，请向属地街镇或相关部门反映。")
        Case.objects.filter(pk=case.pk).update(closed_at=later(1))
        _backdate(case, stamps)
        return case, outcome
    wf.accept(case, dispatcher)
    accepted_at = later(1)
    Case.objects.filter(pk=case.pk).update(accepted_at=accepted_at)
    if outcome == "accepted":
        _backdate(case, stamps)
        return case, outcome
    if outcome == "awaiting_completion":
        wf.request_completion(case, dispatcher, "请补充所需信息的名称、文号或其他特征描述。", today=day)
        later(1)
        _backdate(case, stamps)
        return case, outcome
    wf.assign(case, dispatcher, department)
    later(0, 14)
    main_cases.setdefault(channel, case)
    if outcome == "third_party":
        wf.start_third_party(case, handler, "征求相关企业意见", today=day)
        later(2)
        _backdate(case, stamps)
        return case, outcome
    if outcome in ("processing", "overdue"):
        if outcome == "processing" and rng.random() < 0.3:
            wf.request_extension(case, handler, 5, "需要现场监测取证，申请延长办理期限。")
            later(1)
        _backdate(case, stamps)
        return case, outcome
    limit = wf.deadlines.time_limit(channel)
    took = rng.randint(2, limit) if rng.random() < 0.88 else limit + rng.randint(1, 6)
    result = {}
    if channel == Channel.DISCLOSURE:
        result = rng.choice([
            {"result": DisclosureResult.DISCLOSE}, {"result": DisclosureResult.DISCLOSE},
            {"result": DisclosureResult.PARTIAL},
            {"result": DisclosureResult.UNAVAILABLE, "result_reason": "not_held"},
            {"result": DisclosureResult.WITHHOLD, "result_reason": "third_party_rights"},
        ])
    reply = REPLIES[Channel(channel)].format(dept=department.name, phone=department.phone)
    wf.draft_reply(case, handler, reply, **result)
    later(max(took - 1, 1), 15)
    if outcome == "reply_pending":
        _backdate(case, stamps)
        return case, outcome
    wf.approve_reply(case, reviewer, "同意")
    replied_at = later(1, 9)
    Case.objects.filter(pk=case.pk).update(replied_at=replied_at)
    if outcome == "published" and case.consent_publish:
        wf.publish(case, reviewer)
        Case.objects.filter(pk=case.pk).update(published_at=later(0, 16))
    if outcome in ("closed", "published") and rng.random() < 0.8:
        wf.rate(case, rng.choices(["satisfied", "basically", "unsatisfied"], weights=[70, 22, 8])[0])
        rated = later(rng.randint(1, 5), 11)
        Case.objects.filter(pk=case.pk).update(rated_at=rated, closed_at=rated)
    elif outcome == "closed":
        wf.close(case, reviewer)
        Case.objects.filter(pk=case.pk).update(closed_at=later(3))
    _backdate(case, stamps)
    return case, outcome


def _staff():
    User = get_user_model()
    dispatcher = User.objects.filter(username="xxzx").first() or User.objects.get(username="admin")
    reviewer = dispatcher
    handlers = {}
    for user in User.objects.filter(username__startswith="banjian_").select_related("staff_profile__department"):
        handlers[user.staff_profile.department.code] = user
    return dispatcher, reviewer, handlers


def ensure_reply_templates():
    if ReplyTemplate.objects.exists():
        return
    for channel, body in REPLIES.items():
        ReplyTemplate.objects.create(title=f"{Channel(channel).label}通用答复", channel=channel, body=body.format(dept="承办部门", phone="021-58792001"))


@transaction.atomic
def load_cases_demo(log, count_per_channel=None, today=None):
    ensure_reply_templates()
    if Case.objects.exists():
        return 0
    today = today or timezone.localdate()
    counts = count_per_channel or {
        Channel.MAILBOX: 24, Channel.COMPLAINT: 70, Channel.CONSULTATION: 50, Channel.DISCLOSURE: 26,
    }
    rng = random.Random(SEED)
    calendar = WorkingCalendar()
    calendar.load(today - timedelta(days=400), today + timedelta(days=120))
    staff = _staff()
    main_cases = {}
    made = 0
    for channel, count in counts.items():
        days = sorted((rng.randint(0, 365) for _ in range(count)), reverse=True)
        forced = RECENT_OUTCOMES[channel]
        days = days[: len(days) - len(forced)] + sorted((rng.randint(0, 6) for _ in forced), reverse=True)
        for i, age in enumerate(days):
            received = _local(today - timedelta(days=age), rng.randint(8, 21))
            outcome = forced[i - (len(days) - len(forced))] if i >= len(days) - len(forced) else None
            make_case(channel, received, rng, staff, calendar, today, main_cases, outcome=outcome)
            made += 1
    registered_rng = random.Random(f"{SEED}-registered")
    for channel, via, age, outcome in REGISTERED:
        received = _local(today - timedelta(days=age), registered_rng.randint(9, 16))
        make_case(channel, received, registered_rng, staff, calendar, today, main_cases, outcome=outcome, received_via=via)
        made += 1
    log.append(f"创建演示办件 {made} 件")
    return made


@step(50, "演示办件")
def cases_step(context):
    load_cases_demo(context.log)
