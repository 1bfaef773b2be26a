from datetime import date

import pytest
from django.contrib.auth.models import Group

from core.roles import ADMIN_GROUP
from intranet.supervision import transitions
from intranet.supervision.choices import Body
from intranet.supervision.models import Proposal
from tests.factories import DepartmentFactory, StaffFactory


class Bureau:
    """A lead department, a co-handling one and an unrelated one, each with a clerk; a leader,
    an 信息中心管理员 and a proposal registered (交办) by the administrator."""

    def __init__(self):
        admin_group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
        self.lead = DepartmentFactory(name="测试污防处")
        self.co = DepartmentFactory(name="测试监测站")
        self.other = DepartmentFactory(name="测试其他处")
        self.handler = StaffFactory(department=self.lead, full_name="承办甲")
        self.co_clerk = StaffFactory(department=self.co, full_name="配合乙")
        self.stranger = StaffFactory(department=self.other, full_name="路人丙")
        self.leader = StaffFactory(department=self.other, full_name="局长丁")
        self.leader.staff_profile.is_leader = True
        self.leader.staff_profile.save()
        self.admin = StaffFactory(department=self.other, full_name="信息戊", groups=[admin_group])

    def proposal(self, number=1, year=1995, body=Body.NPC, lead=None, co=None, **fields):
        fields.setdefault("title", "关于加强张江河道综合整治的建议")
        fields.setdefault("deadline", date(year, 6, 30))
        proposal = Proposal.objects.create(
            body=body, year=year, number=number, proposer="王建国", lead_department=lead or self.lead,
            created_by=self.admin, **fields,
        )
        proposal.co_departments.set([co or self.co])
        transitions.assigned(proposal, self.admin)
        return proposal


@pytest.fixture
def bureau(db):
    return Bureau()
