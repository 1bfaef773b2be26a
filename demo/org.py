"""Demo staff (app `intranet.org`): one login per editorial role, plus a few colleagues per
department for the 通讯录."""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from intranet.org.models import STAFF_GROUP, Department, StaffProfile

from .registry import step

DEMO_PASSWORD = "Pudong@2026"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂英华文玉兰红梅建国志红晓东海燕春梅新华雪梅丹卫东俊杰"

EDITOR = "部门编辑"  # stands for the editor group of the user's own department

# username, full name, department code, position, groups, superuser
DEMO_USERS = [
    ("admin", "系统管理员", "infocenter", "系统管理员", [], True),
    ("xxzx", "周信息", "infocenter", "信息中心主任", ["信息中心管理员"], False),
    ("shenhe", "吴审核", "office", "信息审核员", ["审核员"], False),
    ("bianji_bgs", "郑编辑", "office", "办公室信息员", [EDITOR], False),
    ("bianji_wrfz", "冯编辑", "pollution", "污染防治处信息员", [EDITOR], False),
    ("banjian_wrfz", "褚办件", "pollution", "污染防治处办件员", ["办件员"], False),
    ("banjian_srhw", "卫办件", "sanitation", "市容环卫管理处办件员", ["办件员"], False),
    ("zhigong", "陈职工", "river", "科员", [], False),
    ("shouwen", "孙收文", "office", "办公室文书", ["公文收发员"], False),
    ("shouwen_jcz", "钱收文", "monitoring", "监测站文书", ["公文收发员"], False),
    ("juzhang", "沈局长", "office", "局长", [], False),
]
LEADERS = {"juzhang"}  # demo logins that are leaders (they see what reaches their department)


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def ensure_demo_users():
    """Create the demo logins (once) and return [(username, role description)]."""
    User = get_user_model()
    departments = {d.code: d for d in Department.objects.all()}
    created = []
    for username, full_name, dept_code, position, groups, superuser in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=full_name, is_staff=True, is_superuser=superuser)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        dept = departments.get(dept_code)
        for group_name in [STAFF_GROUP, *groups]:
            if group_name == EDITOR:
                group = dept.editor_group if dept else None
            else:
                group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)
        if dept is not None:
            StaffProfile.objects.get_or_create(
                user=user,
                defaults={
                    "full_name": full_name, "department": dept, "position": position, "office_phone": dept.phone,
                    "is_leader": username in LEADERS,
                },
            )
    return created


def ensure_directory_staff(per_department=3):
    """A leader and a few colleagues in every department (no login), so the 通讯录 is realistic."""
    User = get_user_model()
    staff_group = Group.objects.filter(name=STAFF_GROUP).first()
    created = 0
    for dept in Department.objects.all():
        have = StaffProfile.objects.filter(department=dept).count()
        rng = random.Random(f"staff|{dept.code}")
        for i in range(have, per_department):
            username = f"staff_{dept.code}_{i}"
            if User.objects.filter(username=username).exists():
                continue
            full_name = _name(rng)
            user = User(username=username, first_name=full_name, is_active=True)
            user.set_unusable_password()
            user.save()
            if staff_group is not None:
                user.groups.add(staff_group)
            is_leader = i == 0
            position = ("处长" if dept.category == "bureau" else "署长/站长") if is_leader else rng.choice(["副处长", "科长", "主任科员", "科员", "办事员"])
            base = dept.phone[:-2] if dept.phone else "021-587920"
            StaffProfile.objects.create(
                user=user, full_name=full_name, department=dept, position=position,
                office_phone=f"{base}{rng.randint(10, 99)}", is_leader=is_leader, sort_order=i,
            )
            created += 1
    return created


@step(30, "演示账号与通讯录")
def staff_step(context):
    ensure_demo_users()
    ensure_directory_staff()
