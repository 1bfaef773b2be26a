"""Shared fixtures for the case tests: fresh departments (so the demo data never gets in the way),
staff in the case roles (tests.factories), and cases built through the workflow engine itself.

    def test_x(case_factory, dept_a, info_centre):
        case = case_factory.processing(dept_a)          # submitted, accepted, assigned
        case = case_factory.submitted(Channel.DISCLOSURE)
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interaction.cases import workflow
from interaction.cases.choices import Channel
from interaction.cases.roles import ADMIN_GROUP, HANDLER_GROUP, REVIEWER_GROUP, setup_case_roles
from tests.factories import DepartmentFactory, StaffFactory

# A citizen whose data must never leak: full values, to search for in responses and exports.
CITIZEN = {
    "name": "欧阳明华",
    "phone": "13912345678",
    "email": "ouyang.minghua@example.com",
    "address": "浦东新区张杨路1234弄56号789室",
}
DISCLOSURE_ID_NUMBER = "11010519491231002X"

# 1x1 PNG
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def case_roles(db):
    """The case groups ({name: Group}); idempotent, so harmless if load_demo already made them."""
    return setup_case_roles()


@pytest.fixture
def dept_a(db):
    return DepartmentFactory(code="case-test-a", name="测试甲处")


@pytest.fixture
def dept_b(db):
    return DepartmentFactory(code="case-test-b", name="测试乙处")


@pytest.fixture
def make_staff(db, case_roles):
    """make_staff("u", department, HANDLER_GROUP, ...) -> a user with a StaffProfile in `department`."""

    def make(username, department, *group_names, email=None, is_active=True, is_superuser=False):
        return StaffFactory(
            username=username, department=department, full_name=f"职员{username}", groups=group_names,
            email=email if email is not None else f"{username}@staff.example.cn",
            is_active=is_active, is_superuser=is_superuser,
        )

    return make


@pytest.fixture
def handler_a(make_staff, dept_a):
    return make_staff("handler_a", dept_a, HANDLER_GROUP)


@pytest.fixture
def handler_b(make_staff, dept_b):
    return make_staff("handler_b", dept_b, HANDLER_GROUP)


@pytest.fixture
def info_centre(make_staff):
    return make_staff("xxzx_case", DepartmentFactory(name="测试信息中心"), ADMIN_GROUP)


@pytest.fixture
def case_reviewer(make_staff):
    return make_staff("shenhe_case", DepartmentFactory(name="测试审核处"), REVIEWER_GROUP)


@dataclass
class CaseFactory:
    dispatcher: object

    def submitted(self, channel=Channel.COMPLAINT, attachments=(), **fields):
        values = {**CITIZEN, "title": "夜间工地施工噪声扰民", "content": "某工地每晚施工到凌晨两点。", "consent_publish": True}
        if channel == Channel.COMPLAINT:
            values.update(category="noise", location="川沙路100号")
        if channel == Channel.DISCLOSURE:
            values.update(
                applicant_type="person", id_type="id_card", id_number=DISCLOSURE_ID_NUMBER, delivery="email",
                title="申请公开某项目环评批复", content="请公开某项目的环境影响评价批复文件。",
            )
        values.update(fields)
        case, _code = workflow.submit(channel, attachments=attachments, **values)
        return case

    def processing(self, department, channel=Channel.COMPLAINT, co_departments=(), **fields):
        case = self.submitted(channel, **fields)
        workflow.accept(case, self.dispatcher)
        workflow.assign(case, self.dispatcher, department, co_departments=co_departments)
        return case

    def replied(self, department, channel=Channel.COMPLAINT, **fields):
        case = self.processing(department, channel, **fields)
        extra = {"result": "disclose"} if channel == Channel.DISCLOSURE else {}
        workflow.draft_reply(case, self.dispatcher, "经查，已责令工地停止夜间施工。", **extra)
        workflow.approve_reply(case, self.dispatcher)
        return case


@pytest.fixture
def case_factory(info_centre):
    return CaseFactory(dispatcher=info_centre)


@pytest.fixture
def photo():
    return SimpleUploadedFile("现场照片.png", PNG_BYTES, content_type="image/png")
