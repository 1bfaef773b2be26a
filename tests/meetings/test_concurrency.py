"""催办 at most once a day and one 回执 per person, under parallel requests (PostgreSQL)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from intranet.meetings import services
from intranet.meetings.models import Meeting, MeetingLogEntry, Receipt
from intranet.notify.models import Notification
from intranet.org.models import Department, StaffProfile
from tests.helpers import committed, in_threads

from .conftest import Bureau

pytestmark = pytest.mark.django_db


def _try(move):
    try:
        move()
        return "ok"
    except services.MeetingError:
        return "refused"


def _clean(bureau):
    users = [bureau.organiser, bureau.registrar, bureau.other_registrar, bureau.colleague, bureau.r1, bureau.r2, bureau.person, bureau.stranger]
    meetings = Meeting.objects.filter(organiser=bureau.organiser)
    MeetingLogEntry.objects.filter(meeting_id__in=list(meetings.values_list("pk", flat=True))).delete()
    Notification.objects.filter(recipient__in=users).delete()
    Receipt.objects.filter(meeting__in=meetings).delete()
    meetings.delete()
    StaffProfile.objects.filter(user__in=users).delete()
    get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
    Department.objects.filter(pk__in=[bureau.office.pk, bureau.river.pk, bureau.other.pk]).delete()


def test_parallel_urges_send_one_reminder_and_parallel_replies_keep_one_receipt():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are exercised on PostgreSQL; SQLite serialises them")
    bureau = committed(Bureau)
    try:
        meeting = committed(bureau.meeting)
        urges = in_threads(lambda i: _try(lambda: services.urge(meeting, bureau.organiser)), 4)
        answers = in_threads(lambda i: _try(lambda: services.reply(meeting, bureau.r1, attending=bool(i % 2), reason="外出")), 4)
        reminders = committed(lambda: Notification.objects.filter(event="meetings.urge", recipient=bureau.r2).count())
        receipts = committed(lambda: Receipt.objects.filter(meeting=meeting, user=bureau.r1).count())
        logged = committed(lambda: MeetingLogEntry.objects.filter(meeting=meeting, action="meetings.urge").count())
    finally:
        committed(lambda: _clean(bureau))
    assert sorted(urges) == ["ok", "refused", "refused", "refused"]
    assert reminders == 1 and logged == 1
    assert answers == ["ok"] * 4 and receipts == 1
