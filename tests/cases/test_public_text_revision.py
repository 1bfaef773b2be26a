"""Changing the public text of a published case takes it off the website until a reviewer
publishes it again (and the new text passes the personal-data scan)."""

import pytest
from django.test import Client

from interaction.cases import workflow
from interaction.cases.choices import Channel, Status
from interaction.cases.models import Case, CaseLogEntry

from .test_admin import case_url, logged_in
from .test_public_pages import channel_page, sub_url

pytestmark = pytest.mark.django_db

PUBLIC = {"public_title": "崂山路绿化带垃圾堆放", "public_content": "崂山路绿化带有人堆放垃圾。", "public_reply": "已清运。"}


@pytest.fixture
def published(case_factory, dept_a, info_centre):
    case = case_factory.replied(dept_a)
    workflow.publish(case, info_centre, **PUBLIC)
    return Case.objects.get(pk=case.pk)


def edit(user, case, **changes):
    data = {"category": case.category, "location": case.location, "internal_note": case.internal_note, **PUBLIC, **changes}
    return logged_in(user).post(case_url("edit", case.pk), data, follow=True)


def archive_detail(public_home, case):
    return Client(HTTP_HOST="localhost").get(sub_url(channel_page(public_home, Channel.COMPLAINT), "archive_detail", case.reference))


def actions(case):
    return list(CaseLogEntry.objects.filter(case_id=case.pk).order_by("timestamp", "id").values_list("action", flat=True))


def test_editing_the_public_text_withdraws_the_case_until_republished(published, handler_a, info_centre, public_home):
    assert archive_detail(public_home, published).status_code == 200
    response = edit(handler_a, published, public_reply="已清运，并加强巡查。联系人手机13912345678。")
    assert "已撤回公开，需审核员审核后重新公开" in response.content.decode()
    case = Case.objects.get(pk=published.pk)
    assert not case.is_public and case.status == Status.REPLIED
    assert case.public_reply.startswith("已清运，并加强巡查")
    assert archive_detail(public_home, case).status_code == 404
    entry = CaseLogEntry.objects.filter(case_id=case.pk, action="cases.revise_public").get()
    assert entry.user == handler_a and entry.data == {"changed": ["公开答复"]}
    assert actions(case)[-2:] == ["wagtail.edit", "cases.revise_public"]

    # The handler cannot put it back; the reviewer can, once the new text is clean.
    assert "publish" not in [name for name, _ in workflow.available_transitions(case, handler_a)]
    assert "publish" in [name for name, _ in workflow.available_transitions(case, info_centre)]
    with pytest.raises(workflow.TransitionError, match="手机号码 139\\*\\*\\*\\*5678"):
        workflow.publish(case, info_centre)
    workflow.publish(case, info_centre, public_reply="已清运，并加强巡查。")
    assert archive_detail(public_home, case).status_code == 200


def test_the_inspect_page_says_the_case_awaits_republication(published, handler_a, info_centre):
    edit(handler_a, published, public_title="崂山路绿化带垃圾")
    page = logged_in(info_centre).get(case_url("inspect", published.pk)).content.decode()
    assert "公开内容已修改，待审核后重新公开" in page
    assert "修改已公开的内容" in page  # the history entry, with what changed
    assert "公开标题" in page


def test_other_edits_keep_a_published_case_public(published, handler_a, public_home):
    edit(handler_a, published, internal_note="已回访", location="崂山路100号")
    case = Case.objects.get(pk=published.pk)
    assert case.is_public and case.internal_note == "已回访"
    assert "cases.revise_public" not in actions(case)
    assert archive_detail(public_home, case).status_code == 200


def test_editing_the_public_text_of_an_unpublished_case_is_a_plain_edit(case_factory, dept_a, handler_a):
    case = case_factory.replied(dept_a)
    edit(handler_a, case, public_title="待公开标题")
    case = Case.objects.get(pk=case.pk)
    assert case.public_title == "待公开标题" and not case.is_public
    assert "cases.revise_public" not in actions(case)


def test_the_move_is_never_a_button_and_refuses_those_without_rights(published, handler_b, info_centre):
    for user in (info_centre, handler_b):
        assert "revise_public" not in [name for name, _ in workflow.available_transitions(published, user)]
    with pytest.raises(workflow.TransitionError, match="没有权限"):
        workflow.revise_public(published, handler_b, ["public_title"])
    assert Case.objects.get(pk=published.pk).is_public
    # Another department's handler cannot reach the edit form at all.
    assert logged_in(handler_b).get(case_url("edit", published.pk)).status_code in (403, 404)
