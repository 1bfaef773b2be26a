"""Department editors edit only their sub-columns and cannot publish without review."""

from dataclasses import dataclass

import pytest
from wagtail.models import Page, PagePermissionTester, WorkflowState

from columns.models import ArticlePage, ColumnPage, DisclosureCataloguePage, LeadersPage, SubColumnPage
from columns.roles import ADMIN_GROUP, REVIEWER_GROUP, WORKFLOW_NAME
from home.models import IntranetHomePage, PublicHomePage, UtilityPage
from tests.factories import ArticleFactory, ColumnFactory, DepartmentFactory, StaffFactory, SubColumnFactory

pytestmark = pytest.mark.django_db


def perms(user, page):
    return PagePermissionTester(user, page)


@dataclass
class Desk:
    """A column with two departments' list sub-columns, an article in each, and the people."""

    own: SubColumnPage
    other: SubColumnPage
    own_article: ArticlePage
    other_article: ArticlePage
    editor: object  # 部门编辑 of own's department
    other_editor: object  # 部门编辑 of other's department
    reviewer: object
    info_centre: object


@pytest.fixture
def desk(public_home):
    own_dept, other_dept = DepartmentFactory(name="测试污染防治处"), DepartmentFactory(name="测试办公室")
    column = ColumnFactory(parent=public_home)
    own = SubColumnFactory(parent=column, department=own_dept)
    other = SubColumnFactory(parent=column, department=other_dept)
    return Desk(
        own=own,
        other=other,
        own_article=ArticleFactory(parent=own),
        other_article=ArticleFactory(parent=other),
        editor=StaffFactory(department=own_dept, editor=True),
        other_editor=StaffFactory(department=other_dept, editor=True),
        reviewer=StaffFactory(groups=[REVIEWER_GROUP]),
        info_centre=StaffFactory(groups=[ADMIN_GROUP]),
    )


def test_department_editor_can_add_and_edit_only_under_assigned_sub_columns(desk, public_home):
    assert perms(desk.editor, desk.own).can_add_subpage()
    assert perms(desk.editor, desk.own_article).can_edit()
    assert not perms(desk.editor, desk.other).can_add_subpage()
    assert not perms(desk.editor, desk.other_article).can_edit()
    assert not perms(desk.editor, public_home).can_add_subpage()


def test_department_editor_cannot_publish(desk):
    article = desk.own_article
    assert not perms(desk.editor, article).can_publish()
    assert not perms(desk.editor, desk.own).can_publish_subpage()
    assert perms(desk.reviewer, article).can_publish()
    assert perms(desk.info_centre, article).can_publish()


def test_editor_edit_url_of_another_departments_article_is_refused(client, desk):
    article = desk.other_article
    client.force_login(desk.editor)
    response = client.get(f"/admin/pages/{article.id}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/{article.id}/edit/", {"title": "篡改"})
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title != "篡改"


def test_editor_submission_goes_to_review_and_reviewer_approval_publishes(client, desk):
    client.force_login(desk.editor)
    response = client.post(
        f"/admin/pages/add/columns/articlepage/{desk.own.id}/",
        {
            "title": "污染防治处测试稿件",
            "slug": "wrfz-test-draft",
            "pub_date": "2026-11-20 10:00",
            "generated_date": "2026-11-20",
            "topic": "hjbh",
            "disclosure_mode": "proactive",
            "validity": "valid",
            "body-count": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "action-submit": "提交审核",
            # A department editor trying to publish directly must not succeed.
            "action-publish": "发布",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="wrfz-test-draft")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.workflow.name == WORKFLOW_NAME and state.status == "in_progress"

    client.logout()
    client.force_login(desk.reviewer)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.id}/approve/{task_state.id}/", {"comment": "同意发布"}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_workflow_covers_both_sites(public_home, intranet_home):
    for home in (public_home, intranet_home):
        sub = SubColumnFactory(parent=ColumnFactory(parent=home), department=DepartmentFactory())
        assert ArticleFactory(parent=sub).get_workflow().name == WORKFLOW_NAME


def test_changing_a_sub_columns_department_moves_the_permission(desk):
    own = desk.own
    own.department = desk.other.department
    own.save_revision().publish()
    assert not perms(desk.editor, own).can_add_subpage()
    assert perms(desk.other_editor, own).can_add_subpage()


def test_every_sub_column_of_the_taxonomy_has_its_department(public_home):
    missing = SubColumnPage.objects.descendant_of(public_home).filter(kind="list", department__isnull=True)
    assert not missing.exists(), list(missing.values_list("url_path", flat=True))


def test_page_type_rules():
    public_home = PublicHomePage.objects.get()
    column = ColumnPage.objects.child_of(public_home).first()
    list_sub = SubColumnPage.objects.filter(kind="list").first()
    single_sub = SubColumnPage.objects.filter(kind="single").first()
    assert ColumnPage.can_exist_under(public_home)
    assert ColumnPage.can_exist_under(IntranetHomePage.objects.get())
    assert not ColumnPage.can_exist_under(column)
    assert not ColumnPage.can_exist_under(list_sub)
    for model in (SubColumnPage, LeadersPage, DisclosureCataloguePage):
        assert model.can_exist_under(column)
        assert not model.can_exist_under(public_home)
    assert ArticlePage.can_exist_under(list_sub)
    assert not ArticlePage.can_exist_under(single_sub)
    assert not ArticlePage.can_exist_under(column)
    assert not ArticlePage.can_exist_under(public_home)
    assert UtilityPage.can_exist_under(public_home) and not UtilityPage.can_exist_under(column)
    assert not PublicHomePage.can_create_at(Page.get_first_root_node())  # one per site
