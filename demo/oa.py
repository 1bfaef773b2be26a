"""Demo OA (app `intranet.oa`): three months of the bureau's paper flow — 阅件, 办件 and 发文 in
every state, an exchange with the 环境监测站, contact sheets and sign reports — built through the
routing engine with back-dated times, so the demo logins find 待办, 已办 and overdue items.
Idempotent: nothing is added when OA items exist."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from intranet.oa import routing
from intranet.oa.choices import Action, Kind, Secrecy, Urgency
from intranet.oa.models import ContactSheet, NumberPattern, OfficeItem, OfficialDocument, SignReport
from intranet.oa.routing import Hop
from intranet.org.models import Department, StaffProfile

from .registry import step

SEED = "oa-2026"

READ_TITLES = [
    "关于做好{year}年汛期安全工作的通知", "关于转发《上海市生活垃圾管理条例》实施意见的通知", "关于开展爱国卫生月活动的通知",
    "关于印发{year}年度环境保护工作要点的通知", "关于加强夏季高温期间环卫作业安全管理的通知", "关于国庆节期间值班安排的通知",
    "关于开展节能宣传周活动的通知", "关于做好重要活动期间市容环境保障工作的通知", "关于调整局领导分工的通知",
    "关于组织参加环境监测技术培训的通知",
]
HANDLE_TITLES = [
    "关于报送{year}年环保三年行动计划项目进展的通知", "关于核查张江地区餐饮油烟投诉的函", "关于提供黄浦江沿岸排污口清单的函",
    "关于开展建筑垃圾运输车辆专项检查的通知", "关于报送河道长效管理考核材料的通知", "关于做好区人大代表建议办理工作的通知",
]
OUTGOING_TITLES = [
    "关于印发《浦东新区生活垃圾分类减量工作方案》的通知", "关于加强建设工地扬尘污染控制的通知", "关于公布{year}年度环境监测信息的通知",
]
CONTACT_TITLES = [
    ("请协助提供五月份地表水监测数据", "monitoring"), ("请配合开展陆家嘴地区夜间施工联合检查", "inspection"),
    ("关于共同做好河道保洁考核的联系", "river"), ("请提供2025年度市容环境投诉统计", "supervision"),
]
REPORT_TITLES = [
    ("关于购置两台便携式噪声监测仪的请示", "拟购置便携式噪声监测仪两台，预算约8万元，请批示。"),
    ("关于组织赴外区学习垃圾分类经验的请示", "拟于下月组织10人赴闵行区学习，请批示。"),
    ("关于调整局机关值班制度的请示", "拟将节假日值班由一人调整为两人，请批示。"),
]
BODY = "各处室、各单位：\n\n{title}。请各单位高度重视，认真组织落实，并于规定时间内将落实情况报局办公室。\n\n特此通知。"


def _users():
    User = get_user_model()
    named = {u.username: u for u in User.objects.filter(username__in=["shouwen", "shouwen_jcz", "juzhang", "zhigong", "banjian_wrfz", "bianji_bgs", "bianji_wrfz", "xxzx"])}
    leaders = {p.department.code: p.user for p in StaffProfile.objects.filter(is_leader=True).select_related("user", "department")}
    return named, leaders


def _at(days_ago, hour, now):
    day = timezone.localdate(now) - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _steps(rng, named, leaders, kind):
    clerks = [named["zhigong"], named["banjian_wrfz"], named["bianji_wrfz"], leaders.get("river"), leaders.get("pollution")]
    clerks = [c for c in clerks if c is not None]
    if kind == Kind.READ:
        return [Hop(Action.READ, [named["juzhang"]]), Hop(Action.READ, rng.sample(clerks, 3), parallel=True)]
    return [Hop(Action.INSTRUCT, [named["juzhang"]]), Hop(Action.HANDLE, rng.sample(clerks, 2), parallel=True)]


def _finish_step(item, when):
    """Everyone holding the active step completes it with a plausible opinion."""
    step = routing.active_step(item)
    if step is None:
        return
    for task in list(step.tasks.filter(status__in=("waiting", "opened")).select_related("user")):
        opinion = {"read": "已阅。", "instruct": "请相关处室认真办理。", "handle": "已按要求办理完毕，材料已报送。",
                   "check": "文字已核。", "countersign": "同意。", "sign_off": "同意印发。", "reply": "已回复，详见附件。"}.get(step.action, "已办。")
        routing.complete(item, task.user, opinion, now=when)


def _document(kind, title, owner, by, when, rng, **fields):
    return OfficialDocument.objects.create(
        doc_kind=kind, title=title, body=BODY.format(title=title.removeprefix("关于").removesuffix("的通知")),
        owner=owner, created_by=by, created_at=when, secrecy=fields.pop("secrecy", rng.choice([Secrecy.PUBLIC, Secrecy.INTERNAL])),
        urgency=fields.pop("urgency", rng.choice([Urgency.NORMAL, Urgency.NORMAL, Urgency.URGENT])), **fields,
    )


@transaction.atomic
def build_oa(now=None):
    now = now or timezone.now()
    if OfficeItem.objects.exists():
        return 0
    named, leaders = _users()
    if len(named) < 8:
        return 0  # the demo logins come first (step 30)
    rng = random.Random(SEED)
    office = Department.objects.get(code="office")
    monitoring = Department.objects.get(code="monitoring")
    NumberPattern.objects.get_or_create(unit=office, doc_kind=Kind.OUTGOING, defaults={"pattern": "浦环保〔{year}〕{seq}号"})
    NumberPattern.objects.get_or_create(unit=monitoring, doc_kind=Kind.OUTGOING, defaults={"pattern": "浦环监〔{year}〕{seq}号"})
    registrar = named["shouwen"]
    year = timezone.localdate(now).year
    created = 0

    for n, title in enumerate(READ_TITLES):
        start = _at(80 - n * 8, 9, now)
        doc = _document(Kind.READ, title.format(year=year), office, registrar, start, rng, source_unit=rng.choice(["区政府办公室", "市环保局", "市绿化市容局", ""]))
        routing.send(doc, registrar, _steps(rng, named, leaders, Kind.READ), now=start)
        if n < 7:  # older ones are read by all and closed; the newest wait for their readers
            _finish_step(doc, start + timedelta(hours=3))
            _finish_step(doc, start + timedelta(days=1))
            routing.close(doc, registrar, now=start + timedelta(days=2))
        elif n == 8:
            _finish_step(doc, start + timedelta(hours=2))
        created += 1

    for n, title in enumerate(HANDLE_TITLES):
        start = _at(60 - n * 10, 10, now)
        doc = _document(Kind.HANDLE, title.format(year=year), office, registrar, start, rng, deadline=start + timedelta(days=10))
        plan = _steps(rng, named, leaders, Kind.HANDLE)
        plan[1].due_at = start + timedelta(days=7)
        routing.send(doc, registrar, plan, now=start)
        _finish_step(doc, start + timedelta(hours=4))
        if n < 3:
            _finish_step(doc, start + timedelta(days=5))
            routing.close(doc, registrar, now=start + timedelta(days=6))
        created += 1
    draft = _document(Kind.HANDLE, "关于报送第四季度环境信访情况的通知", office, registrar, _at(0, 9, now), rng)
    created += 1

    drafter = named["bianji_bgs"]
    for n, title in enumerate(OUTGOING_TITLES):
        start = _at(45 - n * 20, 14, now)
        doc = _document(Kind.OUTGOING, title.format(year=year), office, drafter, start, rng, main_recipients="各处室、各直属单位", copy_to="区政府办公室")
        if n == 2:
            created += 1
            continue  # still a draft
        routing.send(doc, drafter, [
            Hop(Action.CHECK, [registrar]),
            Hop(Action.COUNTERSIGN, [named["banjian_wrfz"], leaders.get("sanitation") or named["zhigong"]], parallel=True),
            Hop(Action.SIGN_OFF, [named["juzhang"]]),
        ], now=start)
        _finish_step(doc, start + timedelta(hours=2))
        if n == 0:
            _finish_step(doc, start + timedelta(days=1))
            _finish_step(doc, start + timedelta(days=2))
            routing.number(doc, registrar, now=start + timedelta(days=2, hours=1))
            routing.close(doc, drafter, now=start + timedelta(days=2, hours=2))
            routing.send_exchange(doc, registrar, [monitoring], "请组织学习贯彻。", now=start + timedelta(days=3))
        created += 1

    for n, (title, to_code) in enumerate(CONTACT_TITLES):
        start = _at(30 - n * 6, 11, now)
        to = Department.objects.get(code=to_code)
        sheet = ContactSheet.objects.create(
            title=title, body=f"{title}，请于五个工作日内回复。", owner=office, created_by=registrar, created_at=start,
            to_department=to, deadline=start + timedelta(days=7),
        )
        replier = leaders.get(to_code) or named["zhigong"]
        routing.send(sheet, registrar, [Hop(Action.REPLY, [replier], due_at=start + timedelta(days=7))], now=start)
        if n < 2:
            _finish_step(sheet, start + timedelta(days=2))
            routing.close(sheet, registrar, now=start + timedelta(days=3))
        created += 1

    for n, (title, request) in enumerate(REPORT_TITLES):
        start = _at(25 - n * 10, 15, now)
        by = named["banjian_wrfz"]
        report = SignReport.objects.create(
            title=title, request=request, body="有关情况说明见附件。", owner=by.staff_profile.department, created_by=by, created_at=start,
        )
        routing.send(report, by, [Hop(Action.INSTRUCT, [named["juzhang"]])], now=start)
        if n == 0:
            _finish_step(report, start + timedelta(days=1))
            routing.close(report, by, now=start + timedelta(days=2))
        created += 1
    return created


@step(57, "协同办公演示公文")
def oa_step(context):
    created = build_oa()
    if created:
        context.log.append(f"协同办公：{created} 件演示公文、联系单和签报")
