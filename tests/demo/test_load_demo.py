"""Smoke test of the full demo: the session database is built by `load_demo` (tests/conftest.py),
and it must hold what README promises a newcomer after `make run`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Site

from columns.models import ArticlePage, ColumnPage, SubColumnPage
from columns.roles import ADMIN_GROUP, REVIEWER_GROUP
from demo.org import DEMO_PASSWORD
from demo.registry import steps
from home.models import IntranetHomePage, PublicHomePage, UtilityPage
from interaction.cases.choices import Channel, ReceivedVia, Status
from interaction.cases.models import Case
from interaction.cases.roles import HANDLER_GROUP
from intranet.org.models import STAFF_GROUP, StaffProfile
from tests.security.conftest import logged_in_as, login_post

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_both_sites_with_the_whole_column_tree():
    public, intranet = PublicHomePage.objects.get(), IntranetHomePage.objects.get()
    hosts = {site.root_page_id: site.hostname for site in Site.objects.all()}
    assert hosts == {public.pk: "localhost", intranet.pk: "intranet.localhost"}
    columns = [c for home in (public, intranet) for c in ColumnPage.objects.child_of(home)]
    assert len(columns) == ColumnPage.objects.count() == 41
    assert sum(c.get_children().count() for c in columns) == 372
    for home in (public, intranet):
        assert UtilityPage.objects.child_of(home).filter(slug="sitemap").exists()


def test_readme_accounts_log_in_with_the_demo_password_and_have_their_roles():
    def groups(username):
        return set(User.objects.get(username=username).groups.values_list("name", flat=True))

    for username in ("admin", "xxzx", "shenhe", "bianji_wrfz", "bianji_bgs", "zhigong", "banjian_wrfz"):
        user = User.objects.get(username=username)
        assert user.is_active and user.check_password(DEMO_PASSWORD), username
    assert User.objects.get(username="admin").is_superuser
    assert ADMIN_GROUP in groups("xxzx")
    assert REVIEWER_GROUP in groups("shenhe")
    wrfz = StaffProfile.objects.get(user__username="bianji_wrfz").department
    assert wrfz.name == "污染防治处" and wrfz.editor_group.name in groups("bianji_wrfz")
    assert StaffProfile.objects.get(user__username="bianji_bgs").department.editor_group.name in groups("bianji_bgs")
    assert HANDLER_GROUP in groups("banjian_wrfz")
    plain = groups("zhigong")
    assert STAFF_GROUP in plain and not plain & {ADMIN_GROUP, REVIEWER_GROUP, HANDLER_GROUP}
    assert not User.objects.get(username="zhigong").is_superuser


def test_demo_accounts_log_in_through_the_login_form():
    for username in ["admin", "xxzx", "zhigong"]:
        client = Client(HTTP_HOST="intranet.localhost", REMOTE_ADDR="10.3.3.3")
        assert login_post(client, username, DEMO_PASSWORD).status_code == 302
        assert logged_in_as(client) == username
    assert User.objects.get(username="xxzx").password_history.exists()


def test_every_list_sub_column_of_both_sites_has_articles():
    empty = [
        sub.url_path
        for sub in SubColumnPage.objects.filter(kind=SubColumnPage.Kind.LIST)
        if not ArticlePage.objects.child_of(sub).live().exists()
    ]
    assert not empty
    assert ArticlePage.objects.count() > 1500


def test_cases_of_every_channel_in_every_state_some_published_and_some_overdue():
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Case.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Case.objects.values_list("received_via", flat=True)) == set(ReceivedVia.values)  # 一网一线
    assert Case.objects.published().exists()
    assert Case.objects.overdue().exists()


def test_a_second_run_only_fills_gaps():
    counts = (ArticlePage.objects.count(), Case.objects.count(), User.objects.count())
    article = ArticlePage.objects.filter(live=True).first()
    article.delete()
    call_command("load_demo", stdout=io.StringIO())
    assert (ArticlePage.objects.count(), Case.objects.count(), User.objects.count()) == counts


def test_load_demo_refuses_to_run_where_demo_content_is_not_allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    before = Case.objects.count()
    with pytest.raises(CommandError, match="DEMO_CONTENT_ALLOWED"):
        call_command("load_demo", stdout=io.StringIO())
    assert Case.objects.count() == before


def test_steps_run_in_the_documented_order():
    labels = [s.label for s in steps()]
    assert labels == ["两站、栏目树与角色", "站点标识与功能页面", "演示账号与通讯录", "栏目演示信息", "演示办件", "网上投票", "演示网上征集", "专题专辑", "演示志愿者登记", "网上论坛与留言板", "在线访谈", "协同办公演示公文", "信息精灵", "两会议案与督办", "首页区块", "会议通知"]


def test_demo_logins_have_a_mobile_and_something_in_the_bell():
    from demo.org import DEMO_USERS
    from intranet.notify.api import unread_count

    for username, *_ in DEMO_USERS:
        user = User.objects.get(username=username)
        assert len(user.staff_profile.mobile) == 11
        assert unread_count(user) >= 1
