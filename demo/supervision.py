"""Demo 两会议案 (app `intranet.supervision`): a 2005-like year — 79 proposals, 64 with the bureau
as lead unit, nearly all closed with the proposers' feedback — and this year's, some still open
(green, amber and red), moved through the transition table so the audit trail is real.
Idempotent: nothing is added when proposals exist."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from intranet.org.models import Department
from intranet.org.workdays import current_date
from intranet.supervision import transitions
from intranet.supervision.choices import Body, Feedback, Source
from intranet.supervision.models import Proposal, SupervisionTask

from .registry import step

SEED = "supervision-2005"
TOPICS = [
    ("关于加强{place}河道综合整治的建议", "水环境", "river"),
    ("关于治理{place}餐饮油烟扰民问题的建议", "大气", "pollution"),
    ("关于加快{place}生活垃圾分类收运体系建设的建议", "市容环卫", "sanitation"),
    ("关于控制{place}建筑工地夜间施工噪声的提案", "噪声", "pollution"),
    ("关于完善{place}环境监测信息公开的提案", "监测", "monitoring"),
    ("关于推进{place}公共厕所改造的建议", "市容环卫", "sanitation"),
    ("关于加强{place}工业企业排污监管的提案", "水环境", "pollution"),
    ("关于提高{place}建设项目环评公众参与度的建议", "环评", "eia"),
    ("关于开展{place}环保宣传进社区的提案", "宣传教育", "publicity"),
]
PLACES = ["张江", "陆家嘴", "川沙", "高桥", "周浦", "金桥", "外高桥", "花木", "北蔡", "三林", "惠南", "高行"]
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈明", "杨丽", "赵强", "黄敏", "周平", "吴静"]
FEEDBACK_WEIGHTS = [(Feedback.SATISFIED, 8), (Feedback.BASICALLY, 3), (Feedback.UNSATISFIED, 1)]


def _actors():
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["xxzx", "juzhang"])}
    supervisor = users.get("xxzx") or users.get("juzhang")
    handlers = {}
    for user in User.objects.filter(is_active=True, staff_profile__isnull=False).select_related("staff_profile").order_by("pk"):
        handlers.setdefault(user.staff_profile.department_id, user)
    return supervisor, handlers


def _make(rng, year, body, number, departments, leads=True, topic=None):
    title, category, code = TOPICS[topic] if topic is not None else rng.choice(TOPICS)
    lead = departments.get(code) or next(iter(departments.values()))
    return Proposal(
        body=body, year=year, number=number, title=title.format(place=rng.choice(PLACES)),
        proposer=rng.choice(NAMES) + ("等3人" if rng.random() < 0.3 else ""), category=category,
        bureau_leads=leads, lead_department=lead, deadline=current_date(),
        content="建议有关部门加强巡查和执法，建立长效管理机制，并及时向社会公开整治进展。",
    )


def _run(proposal, supervisor, handler, until, rng):
    transitions.assigned(proposal, supervisor)
    if until == "assigned":
        return
    transitions.transition(proposal, handler, "start")
    if until == "handling":
        return
    transitions.transition(proposal, handler, "reply", reply="经研究，我局已会同属地街镇开展专项整治，并将纳入年度工作计划持续推进。")
    if until == "replied":
        return
    feedback = rng.choices([f for f, _ in FEEDBACK_WEIGHTS], [w for _, w in FEEDBACK_WEIGHTS])[0]
    transitions.transition(proposal, supervisor, "close", feedback=feedback)


def build_supervision():
    if Proposal.objects.exists():
        return 0
    supervisor, handlers = _actors()
    departments = {d.code: d for d in Department.objects.all()}
    if supervisor is None or not departments:
        return 0
    rng = random.Random(SEED)
    today = current_date()
    created = 0
    plans = []
    # A 2005-like year: 79 proposals (48 NPC, 31 CPPCC), 64 led by the bureau, 76 closed (96%).
    for i in range(79):
        body, number = (Body.NPC, i + 1) if i < 48 else (Body.CPPCC, i - 47)
        plans.append((2005, body, number, i < 64, "closed" if i < 76 else "replied", today.replace(year=2005, month=6, day=30), None))
    # This year: a dozen, some still open with different lights (topics in turn, so every
    # department with a demo login has some).
    for i in range(12):
        until = ["assigned", "handling", "handling", "replied", "closed"][i % 5]
        deadline = today + timedelta(days=[-5, 2, 30, 20, 10][i % 5])
        plans.append((today.year, Body.NPC if i % 2 else Body.CPPCC, i // 2 + 1, True, until, deadline, i % len(TOPICS)))
    with transaction.atomic():
        for year, body, number, leads, until, deadline, topic in plans:
            proposal = _make(rng, year, body, number, departments, leads, topic)
            proposal.deadline, proposal.created_by = deadline, supervisor
            proposal.save()
            co = [d for d in rng.sample(list(departments.values()), 2) if d.pk != proposal.lead_department_id]
            proposal.co_departments.set(co[:1])
            handler = handlers.get(proposal.lead_department_id)
            _run(proposal, supervisor, handler, until if handler else "assigned", rng)
            created += 1
    return created


TASKS = [
    (Source.INSTRUCTION, "落实局长关于黄浦江沿岸排污口整治的批示", "pollution", -20, 10, "signed"),
    (Source.MEETING, "局务会决定：完成年度生活垃圾分类达标小区创建", "sanitation", -12, 15, "signed"),
    (Source.INSTRUCTION, "落实区领导关于世博周边市容环境保障的批示", "sanitation", -2, 5, "assigned"),
    (Source.MEETING, "局务会决定：修订突发环境事件应急预案", "policy", -30, 10, "closed"),
    (Source.INSTRUCTION, "核查群众反映的张江某厂夜间排放问题", "monitoring", -1, 3, "signed"),
]


def build_tasks():
    if SupervisionTask.objects.exists():
        return 0
    supervisor, handlers = _actors()
    departments = {d.code: d for d in Department.objects.all()}
    if supervisor is None:
        return 0
    today = current_date()
    created = 0
    with transaction.atomic():
        for source, title, code, start, days, until in TASKS:
            lead = departments.get(code)
            if lead is None:
                continue
            task = SupervisionTask.objects.create(
                source=source, title=title, content="请牵头部门会同配合部门抓紧落实，每周反馈一次进展。", lead_department=lead,
                start_date=today + timedelta(days=start), working_days=days, created_by=supervisor,
            )
            task.co_departments.set([d for code_, d in departments.items() if code_ == "office"])
            transitions.task_assigned(task, supervisor)
            handler = handlers.get(lead.pk)
            if until != "assigned" and handler is not None:
                transitions.task_transition(task, handler, "sign")
                transitions.task_transition(task, handler, "report", text="已制定工作方案，正在组织现场核查。")
                if until == "closed":
                    transitions.task_transition(task, supervisor, "close")
            created += 1
        for proposal in Proposal.objects.filter(year=today.year, state="assigned").order_by("pk")[:2]:
            transitions.spawn_task(proposal, supervisor, working_days=10, start_date=today - timedelta(days=7))
            created += 1
    return created


@step(59, "两会议案与督办")
def supervision_step(context):
    created = build_supervision()
    if created:
        context.log.append(f"两会议案：{created} 件演示议案")
    tasks = build_tasks()
    if tasks:
        context.log.append(f"督办：{tasks} 件演示督办事项")
