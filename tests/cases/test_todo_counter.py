"""The 待办办件 counter cases register with 信息精灵, and the intranet home that shows it with the
unread notifications to signed-in staff only."""

import pytest
from django.test import Client

from interaction.cases import workflow
from interaction.cases.choices import Channel
from interaction.cases.notifications import REMINDER_EVENT, awaiting_cases
from intranet.notify.api import notify, todo_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_cases(case_factory, dept_a, handler_a):
    running = [case_factory.processing(dept_a, title=f"待办理的投诉{i}") for i in range(2)]
    paused = case_factory.processing(dept_a, title="等待补正", channel=Channel.DISCLOSURE)
    workflow.request_completion(paused, handler_a, "请补充文号")
    case_factory.replied(dept_a, title="已答复")
    return running


def test_handlers_count_their_departments_running_cases(desk_cases, handler_a, handler_b, make_staff, dept_a):
    assert awaiting_cases(handler_a) == 2  # paused and answered cases wait for nobody here
    assert awaiting_cases(handler_b) == 0  # another department's
    assert awaiting_cases(make_staff("no_case_role", dept_a)) is None  # not shown at all
    (row,) = [r for r in todo_counts(handler_a) if r["key"] == "cases"]
    assert row["label"] == "待办办件" and row["count"] == 2
    assert row["url"].startswith("/admin/snippets/cases/case/?") and "status=processing" in row["url"]


def test_the_intranet_home_shows_my_desk(desk_cases, handler_a, intranet_home, django_assert_max_num_queries):
    notify([handler_a], event=REMINDER_EVENT, title="【办件提醒】测试", url="/admin/")
    client = Client(HTTP_HOST="intranet.localhost")
    client.force_login(handler_a)
    client.get("/")
    with django_assert_max_num_queries(60):
        html = client.get("/").content.decode()
    assert 'aria-label="我的待办"' in html
    assert '<span class="staff-desk__count">1</span><span class="staff-desk__label">条未读通知（信息精灵）</span>' in html
    assert '<span class="staff-desk__count">2</span><span class="staff-desk__label">待办办件</span>' in html
    assert 'href="/admin/notify/"' in html and 'href="/admin/snippets/cases/case/?status=' in html


def test_staff_without_case_rights_see_only_their_notifications(intranet_home, make_staff, dept_a):
    colleague = make_staff("plain_colleague", dept_a)
    client = Client(HTTP_HOST="intranet.localhost")
    client.force_login(colleague)
    html = client.get("/").content.decode()
    assert "条未读通知（信息精灵）" in html and "待办办件" not in html


def test_anonymous_visitors_see_nothing_of_it(intranet_home):
    response = Client(HTTP_HOST="intranet.localhost").get("/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "staff-desk" not in response.content.decode()
