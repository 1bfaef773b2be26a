"""Demo data of 志愿者登记 (app `interaction.volunteers`): 76 registered volunteers, past
activities with check-ins and hours, and upcoming ones (one full, with a waiting list).
Upcoming registrations go through the real rules; past ones are written as they ended.
Idempotent: nothing is added when activities exist."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.counters import next_value
from interaction.volunteers import codes
from interaction.volunteers import registration as rules
from interaction.volunteers.models import AVAILABILITY, INTERESTS, Activity, Registration, Volunteer
from interaction.volunteers.roles import VOLUNTEER_MANAGER_GROUP
from intranet.org.models import STAFF_GROUP

from .org import DEMO_PASSWORD
from .registry import step

SEED = "volunteers-demo"
MANAGER_USERNAME = "zhiyuan"
VOLUNTEER_COUNT = 76
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢陆顾"
GIVEN = ["建华", "秀英", "伟", "敏", "静", "海燕", "志强", "丽", "国平", "晓东", "春梅", "俊", "桂兰", "文斌", "雪芳", "建军", "佳怡", "子豪"]
NOTES = ["退休教师，熟悉社区情况", "大学生，周末有空", "会讲上海话和普通话，可做宣传讲解", "有摄影特长", "", "", "社区楼组长"]

# (title, description, place, days from today, start hour, duration hours, capacity, organiser)
ACTIVITIES = [
    ("张家浜河道保洁日", "沿张家浜步道拾捡岸边垃圾、劝导不文明行为，活动结束后记录河道环境状况。请穿运动鞋，手套、夹子由组织方提供。",
     "张家浜步道（芳甸路桥东侧）集合", -150, 9, 3, 30, "河道管理署"),
    ("世纪公园垃圾分类宣传", "在世纪公园 2 号门广场设摊，向游客发放垃圾分类宣传册，演示分类投放。", "世纪公园 2 号门", -120, 9, 4, 20, "宣传教育处"),
    ("“迎世博 清洁家园”社区大扫除", "与居委会一起清理楼道堆物、小区绿化带白色垃圾，张贴文明宣传画。", "花木街道联洋社区居委会", -95, 8, 3, 40, "市容环卫管理处"),
    ("世界环境日广场宣传", "“六·五”世界环境日主题宣传，协助布展、引导市民参与环保知识问答。", "东方路浦东图书馆广场", -70, 9, 5, 25, "宣传教育处"),
    ("川杨河沿岸护绿活动", "为沿河新栽树木浇水、扶正支撑，清除杂草。", "川杨河华夏东路段", -45, 8, 3, 20, "绿化管理署"),
    ("社区噪声监测体验", "在环境监测站工作人员带领下，学习使用声级计并记录社区噪声。", "浦东新区环境监测站", -20, 14, 2, 12, "环境监测站"),
    ("陆家嘴滨江环境劝导", "在滨江大道劝导乱扔垃圾、践踏草坪等不文明行为，协助游客问询。", "陆家嘴滨江大道东方明珠段", 6, 9, 3, 2, "市容环卫管理处"),
    ("垃圾分类进校园", "到小学开展垃圾分类主题课，带领学生做分类游戏。", "浦东新区进才实验小学", 12, 13, 2, 8, "宣传教育处"),
    ("河道保洁日（川沙段）", "清理川沙古城河沿岸垃圾，记录排污口状况。", "川沙新镇古城公园南门", 20, 8, 3, 30, "河道管理署"),
    ("绿色社区评选现场核查", "随同工作人员走访参评小区，填写环境状况记录表。", "各参评小区（集合地点另行通知）", 34, 9, 4, 10, "宣传教育处"),
]


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _manager():
    User = get_user_model()
    user = User.objects.filter(username=MANAGER_USERNAME).first()
    if user is None:
        user = User(username=MANAGER_USERNAME, first_name="孔志愿", is_staff=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=[VOLUNTEER_MANAGER_GROUP, STAFF_GROUP]))
    return user


def load_volunteers_demo(log):
    if Activity.objects.exists():
        return
    manager = _manager()
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        volunteers = []
        phones = set()
        while len(volunteers) < VOLUNTEER_COUNT:
            phone = f"13{rng.randint(5, 9)}{rng.randint(10000000, 99999999)}"
            if phone in phones:
                continue
            phones.add(phone)
            volunteers.append(Volunteer(
                name=_name(rng), phone=phone,
                email=f"volunteer{len(volunteers) + 1:02d}@example.cn" if rng.random() < 0.6 else "",
                interests=sorted(rng.sample([k for k, _ in INTERESTS], rng.randint(1, 3))),
                availability=sorted(rng.sample([k for k, _ in AVAILABILITY], rng.randint(1, 2))),
                note=rng.choice(NOTES),
                signed_up_at=now - timedelta(days=rng.randint(160, 400)),
            ))
        volunteers = Volunteer.objects.bulk_create(volunteers)
        code_hash = codes.make_hash(codes.new_code())  # demo registrations share one unused code
        served = 0
        for title, description, place, days, hour, duration, capacity, organiser in ACTIVITIES:
            day = today + timedelta(days=days)
            activity = Activity.objects.create(
                title=title, description=description, place=place, starts_at=_at(day, hour),
                ends_at=_at(day, hour + duration), capacity=capacity, hours=Decimal(duration), organiser=organiser,
            )
            if days > 0:
                continue
            people = rng.sample(volunteers, min(capacity, rng.randint(capacity // 2, capacity)))
            registrations = []
            for person in people:
                registrations.append(Registration(
                    activity=activity, volunteer=person, reference=f"ZY{next_value('volunteer-registration'):06d}",
                    name=person.name, phone=person.phone, email=person.email, status=Registration.Status.CONFIRMED,
                    code_hash=code_hash,
                    checked_in_at=(
                        activity.starts_at + timedelta(minutes=rng.randint(-20, 10)) if rng.random() < 0.9 else None
                    ),
                ))
            for r in registrations:
                if r.checked_in_at:
                    r.hours_served = activity.hours
                    served += 1
            Registration.objects.bulk_create(registrations)
    # Upcoming activities fill through the real rules: the first one (2 places) gets a waiting list.
    upcoming = list(Activity.objects.filter(starts_at__gt=now).order_by("starts_at"))
    for activity, count in zip(upcoming, (4, 5, 9, 3), strict=False):
        for person in rng.sample(volunteers, count):
            rules.register(activity, name=person.name, phone=person.phone, email=person.email)
    log.append(
        f"志愿者登记：{VOLUNTEER_COUNT} 名志愿者，{len(ACTIVITIES)} 项活动，{served} 人次签到"
        f"（志愿者管理员 {manager.username}，密码同演示账号）"
    )


@step(54, "演示志愿者登记")
def volunteers_step(context):
    load_volunteers_demo(context.log)
