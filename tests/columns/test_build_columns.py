"""build_columns makes the tree match the taxonomy, idempotently, never touching editors' work."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from columns.models import ColumnPage, SubColumnPage
from columns.taxonomy import parse
from columns.tree import BuildReport, build_site
from home.models import IntranetHomePage, PublicHomePage
from tests.helpers import page_at

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("build_columns", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_tree_has_exactly_41_columns_and_372_sub_columns():
    homes = [PublicHomePage.objects.get(), IntranetHomePage.objects.get()]
    columns = ColumnPage.objects.none()
    column_count = 0
    sub_count = 0
    for home in homes:
        columns = Page.objects.child_of(home).type(ColumnPage)
        column_count += columns.count()
        for column in columns:
            sub_count += column.get_children().count()
    # Only ColumnPages sit under the homes besides utility pages, which never count.
    assert column_count == 41
    assert sub_count == 372
    assert ColumnPage.objects.count() == 41


def test_second_run_creates_and_changes_nothing():
    before = {p.pk: (p.title, p.path, p.latest_revision_id, p.last_published_at) for p in Page.objects.all()}
    output = run()
    after = {p.pk: (p.title, p.path, p.latest_revision_id, p.last_published_at) for p in Page.objects.all()}
    assert before == after
    assert "未做任何更改" in output and "创建" not in output


def test_editors_edits_survive_and_missing_pages_come_back(public_home):
    column = page_at(public_home, "kjyy")
    column.title = "开卷有益（编辑改名）"
    column.save_revision().publish()
    sub = page_at(public_home, "kjyy/hbzs")
    sub.description = "编辑修改过的描述"
    sub.save_revision().publish()
    removed = page_at(public_home, "jggk/lsyg")
    removed_title = removed.title
    removed.delete()
    # An editor's own extra sub-column is never deleted.
    extra = column.add_child(instance=SubColumnPage(title="编辑自建栏目", slug="bianji-zijian", kind="list", live=True))

    output = run()

    assert page_at(public_home, "kjyy").title == "开卷有益（编辑改名）"
    assert page_at(public_home, "kjyy/hbzs").description == "编辑修改过的描述"
    recreated = page_at(public_home, "jggk/lsyg")
    assert recreated.title == removed_title
    assert "jggk/lsyg" in output
    assert Page.objects.filter(pk=extra.pk).exists()
    # Re-created in its menu position: right after its predecessor in the file.
    siblings = [p.slug for p in page_at(public_home, "jggk").get_children()]
    assert siblings.index("lsyg") == siblings.index("zzjg") + 1


def test_builds_a_new_site_in_file_order_and_resolves_internal_links():
    home = Page.get_first_root_node().add_child(instance=IntranetHomePage(title="测试站", slug="test-home", live=True))
    taxonomy = parse(
        {
            "site": "intranet",
            "columns": [
                {"slug": "aa", "title": "甲栏目", "subs": [
                    {"slug": "a1", "title": "甲一", "kind": "list", "dept": "office"},
                    {"slug": "a2", "title": "甲二", "kind": "single"},
                    {"slug": "a3", "title": "甲三", "kind": "app", "app": "mailbox", "contact": "电话：021-1"},
                ]},
                {"slug": "bb", "title": "乙栏目", "subs": [
                    {"slug": "b1", "title": "乙一", "kind": "link", "target": "aa/a1"},
                    {"slug": "b2", "title": "乙二", "kind": "link", "url": "https://www.gov.cn/"},
                    {"slug": "b3", "title": "乙三", "kind": "leaders"},
                ]},
            ],
        },
        "intranet",
    )
    from intranet.org.models import Department

    departments = {d.code: d for d in Department.objects.all()}
    report = BuildReport()
    build_site(taxonomy, home, departments, report)
    assert len(report.created) == 8 and not report.warnings
    assert [p.slug for p in home.get_children()] == ["aa", "bb"]
    assert [p.slug for p in page_at(home, "aa").get_children()] == ["a1", "a2", "a3"]
    a1 = page_at(home, "aa/a1")
    assert a1.kind == "list" and a1.department.code == "office"
    # An app type that has a page type of its own (局长信箱) is created as that page, not a placeholder.
    a3 = page_at(home, "aa/a3")
    assert a3.specific_class.__name__ == "MailboxPage" and a3.contact == "电话：021-1"
    assert page_at(home, "bb/b1").link_page_id == a1.pk
    assert page_at(home, "bb/b2").link_url == "https://www.gov.cn/"
    assert page_at(home, "bb/b3").specific_class.__name__ == "LeadersPage"

    again = BuildReport()
    build_site(taxonomy, home, departments, again)
    assert again.created == []


def test_page_of_another_type_at_a_slug_is_left_alone():
    """A later issue swaps an app placeholder for its real page type: build_columns accepts it."""
    home = PublicHomePage.objects.get()
    placeholder = page_at(home, "hdjl/wslt")
    placeholder.title = "网上论坛（新版）"
    placeholder.save_revision().publish()
    run()
    assert page_at(home, "hdjl/wslt").title == "网上论坛（新版）"
    assert page_at(home, "hdjl").get_children().filter(slug="wslt").count() == 1
