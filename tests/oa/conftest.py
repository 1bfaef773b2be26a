import pytest
from django.contrib.auth.models import Group

from intranet.oa.access import REGISTRAR_GROUP
from intranet.oa.choices import Kind
from intranet.oa.models import ContactSheet, OfficialDocument, SignReport
from tests.factories import DepartmentFactory, StaffFactory


class Bureau:
    """Two departments with a registrar, a leader and clerks each, and a stranger elsewhere."""

    def __init__(self):
        group, _ = Group.objects.get_or_create(name=REGISTRAR_GROUP)
        self.office = DepartmentFactory(name="测试办公室", short_name="测环保")
        self.unit = DepartmentFactory(name="测试监测站", category="unit")
        self.other = DepartmentFactory(name="测试其他处")
        self.registrar = StaffFactory(department=self.office, full_name="收发甲", groups=[group])
        self.a = StaffFactory(department=self.office, full_name="办理甲")
        self.b = StaffFactory(department=self.unit, full_name="办理乙")
        self.c = StaffFactory(department=self.office, full_name="办理丙")
        self.leader = StaffFactory(department=self.unit, full_name="站长")
        self.leader.staff_profile.is_leader = True
        self.leader.staff_profile.save()
        self.unit_registrar = StaffFactory(department=self.unit, full_name="收发乙", groups=[group])
        self.stranger = StaffFactory(department=self.other, full_name="路人")

    def document(self, kind=Kind.HANDLE, by=None, **fields):
        by = by or self.registrar
        fields.setdefault("title", "关于开展环境卫生检查的通知")
        return OfficialDocument.objects.create(
            doc_kind=kind, owner=by.staff_profile.department, created_by=by, **fields
        )

    def contact_sheet(self, by=None, to=None, **fields):
        by = by or self.a
        return ContactSheet.objects.create(
            title="请协助提供河道监测数据", owner=by.staff_profile.department, created_by=by,
            to_department=to or self.unit, **fields,
        )

    def sign_report(self, by=None, **fields):
        by = by or self.a
        return SignReport.objects.create(
            title="关于购置监测设备的请示", request="拟购置两台设备，请批示。", owner=by.staff_profile.department,
            created_by=by, **fields,
        )


@pytest.fixture
def bureau(db):
    return Bureau()
