"""Deadline reminders to the handling departments (their mailbox by e-mail, their handlers through
信息精灵): the task and the cron command."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from interaction.cases import workflow
from interaction.cases.choices import Channel
from interaction.cases.deadlines import reminder_horizon
from interaction.cases.models import Case
from interaction.cases.roles import HANDLER_GROUP
from interaction.cases.notifications import REMINDER_EVENT
from interaction.cases.tasks import send_case_reminders, send_reminders
from intranet.notify.models import Notification

from .conftest import CITIZEN, DISCLOSURE_ID_NUMBER

pytestmark = pytest.mark.django_db


def set_due(case, day):
    Case.objects.filter(pk=case.pk).update(due_date=day)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def reminders_of(user):
    return list(Notification.objects.filter(recipient=user, event=REMINDER_EVENT))


def ours(sent, *departments):
    """Only the test departments (the demo data may have due cases of its own)."""
    names = {d.name for d in departments}
    return [item for item in sent if item["department"] in names]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def due_cases(case_factory, dept_a, dept_b, handler_a, today):
    """In dept_a: one overdue, one due at the horizon, one due later, one paused (补正), one
    closed; in dept_b: one overdue."""
    horizon = reminder_horizon(today)
    cases = {
        "overdue": case_factory.processing(dept_a, title="已超期的噪声投诉"),
        "soon": case_factory.processing(dept_a, title="即将到期的咨询", channel=Channel.CONSULTATION),
        "later": case_factory.processing(dept_a, title="期限还早的来信", channel=Channel.MAILBOX),
        "paused": case_factory.processing(dept_a, title="等待补正的申请", channel=Channel.DISCLOSURE),
        "closed": case_factory.replied(dept_a, title="已答复的投诉"),
        "foreign": case_factory.processing(dept_b, title="乙处的超期件"),
    }
    workflow.request_completion(cases["paused"], handler_a, "请补充文号")
    set_due(cases["overdue"], today - timedelta(days=3))
    set_due(cases["soon"], horizon)
    set_due(cases["later"], horizon + timedelta(days=10))
    set_due(cases["paused"], today - timedelta(days=1))
    set_due(cases["closed"], today - timedelta(days=5))
    set_due(cases["foreign"], today - timedelta(days=1))
    return cases


def test_each_department_is_reminded_once_with_its_due_cases(
    due_cases, dept_a, dept_b, handler_a, handler_b, make_staff, today, django_capture_on_commit_callbacks
):
    quiet = make_staff("quiet_colleague", dept_a)  # same department, no case role: not told
    leaver = make_staff("leaver", dept_a, HANDLER_GROUP, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(today)

    # The department's mailbox gets the summary e-mail, as before.
    (mail_a,) = mails_to(dept_a.email)
    assert mail_a.to == [dept_a.email]
    body = mail_a.body
    assert due_cases["overdue"].reference in body and due_cases["soon"].reference in body
    for name in ("later", "paused", "closed", "foreign"):
        assert due_cases[name].reference not in body
    assert "【已超期】" in body and "即将到期" in body
    assert "已超期" in mail_a.subject and dept_a.name in mail_a.subject
    assert f"/admin/snippets/cases/case/inspect/{due_cases['overdue'].pk}/" in body
    for value in [*CITIZEN.values(), DISCLOSURE_ID_NUMBER]:
        assert value not in body and value not in mail_a.subject

    # Its handlers are told by 信息精灵: in the admin, and by e-mail (the default choice).
    (note,) = reminders_of(handler_a)
    assert note.title == mail_a.subject and note.read_at is None
    assert due_cases["overdue"].reference in note.body and due_cases["later"].reference not in note.body
    assert "due_soon=attention" in note.url
    for value in [*CITIZEN.values(), DISCLOSURE_ID_NUMBER]:
        assert value not in note.body
    (personal,) = mails_to(handler_a.email)
    assert personal.subject == f"【信息精灵】{mail_a.subject}" and due_cases["overdue"].reference in personal.body
    assert reminders_of(quiet) == [] and reminders_of(leaver) == []
    assert not mails_to(quiet.email) and not mails_to(leaver.email)

    (mail_b,) = mails_to(dept_b.email)
    assert due_cases["foreign"].reference in mail_b.body and due_cases["overdue"].reference not in mail_b.body
    (note_b,) = reminders_of(handler_b)
    assert due_cases["foreign"].reference in note_b.body and due_cases["overdue"].reference not in note_b.body

    by_department = {item["department"]: item for item in sent}
    assert set(by_department[dept_a.name]["cases"]) == {due_cases["overdue"].reference, due_cases["soon"].reference}
    assert by_department[dept_a.name]["notified"] == [handler_a.username]
    assert by_department[dept_a.name]["mailed"] is True and by_department[dept_a.name]["sent"] is True
    assert Case.objects.get(pk=due_cases["overdue"].pk).last_reminded_on == today
    assert Case.objects.get(pk=due_cases["later"].pk).last_reminded_on is None


def test_a_handler_who_turned_reminder_mail_off_is_told_in_the_admin_only(
    due_cases, dept_a, handler_a, today, django_capture_on_commit_callbacks
):
    from intranet.notify.models import Preference

    Preference.objects.create(user=handler_a, event=REMINDER_EVENT, channel="email", enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today)
    assert len(reminders_of(handler_a)) == 1
    assert not mails_to(handler_a.email)
    assert len(mails_to(dept_a.email)) == 1  # the department's mailbox is not a person's choice


def test_a_second_run_the_same_day_sends_nothing_but_the_next_day_does(due_cases, dept_a, dept_b, handler_a, today):
    assert len(ours(send_reminders(today), dept_a, dept_b)) == 2
    first = len(mail.outbox)
    assert send_reminders(today) == []
    assert len(mail.outbox) == first
    assert len(reminders_of(handler_a)) == 1
    # A case that becomes due later the same day waits for tomorrow: one mail per department per day.
    set_due(due_cases["later"], today)
    assert send_reminders(today) == []
    tomorrow = today + timedelta(days=1)
    assert len(ours(send_reminders(tomorrow), dept_a)) == 1
    assert len(mails_to(dept_a.email)) == 2
    assert due_cases["later"].reference in mails_to(dept_a.email)[1].body
    assert len(reminders_of(handler_a)) == 2


def test_the_task_and_the_command(due_cases, dept_a, today):
    result = send_case_reminders.enqueue(today.isoformat())  # immediate backend in tests
    assert result.status == "SUCCESSFUL"
    assert {item["department"] for item in result.return_value} >= {dept_a.name}
    assert len(mails_to(dept_a.email)) == 1

    out = io.StringIO()
    call_command("send_case_reminders", "--date", today.isoformat(), stdout=out)
    assert "今天没有需要发送的办件提醒" in out.getvalue()
    assert len(mails_to(dept_a.email)) == 1

    out = io.StringIO()
    call_command("send_case_reminders", "--date", (today + timedelta(days=1)).isoformat(), stdout=out)
    assert f"已提醒 {dept_a.name}" in out.getvalue() and due_cases["overdue"].reference in out.getvalue()


def test_a_department_with_nobody_to_tell_is_reported_not_marked(case_factory, dept_a, today):
    dept_a.email = ""
    dept_a.save()
    case = case_factory.processing(dept_a)  # dept_a has no handler accounts here
    set_due(case, today - timedelta(days=1))
    sent = send_reminders(today)
    item = next(i for i in sent if i["department"] == dept_a.name)
    assert item["sent"] is False and item["recipients"] == []
    assert Case.objects.get(pk=case.pk).last_reminded_on is None
    assert not mails_to("")


def test_a_department_without_a_mailbox_still_reminds_its_handlers(case_factory, dept_a, handler_a, today):
    dept_a.email = ""
    dept_a.save()
    case = case_factory.processing(dept_a)
    set_due(case, today - timedelta(days=1))
    item = next(i for i in send_reminders(today) if i["department"] == dept_a.name)
    assert item["sent"] is True and item["mailed"] is False and item["notified"] == [handler_a.username]
    assert case.reference in reminders_of(handler_a)[0].body
    assert Case.objects.get(pk=case.pk).last_reminded_on == today


# A mail server that accepts connections and never answers -----------------------------------

@pytest.fixture
def hung_smtp_server():
    """A real TCP server on a spare port that accepts every connection and then says nothing
    (no SMTP greeting), like a mail server that hangs. Yields its port."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            accepted.append(conn)  # held open, never written to

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=2)
    for conn in accepted:
        conn.close()
    listener.close()


