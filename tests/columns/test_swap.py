"""swap_page_type turns a page into another page type in place; build_columns uses it to replace
"app" placeholders by the real interaction pages, once and only once."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

from columns.models import ArticlePage, SubColumnPage
from columns.swap import SWAP_ACTION, SwapError, swap_page_type
from columns.tree import app_page_models
from interaction.cases.models import ComplaintPage, ConsultationPage, DisclosureRequestPage, MailboxPage
from intranet.org.models import Department
from tests.helpers import add_article, add_column, add_sub_column, page_at

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>局长信箱欢迎您来信。</p>")]


@pytest.fixture
def placeholder(public_home):
    column = add_column(public_home, "swap-test", "更换测试栏目")
    page = add_sub_column(
        column, "xinxiang", "测试信箱", kind="app", app_type="mailbox", contact="联系电话：021-58792003",
        description="市民可直接给局长写信。", keywords="信箱,来信", body=BODY,
        department=Department.objects.get(code="office"),
    )
    page.save_revision().publish()
    return SubColumnPage.objects.get(pk=page.pk)


def build():
    out = io.StringIO()
    call_command("build_columns", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_swap_keeps_identity_position_and_fields(placeholder, public_client):
    before = Page.objects.get(pk=placeholder.pk)
    siblings_before = [p.pk for p in before.get_parent().get_children()]

    page = swap_page_type(placeholder, MailboxPage, intro=placeholder.body.get_prep_value())

    assert type(page) is MailboxPage and page.pk == placeholder.pk
    base = Page.objects.get(pk=page.pk)
    assert base.specific_class is MailboxPage
    for attr in ("path", "depth", "slug", "title", "url_path", "live", "first_published_at", "show_in_menus", "owner_id"):
        assert getattr(base, attr) == getattr(before, attr), attr
    assert [p.pk for p in base.get_parent().get_children()] == siblings_before
    assert page.description == "市民可直接给局长写信。" and page.keywords == "信箱,来信"
    assert page.department.code == "office"
    assert page.contact == "联系电话：021-58792003"
    assert "局长信箱欢迎您来信" in str(page.intro)
    assert not SubColumnPage.objects.filter(pk=page.pk).exists()

    # The page is served as the new type at the same URL.
    html = public_client.get(page.url).content.decode()
    assert "我要写信" in html and "局长信箱欢迎您来信" in html and "021-58792003" in html


def test_swap_publishes_a_new_revision_and_writes_the_audit_log(placeholder):
    revisions_before = Revision.page_revisions.filter(object_id=str(placeholder.pk)).count()

    page = swap_page_type(placeholder, MailboxPage)

    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions_before + 1
    assert page.live_revision_id == page.latest_revision_id
    assert page.latest_revision.content_type.model_class() is MailboxPage
    assert not page.has_unpublished_changes
    entry = PageLogEntry.objects.get(page=page, action=SWAP_ACTION)
    assert entry.data["from"] == "子栏目" and entry.data["to"] == "局长信箱"
    assert entry.message == "更换页面类型"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", timestamp__gte=entry.timestamp).exists()
    # Earlier revisions still open (as the new type) from the page history.
    oldest = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk").first()
    assert isinstance(oldest.as_object(), MailboxPage)


def test_a_draft_page_stays_a_draft(placeholder):
    placeholder.unpublish()
    page = swap_page_type(SubColumnPage.objects.get(pk=placeholder.pk), MailboxPage)
    assert not page.live and page.live_revision_id is None
    assert page.latest_revision.content_type.model_class() is MailboxPage


def test_swapping_to_the_same_type_changes_nothing(placeholder):
    page = swap_page_type(placeholder, SubColumnPage)
    assert page.pk == placeholder.pk and page.latest_revision_id == placeholder.latest_revision_id
    assert not PageLogEntry.objects.filter(page_id=page.pk, action=SWAP_ACTION).exists()


def test_swap_refuses_what_the_new_type_cannot_hold(public_home, placeholder):
    listing = add_sub_column(placeholder.get_parent(), "liebiao", "列表栏目")
    add_article(listing, "一条信息")
    with pytest.raises(SwapError, match="不能包含此类页面"):
        swap_page_type(listing, ConsultationPage)
    assert Page.objects.get(pk=listing.pk).specific_class is SubColumnPage
    assert ArticlePage.objects.child_of(listing).count() == 1

    # One mailbox per column.
    swap_page_type(placeholder, MailboxPage)
    other = add_sub_column(placeholder.get_parent(), "xinxiang2", "第二个信箱", kind="app", app_type="mailbox")
    with pytest.raises(SwapError, match="已有"):
        swap_page_type(other, MailboxPage)

    with pytest.raises(SwapError, match="没有这些字段"):
        swap_page_type(other, ComplaintPage, colour="red")


def test_the_four_channel_pages_serve_their_app_types():
    models = app_page_models()
    assert models["mailbox"] is MailboxPage
    assert models["complaint"] is ComplaintPage
    assert models["consultation"] is ConsultationPage
    assert models["disclosure_request"] is DisclosureRequestPage


def test_demo_tree_has_the_real_pages_with_taxonomy_contact(public_home):
    for path, model in [("hdjl/jzxx", MailboxPage), ("hdjl/wsts", ComplaintPage), ("hdjl/wszx", ConsultationPage), ("xxgk/ysqgk", DisclosureRequestPage)]:
        page = page_at(public_home, path)
        assert type(page) is model, path
        assert page.contact.startswith("联系电话：021-5879"), path
        assert page.department.code == "office"


def test_build_columns_swaps_placeholders_once_and_leaves_real_pages_alone(public_home):
    complaint = page_at(public_home, "hdjl/wsts")
    complaint.description = "编辑改过的描述"
    complaint.save_revision().publish()
    # Turn it back into the placeholder the foundation created, with an editor's body text.
    swap_page_type(complaint, SubColumnPage, kind="app", app_type="complaint", body=BODY)
    others = {p.pk: p.latest_revision_id for p in [page_at(public_home, "hdjl/jzxx"), page_at(public_home, "xxgk/ysqgk")]}

    output = build()

    page = page_at(public_home, "hdjl/wsts")
    assert type(page) is ComplaintPage and page.pk == complaint.pk
    assert page.description == "编辑改过的描述"
    assert "局长信箱欢迎您来信" in str(page.intro)  # the placeholder's body became the intro
    assert "创建" not in output
    # Real pages were not touched.
    assert {pk: Page.objects.get(pk=pk).latest_revision_id for pk in others} == others

    revision = page.latest_revision_id
    build()
    assert page_at(public_home, "hdjl/wsts").latest_revision_id == revision
    assert PageLogEntry.objects.filter(page_id=page.pk, action=SWAP_ACTION).count() == 2


def test_build_columns_creates_missing_app_pages_as_the_real_type(public_home):
    page_at(public_home, "hdjl/wszx").delete()
    output = build()
    page = page_at(public_home, "hdjl/wszx")
    assert type(page) is ConsultationPage and page.live
    assert page.title == "网上咨询" and page.contact.startswith("联系电话：021-58792007")
    assert "hdjl/wszx" in output


def test_build_columns_leaves_a_placeholder_of_another_app_type_alone(public_home):
    """An editor who points a placeholder at another service keeps it as it is."""
    mailbox = page_at(public_home, "hdjl/jzxx")
    page = swap_page_type(mailbox, SubColumnPage, kind="app", app_type="board")
    build()
    assert type(page_at(public_home, "hdjl/jzxx")) is SubColumnPage
    assert Page.objects.get(pk=page.pk).specific.app_type == "board"
