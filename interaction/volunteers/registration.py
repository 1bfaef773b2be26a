"""The rules of volunteer registration: register (confirmed while places remain, else on the
waiting list), cancel with the code (the first waiting person moves up and is told), check in
and hours served. Each change is audit-logged.

Capacity holds under parallel registrations: every change to an activity's registrations
starts by updating the activity's row, which takes its row lock on PostgreSQL (and the write
lock on SQLite) before anything is counted, so counting and inserting are serialised per
activity."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from core.counters import next_value

from . import codes
from .models.records import Activity, Registration, Volunteer
from .notifications import tell_promoted

Status = Registration.Status


class RegistrationError(ValidationError):
    """A refused registration, cancellation or check-in; the message is for the person."""


def registration_open(activity, now=None):
    now = now or timezone.now()
    if not activity.published:
        return False
    closes = activity.registration_closes_at or activity.starts_at
    return now < closes


def _lock(activity_id):
    # The row lock (PostgreSQL) / write lock (SQLite) that serialises changes per activity.
    if not Activity.objects.filter(pk=activity_id).update(updated_at=timezone.now()):
        raise RegistrationError("没有找到该活动。")


def _volunteer_for(name, phone, email):
    volunteer, created = Volunteer.objects.get_or_create(phone=phone, defaults={"name": name, "email": email})
    if not created and email and not volunteer.email:
        volunteer.email = email
        volunteer.save(update_fields=["email"])
    return volunteer


def register(activity, *, name, phone, email="", now=None):
    """Register a person; returns (registration, code). The code is shown once and never stored."""
    if not registration_open(activity, now):
        raise RegistrationError("该活动已停止报名。")
    code = codes.new_code()
    code_hash = codes.make_hash(code)  # before the transaction: no slow work while locked
    try:
        with transaction.atomic():
            _lock(activity.pk)
            volunteer = _volunteer_for(name, phone, email)
            mine = Registration.objects.filter(activity=activity, volunteer=volunteer)
            if mine.exclude(status=Status.CANCELLED).exists():
                raise RegistrationError("这个电话号码已经报名了该活动，无需重复报名。")
            confirmed = Registration.objects.filter(activity=activity, status=Status.CONFIRMED).count()
            status = Status.CONFIRMED if confirmed < activity.capacity else Status.WAITING
            registration = Registration.objects.create(
                activity=activity,
                volunteer=volunteer,
                reference=f"ZY{next_value('volunteer-registration'):06d}",
                name=name,
                phone=phone,
                email=email,
                status=status,
                waitlisted=status == Status.WAITING,
                code_hash=code_hash,
            )
            log(instance=registration, action="volunteers.register", data={"status": status})
    except IntegrityError:
        raise RegistrationError("这个电话号码已经报名了该活动，无需重复报名。") from None
    return registration, code


def waiting_position(registration):
    """1 for the first on the waiting list; None when the registration is not waiting."""
    if registration.status != Status.WAITING:
        return None
    ahead = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, id__lte=registration.id)
    return Registration.objects.filter(ahead, activity_id=registration.activity_id, status=Status.WAITING).count()


def find(reference, code):
    """The registration with this reference whose code matches, else None (same work either way)."""
    reference = (reference or "").strip().upper()
    registration = Registration.objects.select_related("activity").filter(reference=reference).first()
    if registration is None:
        codes.verify(code or "x", codes.DUMMY_HASH)
        return None
    return registration if codes.verify(code, registration.code_hash) else None


def cancel(registration, *, user=None, now=None):
    """Cancel; when a confirmed place frees up, the first waiting registration is confirmed and
    its person told after the commit. Returns the promoted registration or None."""
    now = now or timezone.now()
    if registration.activity.starts_at <= now:
        raise RegistrationError("活动已经开始，不能再在网上取消，请直接联系组织单位。")
    with transaction.atomic():
        _lock(registration.activity_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            raise RegistrationError("该报名已经取消。")
        was_confirmed = current.status == Status.CONFIRMED
        current.status = Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        log(instance=current, action="volunteers.cancel", user=user)
        promoted = None
        if was_confirmed:
            promoted = (
                Registration.objects.select_related("activity")
                .filter(activity_id=current.activity_id, status=Status.WAITING)
                .order_by("created_at", "id")
                .first()
            )
            if promoted is not None:
                promoted.status = Status.CONFIRMED
                promoted.promoted_at = now
                promoted.save(update_fields=["status", "promoted_at"])
                log(instance=promoted, action="volunteers.promote", user=user, data={"after": current.reference})
                transaction.on_commit(lambda: tell_promoted(promoted))
    registration.refresh_from_db()
    return promoted


def check_in(registration, *, user, hours=None, now=None):
    """Staff mark a confirmed person present; the activity's hours are credited unless given."""
    if registration.status != Status.CONFIRMED:
        raise RegistrationError("只有正式报名的志愿者可以签到。")
    if registration.checked_in_at:
        when = timezone.localtime(registration.checked_in_at)
        raise RegistrationError(f"{registration.masked_name}已于 {when:%H:%M} 签到。")
    hours = registration.activity.hours if hours is None else Decimal(hours)
    if hours < 0 or hours > 24:
        raise RegistrationError("服务时长应在 0 至 24 小时之间。")
    registration.checked_in_at = now or timezone.now()
    registration.hours_served = hours
    registration.save(update_fields=["checked_in_at", "hours_served"])
    log(instance=registration, action="volunteers.check_in", user=user, data={"hours": str(hours)})
    return registration


def set_hours(registration, hours, *, user):
    """Correct the hours credited to a checked-in registration."""
    if not registration.checked_in_at:
        raise RegistrationError("尚未签到，不能登记服务时长。")
    hours = Decimal(hours)
    if hours < 0 or hours > 24:
        raise RegistrationError("服务时长应在 0 至 24 小时之间。")
    old = registration.hours_served
    registration.hours_served = hours
    registration.save(update_fields=["hours_served"])
    log(instance=registration, action="volunteers.set_hours", user=user, data={"from": str(old), "to": str(hours)})
    return registration


def sign_up(*, name, phone, email="", id_number="", interests=(), availability=(), note="", now=None):
    """The general sign-up: a volunteer with interests and availability. A phone already known
    keeps its record (and hours); the sign-up details are brought up to date."""
    now = now or timezone.now()
    with transaction.atomic():
        volunteer, created = Volunteer.objects.select_for_update().get_or_create(
            phone=phone, defaults={"name": name, "email": email}
        )
        volunteer.name = name
        if email:
            volunteer.email = email
        if id_number:
            volunteer.id_number = id_number
        volunteer.interests = list(interests)
        volunteer.availability = list(availability)
        volunteer.note = note
        volunteer.signed_up_at = volunteer.signed_up_at or now
        volunteer.save()
        log(instance=volunteer, action="volunteers.sign_up", data={"new": created})
    return volunteer
