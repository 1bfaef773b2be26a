"""信息精灵 in the admin: the bell's JSON, the list, opening and marking read, preferences. A user
sees and touches only her own notifications; typed URLs with another user's ids are 404."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from intranet.notify.api import notify
from intranet.notify.models import Notification, Preference

from .conftest import EVENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for():
    def make(user):
        client = Client(HTTP_HOST="intranet.localhost")
        client.force_login(user)
        return client

    return make


def note(user, title="请阅：通知", url="/admin/"):
    (created,) = notify([user], event=EVENT, title=title, url=url)
    return created


def test_the_status_needs_login():
    anonymous = Client(HTTP_HOST="intranet.localhost")
    response = anonymous.get(reverse("notify_status"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    xhr = anonymous.get(reverse("notify_status"), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert xhr.status_code == 403


def test_the_status_is_mine_only_cheap_and_never_cached(alice, bob, client_for):
    for i in range(7):
        note(alice, title=f"给甲的第{i}条")
    note(bob, title="给乙的")
    Notification.objects.filter(recipient=alice, title="给甲的第0条").mark_read()
    client = client_for(alice)
    client.get(reverse("notify_status"))  # the session and user loaded once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("notify_status"))
    ours = [q["sql"] for q in queries.captured_queries if "notify_notification" in q["sql"]]
    assert len(ours) == 2  # the count and the latest few, whatever the number of notifications
    assert len(queries) <= 7  # plus the session, the user and the admin's access check
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    data = response.json()
    assert data["unread"] == 6
    assert [row["title"] for row in data["latest"]] == [f"给甲的第{i}条" for i in (6, 5, 4, 3, 2)]
    assert "给乙的" not in response.content.decode()
    assert data["latest"][0]["event"] == "测试待办"


def test_polling_the_bell_does_not_keep_a_session_alive(alice, client_for):
    from security import sessions

    client = client_for(alice)
    client.get("/admin/")
    session = client.session
    session[sessions.ACTIVE_KEY] = sessions.now() - 20 * 60  # 20 minutes without doing anything
    session.save()
    client.get(reverse("notify_status"))
    assert sessions.now() - client.session[sessions.ACTIVE_KEY] >= 20 * 60  # the poll is not activity
    client.get(reverse("notify_list"))
    assert sessions.now() - client.session[sessions.ACTIVE_KEY] < 60  # opening the list is


def test_the_list_shows_mine_newest_first_paginated(alice, bob, client_for, django_assert_max_num_queries):
    for i in range(23):
        note(alice, title=f"甲的通知{i:02d}")
    note(bob, title="乙的通知")
    client = client_for(alice)
    client.get(reverse("notify_list"))
    with django_assert_max_num_queries(20):
        page1 = client.get(reverse("notify_list")).content.decode()
    assert "甲的通知22" in page1 and "甲的通知03" in page1 and "甲的通知02" not in page1
    assert page1.index("甲的通知22") < page1.index("甲的通知21")
    assert "乙的通知" not in page1 and "第 1 / 2 页，共 23 条" in page1
    page2 = client.get(reverse("notify_list") + "?page=2").content.decode()
    assert "甲的通知00" in page2 and "甲的通知22" not in page2
    assert client.get(reverse("notify_list") + "?page=abc").status_code == 200


def test_opening_marks_read_and_follows_only_local_links(alice, client_for):
    local = note(alice, url="/admin/pages/")
    client = client_for(alice)
    response = client.post(reverse("notify_open", args=[local.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    local.refresh_from_db()
    assert local.read_at is not None
    foreign = note(alice, url="https://evil.example.com/")
    response = client.post(reverse("notify_open", args=[foreign.pk]))
    assert response["Location"] == reverse("notify_list")


def test_opening_needs_post(alice, client_for):
    item = note(alice)
    assert client_for(alice).get(reverse("notify_open", args=[item.pk])).status_code == 405
    item.refresh_from_db()
    assert item.read_at is None


@pytest.mark.parametrize("name", ["notify_open", "notify_mark_read"])
def test_another_users_notification_is_refused(alice, bob, client_for, name):
    hers = note(alice)
    response = client_for(bob).post(reverse(name, args=[hers.pk]))
    assert response.status_code == 404
    hers.refresh_from_db()
    assert hers.read_at is None


def test_mark_read_and_mark_all_read_touch_only_mine(alice, bob, client_for):
    mine = [note(alice, title=f"甲{i}") for i in range(3)]
    theirs = note(bob)
    client = client_for(alice)
    response = client.post(reverse("notify_mark_read", args=[mine[0].pk]), {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("notify_list")
    assert Notification.objects.for_user(alice).unread().count() == 2
    client.post(reverse("notify_mark_all_read"))
    assert Notification.objects.for_user(alice).unread().count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_csrf(alice):
    item = note(alice)
    client = Client(HTTP_HOST="intranet.localhost", enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse("notify_mark_read", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.read_at is None


def test_preferences_are_saved_logged_and_obeyed(alice, client_for):
    client = client_for(alice)
    page = client.get(reverse("notify_preferences")).content.decode()
    assert "测试待办" in page and "办件到期提醒" in page and "13900001111" in page
    form = client.get(reverse("notify_preferences")).context["form"]
    assert form[f"{EVENT}:email"].value() is True and form[f"{EVENT}:sms"].value() is False  # the defaults
    response = client.post(reverse("notify_preferences"), {f"{EVENT}:sms": "on"})  # e-mail off, SMS on
    assert response.status_code == 302
    chosen = dict(Preference.objects.filter(user=alice, event=EVENT).values_list("channel", "enabled"))
    assert chosen == {"email": False, "sms": True}
    entry = ModelLogEntry.objects.filter(action="notify.preferences").latest("timestamp")
    assert entry.user_id == alice.pk and any("测试待办：短信 开" in c for c in entry.data["changed"])
    created = notify([alice], event=EVENT, title="按设置发送")
    assert list(created[0].deliveries.values_list("channel", flat=True)) == ["sms"]


def test_the_menu_item_and_bell_script_are_in_the_admin(alice, client_for):
    html = client_for(alice).get("/admin/").content.decode()
    assert "data-notify-bell" in html and "notify/bell.js" in html and reverse("notify_status") in html


def test_the_bell_script_has_no_inline_code():
    from pathlib import Path

    import intranet.notify

    root = Path(intranet.notify.__file__).parent / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "<script>" not in text and "style=" not in text and " onclick" not in text, template
