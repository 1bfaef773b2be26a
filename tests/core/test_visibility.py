"""One visibility rule (core/visibility.py) for menus, lists, feeds and files, on Wagtail's own
restriction semantics: group and password restrictions hold in menus too, and the rule costs a
fixed number of queries whatever the number of restrictions or rows."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.visibility import for_request, visible
from tests.helpers import add_article, add_column, add_sub_column

pytestmark = pytest.mark.django_db


def menu_text(client):
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    return soup.select_one(".main-nav").get_text()


@pytest.fixture
def group_column(intranet_home):
    """An intranet column with a sub-column only the group 督查专班 may see."""
    group = Group.objects.create(name="督查专班")
    column = add_column(intranet_home, "dczb", "督查工作")
    open_sub = add_sub_column(column, "dcgk", "督查概况")
    secret_sub = add_sub_column(column, "dcmd", "专班督查名单")
    restriction = PageViewRestriction.objects.create(page=secret_sub, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    add_article(secret_sub, title="专班督查名单第一批")
    return {"group": group, "column": column, "open": open_sub, "secret": secret_sub}


def test_staff_outside_the_group_do_not_see_the_title_in_menus_or_lists(intranet_client, login, staff_member, group_column):
    user = login(intranet_client, staff_member)
    menu = menu_text(intranet_client)
    assert "督查概况" in menu
    assert "专班督查名单" not in menu
    column_page = intranet_client.get(group_column["column"].url_path.replace("/intranet", "", 1)).content.decode()
    assert "督查概况" in column_page and "专班督查名单" not in column_page
    user.groups.add(group_column["group"])
    assert "专班督查名单" in menu_text(intranet_client)


def test_group_members_and_superusers_see_it(intranet_client, login, superuser, staff_member, group_column):
    staff_member.groups.add(group_column["group"])
    login(intranet_client, staff_member)
    assert "专班督查名单" in menu_text(intranet_client)
    login(intranet_client, superuser)
    assert "专班督查名单" in menu_text(intranet_client)


def test_password_restricted_pages_stay_out_of_menus_until_the_password_is_given(public_client, public_home):
    column = add_column(public_home, "mmlm", "密码栏目")
    add_sub_column(column, "gkzl", "公开资料")
    locked = add_sub_column(column, "mmzl", "口令资料")
    restriction = PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="口令123"
    )
    assert "公开资料" in menu_text(public_client)
    assert "口令资料" not in menu_text(public_client)
    session = public_client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert "口令资料" in menu_text(public_client)


def test_login_restricted_public_pages_are_hidden_from_anonymous_visitors_only(public_client, public_home, login, staff_member):
    column = add_column(public_home, "dlxz", "登录栏目")
    sub = add_sub_column(column, "dlzl", "登录可见资料")
    PageViewRestriction.objects.create(page=sub, restriction_type=PageViewRestriction.LOGIN)
    assert "登录可见资料" not in menu_text(public_client)
    login(public_client, staff_member)
    assert "登录可见资料" in menu_text(public_client)


def test_rss_feed_of_a_column_follows_the_rule(intranet_client, login, staff_member, group_column):
    secret = group_column["secret"]
    feed_url = secret.url_path.replace("/intranet", "", 1) + "rss/"
    login(intranet_client, staff_member)
    response = intranet_client.get(feed_url)
    assert "专班督查名单第一批" not in response.content.decode()


def _request(rf, user, host="intranet.localhost"):
    request = rf.get("/", HTTP_HOST=host)
    request.user = user
    request.session = {}
    return request


def test_the_rule_costs_a_fixed_number_of_queries(rf, intranet_home, staff_member, django_assert_max_num_queries):
    column = add_column(intranet_home, "xncs", "性能测试")
    groups = [Group.objects.create(name=f"性能组{i}") for i in range(3)]
    for i in range(25):
        sub = add_sub_column(column, f"xn{i}", f"受限子栏目{i}")
        restriction = PageViewRestriction.objects.create(page=sub, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(*groups)
    user = staff_member
    request = _request(rf, user)
    # restrictions + their groups + the user's groups, then one query per listing evaluated
    with django_assert_max_num_queries(3 + 3):
        visibility = for_request(request)
        for _ in range(3):
            list(visible(Page.objects.child_of(column), request))
    assert for_request(request) is visibility
    assert list(visible(Page.objects.child_of(column), request)) == []


def test_a_page_render_does_not_grow_with_the_number_of_restrictions(intranet_client, login, staff_member, intranet_home):
    login(intranet_client, staff_member)
    column = add_column(intranet_home, "xnzs", "增长测试")
    group = Group.objects.create(name="增长测试组")

    def restrict(count, start):
        for i in range(start, start + count):
            sub = add_sub_column(column, f"zz{i}", f"增长子栏目{i}")
            restriction = PageViewRestriction.objects.create(page=sub, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(group)

    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert intranet_client.get("/").status_code == 200
        return len(captured)

    restrict(2, 0)
    queries()  # first render: one-off lookups (content types, site root paths)
    few = queries()
    restrict(30, 2)
    many = queries()
    assert many == few


def test_files_follow_the_same_rule(rf, staff_member):
    from django.contrib.auth.models import AnonymousUser
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from tests.files.conftest import make_document

    root = Collection.get_first_root_node()
    team = Group.objects.create(name="文件专班")
    secret = root.add_child(name="专班文件")
    restriction = CollectionViewRestriction.objects.create(
        collection=secret, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(team)
    nested = secret.add_child(name="专班文件子目录")
    make_document(root, title="公开的文件")
    make_document(nested, title="专班的文件")
    Document = get_document_model()
    user = staff_member

    def titles(who):
        request = _request(rf, who)
        return set(for_request(request).files(Document.objects.filter(title__endswith="的文件")).values_list("title", flat=True))

    assert titles(AnonymousUser()) == {"公开的文件"}
    assert titles(user) == {"公开的文件"}
    user.groups.add(team)
    user = get_user_model().objects.get(pk=user.pk)
    assert titles(user) == {"公开的文件", "专班的文件"}
