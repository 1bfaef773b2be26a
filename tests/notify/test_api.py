"""notify(): who is told, by which channels, and that sending happens once, after commit."""

import pytest
from django.core import mail
from django.db import transaction

from intranet.notify.api import notify, register_todo_counter, todo_counts, unread_count
from intranet.notify.delivery import deliver
from intranet.notify.models import Delivery, Notification, Preference

from .conftest import EVENT

pytestmark = pytest.mark.django_db


def test_each_active_recipient_gets_one_notification(alice, bob, make_staff):
    leaver = make_staff(username="leaver_notify", is_active=False)
    created = notify([alice, bob, alice, leaver, None], event=EVENT, title="请阅：关于垃圾分类的通知", url="/admin/x/")
    assert sorted(n.recipient_id for n in created) == sorted([alice.pk, bob.pk])
    note = Notification.objects.get(recipient=alice)
    assert (note.event, note.title, note.url, note.read_at) == (EVENT, "请阅：关于垃圾分类的通知", "/admin/x/", None)
    assert not Notification.objects.filter(recipient=leaver).exists()
    assert unread_count(alice) == 1


def test_an_unknown_event_is_a_programming_error(alice):
    with pytest.raises(LookupError):
        notify([alice], event="tests.no_such_event", title="x")


def test_the_same_unread_notification_about_the_same_source_is_not_repeated(alice, bob):
    source = bob  # any model instance
    assert len(notify([alice], event=EVENT, title="催办：甲", source=source)) == 1
    assert notify([alice], event=EVENT, title="催办：甲", source=source) == []  # a retried caller
    assert len(notify([alice], event=EVENT, title="催办：乙", source=source)) == 1  # something else
    Notification.objects.filter(recipient=alice).mark_read()
    assert len(notify([alice], event=EVENT, title="催办：甲", source=source)) == 1  # read: told again
    note = Notification.objects.filter(recipient=alice).first()
    assert (note.source_type.model_class(), note.source_id) == (type(bob), str(bob.pk))


def test_channels_follow_defaults_and_preferences(alice, bob):
    # Defaults: e-mail on, SMS off. Alice turns SMS on and e-mail off; Bob has no mobile.
    Preference.objects.create(user=alice, event=EVENT, channel="sms", enabled=True)
    Preference.objects.create(user=alice, event=EVENT, channel="email", enabled=False)
    Preference.objects.create(user=bob, event=EVENT, channel="sms", enabled=True)
    notify([alice, bob], event=EVENT, title="新的待办")
    rows = set(
        Delivery.objects.filter(notification__recipient__in=[alice, bob]).values_list(
            "notification__recipient__username", "channel", "address"
        )
    )
    assert rows == {("alice_notify", "sms", "13900001111"), ("bob_notify", "email", bob.email)}


def test_sending_waits_for_the_commit_and_goes_through_the_backends(
    alice, bob, sms_outbox, settings, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=alice, event=EVENT, channel="sms", enabled=True)
    with django_capture_on_commit_callbacks() as callbacks:
        notify([alice, bob], event=EVENT, title="请办：河道整治方案", url="/admin/oa/1/")
        assert mail.outbox == [] and sms_outbox == []  # nothing inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task is enqueued (immediate backend: it runs now)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    message = next(m for m in mail.outbox if m.to == [alice.email])
    assert message.subject == "【信息精灵】请办：河道整治方案"
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/oa/1/" in message.body
    assert sms_outbox == [{"to": "13900001111", "text": "【浦东环境局内网】请办：河道整治方案。详见局内网信息精灵。"}]
    assert set(Delivery.objects.filter(notification__recipient__in=[alice, bob]).values_list("status", "attempts")) == {
        ("sent", 1)
    }


def test_a_rolled_back_caller_sends_nothing(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify([alice], event=EVENT, title="不会发出")
                raise RuntimeError("the caller fails")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.filter(recipient=alice).exists()


def test_a_retried_task_does_not_send_twice(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = notify([alice], event=EVENT, title="只发一次")
    assert len(mail.outbox) == 1
    assert deliver([note.pk]) == {"sent": 0, "failed": 0, "skipped": 0}  # the task runs again
    assert deliver(None)["sent"] == 0
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_another_worker_is_skipped(alice):
    (note,) = notify([alice], event=EVENT, title="并发")  # on_commit not run: the row is pending
    delivery = Delivery.objects.get(notification=note)
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENDING, attempts=1)  # the other worker
    assert deliver([note.pk]) == {"sent": 0, "failed": 0, "skipped": 0}
    assert mail.outbox == []


def test_a_failed_send_is_recorded_and_retried_up_to_the_limit(alice, settings, monkeypatch):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    settings.NOTIFY_MAX_ATTEMPTS = 2
    (note,) = notify([alice], event=EVENT, title="邮件服务器故障")

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("连接被关闭")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    assert deliver([note.pk])["failed"] == 1
    delivery = Delivery.objects.get(notification=note)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 1, "连接被关闭")
    assert deliver(None)["failed"] == 1  # the retry command tries once more
    assert deliver(None) == {"sent": 0, "failed": 0, "skipped": 0}  # no attempts left
    monkeypatch.undo()
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2 and mail.outbox == []


def test_the_retry_command_sends_what_is_pending(alice):
    import io

    from django.core.management import call_command

    notify([alice], event=EVENT, title="队列曾经不可用")  # the task never ran
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert "已发送 1 条" in out.getvalue() and len(mail.outbox) == 1


def test_delivery_refuses_to_run_inside_a_transaction(alice):
    (note,) = notify([alice], event=EVENT, title="事务中")
    with pytest.raises(RuntimeError), transaction.atomic():
        deliver([note.pk])
    assert mail.outbox == []


def test_notify_needs_a_handful_of_queries_for_many_recipients(make_staff, django_assert_max_num_queries):
    users = [make_staff() for _ in range(12)]
    Preference.objects.create(user=users[0], event=EVENT, channel="sms", enabled=True)
    with django_assert_max_num_queries(8):
        created = notify(users, event=EVENT, title="批量", source=users[0])
    assert len(created) == 12


def test_todo_counters_apply_per_user(alice, bob):
    register_todo_counter("测试待办件", "/admin/tests/", lambda user: 3 if user == alice else None, key="tests.todo")
    mine = {row["key"]: row for row in todo_counts(alice)}
    assert mine["tests.todo"] == {"key": "tests.todo", "label": "测试待办件", "url": "/admin/tests/", "count": 3}
    assert "tests.todo" not in {row["key"] for row in todo_counts(bob)}
    from django.contrib.auth.models import AnonymousUser

    assert todo_counts(AnonymousUser()) == []
