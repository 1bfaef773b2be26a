"""Campaigns built for each test under the 网上征集 sub-column (swapped in by build_columns),
owned by a group of the test's own."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupPagePermission

from interaction.solicitations.models import SolicitationFormField, SolicitationIndexPage, SolicitationPage
from tests.factories import StaffFactory

def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


PNG_BYTES = _png()
CITIZEN_NAME = "欧阳明华"
CITIZEN_PHONE = "13912345678"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def solicitation_index(db):
    return SolicitationIndexPage.objects.get()


def _editors(index, name):
    group = Group.objects.create(name=name)
    GroupPagePermission.objects.create(group=group, page=index, permission_type="change")
    return group


@pytest.fixture
def owner_group(solicitation_index):
    return _editors(solicitation_index, "测试征集负责组")


@pytest.fixture
def other_editors(solicitation_index):
    """Editors who may edit the campaign pages but do not own them."""
    return _editors(solicitation_index, "测试征集其他编辑")


@pytest.fixture
def owner(owner_group):
    return StaffFactory(username="zj_owner", groups=[owner_group])


@pytest.fixture
def other_editor(other_editors):
    return StaffFactory(username="zj_other", groups=[other_editors])


@pytest.fixture
def make_campaign(solicitation_index, owner_group):
    def make(slug="test-campaign", *, opens=-5, closes=5, results_text="", results_on=None, allow_uploads=True, **kwargs):
        today = timezone.localdate()
        page = SolicitationPage(
            title=kwargs.pop("title", "测试征集活动"), slug=slug, summary="测试摘要", intro="<p>征集说明文字。</p>",
            draft_name="测试办法（征求意见稿）", draft_text="<p>第一条　测试条款。</p>",
            opens_on=today + timedelta(days=opens), closes_on=today + timedelta(days=closes),
            results_on=results_on, results_text=results_text, owner_group=owner_group,
            allow_uploads=allow_uploads, **kwargs,
        )
        solicitation_index.add_child(instance=page)
        for order, (label, kind, required, personal) in enumerate(
            [("姓名", "singleline", True, True), ("联系电话", "singleline", False, True), ("意见建议", "multiline", True, False)]
        ):
            SolicitationFormField.objects.create(
                page=page, sort_order=order, label=label, field_type=kind, required=required, personal=personal
            )
        page.save_revision().publish()
        return SolicitationPage.objects.get(pk=page.pk)

    return make