def test_a_hung_mail_server_times_out_outside_any_transaction_and_the_next_run_retries(
    due_cases, dept_a, dept_b, handler_a, today, settings, hung_smtp_server, monkeypatch
):
    import time

    from django.core.mail.backends.smtp import EmailBackend
    from django.db import connection

    port, accepted = hung_smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1

    open_transactions = []
    original_open = EmailBackend.open

    def open_and_record(self):
        # The test's own transaction wraps everything; any other open atomic block is the code's.
        open_transactions.append([a for a in connection.atomic_blocks if not getattr(a, "_from_testcase", False)])
        return original_open(self)

    monkeypatch.setattr(EmailBackend, "open", open_and_record)

    started = time.monotonic()
    sent = send_reminders(today)
    elapsed = time.monotonic() - started

    assert accepted, "the reminder never reached the mail server"
    assert elapsed < 5, f"a hung mail server held the run for {elapsed:.1f} s"
    assert open_transactions == [[]], "mail was sent inside a database transaction"
    assert not any(item["sent"] for item in sent)
    assert {item["department"] for item in sent if item.get("error")} >= {dept_a.name, dept_b.name}
    assert Case.objects.get(pk=due_cases["overdue"].pk).last_reminded_on is None  # claim released
    assert len(reminders_of(handler_a)) == 1  # the handlers were told all the same

    # The server is back: the next run sends what the failed one could not.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = ours(send_reminders(today), dept_a, dept_b)
    assert [item["sent"] for item in again] == [True, True]
    assert len(mails_to(dept_a.email)) == 1 and due_cases["overdue"].reference in mails_to(dept_a.email)[0].body
    assert len(reminders_of(handler_a)) == 1  # not told twice: the unread one of today stands


def test_reminders_refuse_to_run_inside_a_callers_transaction(due_cases, today):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        send_reminders(today)


def test_the_command_reports_a_mail_failure(due_cases, dept_a, today, settings, hung_smtp_server):
    port, _ = hung_smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    err = io.StringIO()
    call_command("send_case_reminders", "--date", today.isoformat(), stdout=io.StringIO(), stderr=err)
    assert f"{dept_a.name}：邮件服务器拒绝或无响应，未发送，下次运行时重试" in err.getvalue()
