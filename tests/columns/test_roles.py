"""Department editors edit only their sub-columns and cannot publish without review."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PagePermissionTester, WorkflowState

from columns.models import ArticlePage, SubColumnPage
from columns.roles import WORKFLOW_NAME
from tests.helpers import page_at

pytestmark = pytest.mark.django_db

User = get_user_model()


def perms(username, page):
    return PagePermissionTester(User.objects.get(username=username), page)


def own_and_other(public_home):
    own = SubColumnPage.objects.descendant_of(public_home).filter(department__code="pollution", kind="list").first()
    other = SubColumnPage.objects.descendant_of(public_home).filter(department__code="office", kind="list").first()
    return own, other


def test_department_editor_can_add_and_edit_only_under_assigned_sub_columns(public_home):
    own, other = own_and_other(public_home)
    own_article = ArticlePage.objects.child_of(own).first()
    other_article = ArticlePage.objects.child_of(other).first()
    assert perms("bianji_wrfz", own).can_add_subpage()
    assert perms("bianji_wrfz", own_article).can_edit()
    assert not perms("bianji_wrfz", other).can_add_subpage()
    assert not perms("bianji_wrfz", other_article).can_edit()
    assert not perms("bianji_wrfz", public_home).can_add_subpage()


def test_department_editor_cannot_publish(public_home):
    own, _ = own_and_other(public_home)
    article = ArticlePage.objects.child_of(own).first()
    assert not perms("bianji_wrfz", article).can_publish()
    assert not perms("bianji_wrfz", own).can_publish_subpage()
    assert perms("shenhe", article).can_publish()
    assert perms("xxzx", article).can_publish()


def test_editor_edit_url_of_another_departments_article_is_refused(client, public_home, login):
    _, other = own_and_other(public_home)
    article = ArticlePage.objects.child_of(other).first()
    login(client, "bianji_wrfz")
    response = client.get(f"/admin/pages/{article.id}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/{article.id}/edit/", {"title": "篡改"})
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title != "篡改"


def test_editor_submission_goes_to_review_and_reviewer_approval_publishes(client, public_home, login):
    own, _ = own_and_other(public_home)
    login(client, "bianji_wrfz")
    response = client.post(
        f"/admin/pages/add/columns/articlepage/{own.id}/",
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
    login(client, "shenhe")
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.id}/approve/{task_state.id}/", {"comment": "同意发布"}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_workflow_covers_both_sites(public_home, intranet_home):
    for home in (public_home, intranet_home):
        article = ArticlePage.objects.descendant_of(home).first()
        assert article.get_workflow().name == WORKFLOW_NAME


def test_changing_a_sub_columns_department_moves_the_permission(public_home):
    from intranet.org.models import Department

    own, other = own_and_other(public_home)
    own.department = Department.objects.get(code="office")
    own.save_revision().publish()
    assert not perms("bianji_wrfz", own).can_add_subpage()
    assert perms("bianji_bgs", own).can_add_subpage()


def test_every_sub_column_of_the_taxonomy_has_its_department(public_home):
    missing = SubColumnPage.objects.descendant_of(public_home).filter(kind="list", department__isnull=True)
    assert not missing.exists(), list(missing.values_list("url_path", flat=True))


def test_page_type_rules():
    from home.models import IntranetHomePage, PublicHomePage, UtilityPage
    from columns.models import ColumnPage, DisclosureCataloguePage, LeadersPage

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
