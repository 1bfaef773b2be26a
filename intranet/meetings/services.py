"""The rules of 会议通知, as plain functions the views call: sending (departments expanded to
their members when sent), replying before the deadline, urging at most once a day, and the
organiser's figures. Each state change is audit-logged; messages go through 信息精灵."""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.log_actions import log

from intranet.oa.access import is_staff_member
from intranet.org.models import department_of

from . import notifications
from .access import may_manage
from .models import Meeting, Receipt


class MeetingError(Exception):
    """A move the rules refuse; the message is shown to the user."""


def _refuse_unless(condition, message):
    if not condition:
        raise MeetingError(message)


def _log(meeting, name, user, **data):
    log(instance=meeting, action=f"meetings.{name}", user=user, data={k: v for k, v in data.items() if v not in (None, "")})


def recipients_of(departments, people):
    """Active staff: the chosen people and every member of the chosen departments, once each."""
    return list(
        get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
        .filter(Q(pk__in=[p.pk for p in people]) | Q(staff_profile__department__in=list(departments)))
        .select_related("staff_profile")
        .distinct()
        .order_by("pk")
    )


def send(user, *, title, starts_at, place, agenda, reply_deadline, departments=(), people=(), ends_at=None, now=None):
    """Create and send a notice. Returns the meeting."""
    now = now or timezone.now()
    _refuse_unless(is_staff_member(user), "只有在职工作人员可以发送会议通知。")
    _refuse_unless(starts_at > now, "会议时间须晚于现在。")
    _refuse_unless(ends_at is None or ends_at > starts_at, "结束时间须晚于会议开始时间。")
    _refuse_unless(now < reply_deadline <= starts_at, "回执截止时间须晚于现在、不晚于会议开始时间。")
    users = recipients_of(departments, people)
    _refuse_unless(users, "请至少选择一个参会部门或参会人员（所选部门没有在职人员）。")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            title=title, organiser=user, department=department_of(user), starts_at=starts_at, ends_at=ends_at,
            place=place, agenda=agenda, reply_deadline=reply_deadline, sent_at=now,
        )
        meeting.departments.set(departments)
        meeting.people.set(people)
        Receipt.objects.bulk_create(
            [Receipt(meeting=meeting, user=u, department=u.staff_profile.department) for u in users]
        )
        notifications.notice_sent(meeting, users)
        _log(meeting, "send", user, recipients=len(users))
    return meeting


@transaction.atomic
def reply(meeting, user, *, attending, attendees="", reason="", now=None):
    """Record `user`'s 回执; she may change it until the reply deadline."""
    now = now or timezone.now()
    receipt = Receipt.objects.select_for_update().filter(meeting=meeting, user=user).first()
    _refuse_unless(receipt is not None, "您不在本次会议的通知范围内。")
    deadline = timezone.localtime(meeting.reply_deadline).strftime("%Y-%m-%d %H:%M")
    _refuse_unless(
        meeting.reply_open(now),
        f"回执截止时间（{deadline}）已过，不能再回执。如需参会或请假，请直接联系会议组织者。",
    )
    reason = reason.strip()
    _refuse_unless(attending or reason, "不参加须说明原因。")
    receipt.status = Receipt.Status.ATTENDING if attending else Receipt.Status.DECLINED
    receipt.attendees = attendees.strip() if attending else ""
    receipt.reason = "" if attending else reason
    receipt.replied_at = now
    receipt.save(update_fields=["status", "attendees", "reason", "replied_at"])
    _log(meeting, "reply", user, status=receipt.get_status_display(), attendees=receipt.attendees, reason=receipt.reason)
    return receipt


@transaction.atomic
def urge(meeting, user, now=None):
    """催办: remind those who have not replied; at most once a day per meeting."""
    now = now or timezone.now()
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_unless(may_manage(user, locked), "只有会议组织者或主办部门的收发员可以催办。")
    _refuse_unless(locked.reply_open(now), "回执截止时间已过，不能再催办。")
    today = timezone.localdate(now)
    _refuse_unless(locked.last_urged_on != today, "今天已经催办过，每个会议每天最多催办一次。")
    missing = [r.user for r in locked.receipts.filter(status=Receipt.Status.PENDING).select_related("user")]
    _refuse_unless(missing, "所有人员都已回执，无需催办。")
    locked.last_urged_on = today
    locked.save(update_fields=["last_urged_on"])
    notifications.urged(locked, missing)
    _log(locked, "urge", user, people=len(missing))
    return missing


def counts(meeting):
    """{"total", "replied", "missing", "attending", "declined"} in one query."""
    row = meeting.receipts.aggregate(
        total=Count("pk"),
        attending=Count("pk", filter=Q(status=Receipt.Status.ATTENDING)),
        declined=Count("pk", filter=Q(status=Receipt.Status.DECLINED)),
    )
    row["replied"] = row["attending"] + row["declined"]
    row["missing"] = row["total"] - row["replied"]
    return row


SPLIT = re.compile(r"[、,，;；\s]+")


def attendee_names(receipt):
    """Who comes for this receipt: the names she listed, or herself."""
    names = [n for n in SPLIT.split(receipt.attendees or "") if n]
    return names or [receipt.user.staff_profile.full_name]


def sign_in_rows(meeting):
    """(department name, attendee name) of everyone attending, in department order."""
    receipts = (
        meeting.receipts.filter(status=Receipt.Status.ATTENDING)
        .select_related("department", "user__staff_profile")
        .order_by("department__sort_order", "department__pk", "pk")
    )
    return [
        {"department": r.department.display_name if r.department else "", "name": name}
        for r in receipts
        for name in attendee_names(r)
    ]
