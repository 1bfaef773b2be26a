"""The rules: capacity and waiting list, cancellation by code with promotion and e-mail,
check-in and hours, the general sign-up."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction.volunteers import codes, stats
from interaction.volunteers import registration as rules
from interaction.volunteers.models import Registration, hours_by_volunteer

from .conftest import ActivityFactory, person

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_places_then_waiting_list_in_order(activity):
    first, _ = rules.register(activity, **person(1))
    second, _ = rules.register(activity, **person(2))
    third, _ = rules.register(activity, **person(3))
    fourth, _ = rules.register(activity, **person(4))
    assert [first.status, second.status, third.status, fourth.status] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert rules.waiting_position(third) == 1 and rules.waiting_position(fourth) == 2
    assert rules.waiting_position(first) is None
    assert ModelLogEntry.objects.filter(action="volunteers.register", object_id=str(third.pk)).exists()


def test_only_a_hash_of_the_code_is_stored(activity):
    registration, code = rules.register(activity, **person(1))
    assert len(code) == 8
    assert code not in registration.code_hash
    assert codes.verify(code.lower(), registration.code_hash)
    assert not codes.verify("AAAAAAAA", registration.code_hash)
    assert rules.find(registration.reference, code) == registration
    assert rules.find(registration.reference, "WRONG123") is None
    assert rules.find("ZY999999", code) is None


def test_same_phone_cannot_register_twice_but_may_again_after_cancelling(activity):
    registration, _ = rules.register(activity, **person(1))
    with pytest.raises(rules.RegistrationError, match="已经报名"):
        rules.register(activity, **person(1))
    rules.cancel(registration)
    again, _ = rules.register(activity, **person(1))
    assert again.status == Status.CONFIRMED


def test_cancelling_promotes_the_first_waiting_and_tells_them(activity, django_capture_on_commit_callbacks):
    first, _ = rules.register(activity, **person(1))
    rules.register(activity, **person(2))
    waiting_1, _ = rules.register(activity, **person(3))
    waiting_2, _ = rules.register(activity, **person(4))
    with django_capture_on_commit_callbacks(execute=True):
        promoted = rules.cancel(first)
    first.refresh_from_db()
    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert first.status == Status.CANCELLED and first.cancelled_at
    assert promoted == waiting_1 and waiting_1.status == Status.CONFIRMED and waiting_1.promoted_at
    assert waiting_2.status == Status.WAITING and rules.waiting_position(waiting_2) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["v3@example.cn"]
    assert "候补转为正式报名" in mail.outbox[0].body and waiting_1.reference in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="volunteers.promote", object_id=str(waiting_1.pk)).exists()
    assert Registration.objects.filter(activity=activity, status=Status.CONFIRMED).count() == 2


def test_no_mail_before_commit_and_mail_failure_does_not_undo(activity, django_capture_on_commit_callbacks, settings):
    first, _ = rules.register(activity, **person(1))
    rules.register(activity, **person(2))
    waiting, _ = rules.register(activity, **person(3))
    settings.EMAIL_BACKEND = "tests.volunteers.test_registration.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rules.cancel(first)
    assert len(mail.outbox) == 0 and len(callbacks) == 1  # queued for after the commit
    callbacks[0]()  # the mail server fails: logged, not raised
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


def test_cancelling_a_waiting_registration_promotes_nobody(activity, django_capture_on_commit_callbacks):
    rules.register(activity, **person(1))
    rules.register(activity, **person(2))
    waiting, _ = rules.register(activity, **person(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert rules.cancel(waiting) is None
    assert len(mail.outbox) == 0


def test_cancel_twice_and_after_start_refused(activity):
    registration, _ = rules.register(activity, **person(1))
    rules.cancel(registration)
    with pytest.raises(rules.RegistrationError, match="已经取消"):
        rules.cancel(registration)
    other, _ = rules.register(activity, **person(2))
    with pytest.raises(rules.RegistrationError, match="已经开始"):
        rules.cancel(other, now=activity.starts_at + timedelta(minutes=1))


def test_registration_closed_and_unpublished_refused():
    past = ActivityFactory(starts_at=timezone.now() - timedelta(hours=1))
    closed = ActivityFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))
    hidden = ActivityFactory(published=False)
    for item in (past, closed, hidden):
        with pytest.raises(rules.RegistrationError, match="停止报名"):
            rules.register(item, **person(1))


def test_check_in_and_hours_total_per_volunteer(activity, manager):
    second_activity = ActivityFactory(hours=Decimal("2.5"))
    a, _ = rules.register(activity, **person(1))
    b, _ = rules.register(second_activity, **person(1))
    c, _ = rules.register(activity, **person(2))
    rules.check_in(a, user=manager)
    rules.check_in(b, user=manager)
    rules.check_in(c, user=manager, hours="1.5")
    with pytest.raises(rules.RegistrationError, match="已于"):
        rules.check_in(a, user=manager)
    rules.set_hours(c, "2", user=manager)
    totals = {v.phone: v.total_hours for v in hours_by_volunteer().filter(phone__in=[person(1)["phone"], person(2)["phone"]])}
    assert totals == {person(1)["phone"]: Decimal("5.5"), person(2)["phone"]: Decimal("2.0")}
    assert ModelLogEntry.objects.filter(action="volunteers.check_in", user_id=manager.pk).count() == 3
    assert ModelLogEntry.objects.filter(action="volunteers.set_hours").exists()


def test_waiting_person_cannot_check_in(activity, manager):
    rules.register(activity, **person(1))
    rules.register(activity, **person(2))
    waiting, _ = rules.register(activity, **person(3))
    with pytest.raises(rules.RegistrationError, match="正式报名"):
        rules.check_in(waiting, user=manager)
    for bad in ("-1", "25"):
        first = Registration.objects.filter(activity=activity, status=Status.CONFIRMED).first()
        with pytest.raises(rules.RegistrationError, match="0 至 24"):
            rules.check_in(first, user=manager, hours=bad)


def test_sign_up_keeps_one_record_per_phone_with_its_hours(activity, manager):
    registration, _ = rules.register(activity, **person(1))
    rules.check_in(registration, user=manager)
    volunteer = rules.sign_up(name="志愿者1", phone=person(1)["phone"], interests=["river"], availability=["weekend"])
    assert volunteer.pk == registration.volunteer_id and volunteer.signed_up_at
    assert volunteer.interests_display() == "河道保洁" and volunteer.availability_display() == "双休日"
    assert hours_by_volunteer().get(pk=volunteer.pk).total_hours == Decimal("3.0")


def test_stats_by_period(activity, manager):
    today = timezone.localdate()
    a, _ = rules.register(activity, **person(1))
    rules.register(activity, **person(2))
    rules.register(activity, **person(3))
    rules.cancel(a)
    rules.sign_up(name="新志愿者", phone="13800001111", interests=["greening"], availability=["holiday"])
    result = stats.registration_stats(today, today)
    assert result["registrations"] >= 3 and result["waitlisted"] >= 1 and result["promoted"] >= 1
    assert result["cancelled"] >= 1 and result["signed_up"] >= 1
    day = timezone.localdate(activity.starts_at)
    promoted = Registration.objects.get(activity=activity, status=Status.CONFIRMED, promoted_at__isnull=False)
    rules.check_in(promoted, user=manager)
    held = stats.registration_stats(day, day)
    assert held["checked_in"] == 1 and held["hours"] == Decimal("3.0") and held["activities"] >= 1
    assert stats.hours_per_volunteer(day, day)[0]["hours"] == Decimal("3.0")
