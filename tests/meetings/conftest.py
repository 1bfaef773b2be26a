from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from intranet.meetings import services
from intranet.oa.access import REGISTRAR_GROUP
from tests.factories import DepartmentFactory, StaffFactory


class Bureau:
    """An organiser with her department's registrar, a department of two invited as a whole, a
    person invited by name, and a stranger who is invited to nothing."""

    def __init__(self):
        group, _ = Group.objects.get_or_create(name=REGISTRAR_GROUP)
        self.office = DepartmentFactory(name="测试办公室")
        self.river = DepartmentFactory(name="测试河道处")
        self.other = DepartmentFactory(name="测试其他处")
        self.organiser = StaffFactory(department=self.office, full_name="组织甲")
        self.registrar = StaffFactory(department=self.office, full_name="收发甲", groups=[group])
        self.other_registrar = StaffFactory(department=self.other, full_name="收发乙", groups=[group])
        self.colleague = StaffFactory(department=self.office, full_name="同事丙")
        self.r1 = StaffFactory(department=self.river, full_name="河道一")
        self.r2 = StaffFactory(department=self.river, full_name="河道二")
        self.person = StaffFactory(department=self.other, full_name="点名丁")
        self.stranger = StaffFactory(department=self.other, full_name="路人")

    def meeting(self, now=None, **fields):
        now = now or timezone.now()
        data = {
            "title": "环境整治推进会", "starts_at": now + timedelta(days=3), "place": "三楼会议室",
            "agenda": "一、通报进展\n二、部署任务", "reply_deadline": now + timedelta(days=2),
            "departments": [self.river], "people": [self.person],
        }
        data.update(fields)
        return services.send(self.organiser, now=now, **data)


@pytest.fixture
def bureau(db):
    return Bureau()
