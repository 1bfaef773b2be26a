from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.meetings import services, stats
from intranet.meetings.models import MeetingLogEntry, Receipt
from intranet.meetings.notifications import pending_receipts
from intranet.notify.models import Notification


def test_sending_expands_departments_to_their_members_and_tells_each_once(bureau):
    meeting = bureau.meeting(people=[bureau.person, bureau.r1])
    receivers = set(meeting.receipts.values_list("user__staff_profile__full_name", flat=True))
    assert receivers == {"河道一", "河道二", "点名丁"}
    told = Notification.objects.filter(event="meetings.notice", source_id=str(meeting.pk))
    assert sorted(told.values_list("recipient__staff_profile__full_name", flat=True)) == sorted(receivers)
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="meetings.send").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"departments": [], "people": []}, "请至少选择"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "会议时间须晚于现在"),
        ({"reply_deadline": timezone.now() + timedelta(days=5)}, "回执截止时间须晚于现在、不晚于会议开始时间"),
    ],
)
def test_a_notice_with_bad_data_is_refused(bureau, fields, message):
    with pytest.raises(services.MeetingError, match=message):
        bureau.meeting(**fields)


def test_replies_count_and_a_department_may_name_several_attendees(bureau):
    meeting = bureau.meeting()
    services.reply(meeting, bureau.r1, attending=True, attendees="河道一、王五，赵六")
    services.reply(meeting, bureau.person, attending=False, reason="同时段有执法检查")
    assert services.counts(meeting) == {"total": 3, "attending": 1, "declined": 1, "replied": 2, "missing": 1}
    rows = services.sign_in_rows(meeting)
    assert [row["name"] for row in rows] == ["河道一", "王五", "赵六"]
    assert {row["department"] for row in rows} == {"测试河道处"}
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="meetings.reply").count() == 2


def test_declining_needs_a_reason_and_strangers_cannot_reply(bureau):
    meeting = bureau.meeting()
    with pytest.raises(services.MeetingError, match="不参加须说明原因"):
        services.reply(meeting, bureau.r1, attending=False, reason="  ")
    with pytest.raises(services.MeetingError, match="不在本次会议的通知范围内"):
        services.reply(meeting, bureau.stranger, attending=True)
    assert services.counts(meeting)["replied"] == 0


def test_a_late_reply_is_refused_with_the_deadline_named(bureau):
    now = timezone.now()
    meeting = bureau.meeting(now=now)
    late = meeting.reply_deadline + timedelta(minutes=1)
    deadline = timezone.localtime(meeting.reply_deadline).strftime("%Y-%m-%d %H:%M")
    with pytest.raises(services.MeetingError, match=f"回执截止时间（{deadline}）已过，不能再回执"):
        services.reply(meeting, bureau.r1, attending=True, now=late)
    assert Receipt.objects.get(meeting=meeting, user=bureau.r1).status == Receipt.Status.PENDING


def test_urging_reaches_only_the_missing_and_at_most_once_a_day(bureau):
    meeting = bureau.meeting()
    services.reply(meeting, bureau.r1, attending=True)
    missing = services.urge(meeting, bureau.organiser)
    assert {u.pk for u in missing} == {bureau.r2.pk, bureau.person.pk}
    urged = set(Notification.objects.filter(event="meetings.urge", source_id=str(meeting.pk)).values_list("recipient_id", flat=True))
    assert urged == {bureau.r2.pk, bureau.person.pk}
    with pytest.raises(services.MeetingError, match="今天已经催办过"):
        services.urge(meeting, bureau.registrar)
    services.urge(meeting, bureau.registrar, now=timezone.now() + timedelta(days=1))
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="meetings.urge").count() == 2


def test_only_the_organising_side_may_urge_and_not_after_the_deadline(bureau):
    meeting = bureau.meeting()
    for outsider in (bureau.r1, bureau.other_registrar, bureau.colleague):
        with pytest.raises(services.MeetingError, match="只有会议组织者"):
            services.urge(meeting, outsider)
    with pytest.raises(services.MeetingError, match="回执截止时间已过"):
        services.urge(meeting, bureau.organiser, now=meeting.reply_deadline + timedelta(seconds=1))


def test_the_todo_counter_counts_open_unanswered_notices(bureau):
    first = bureau.meeting()
    bureau.meeting(title="第二个会")
    assert pending_receipts(bureau.r1).count() == 2
    services.reply(first, bureau.r1, attending=True)
    assert pending_receipts(bureau.r1).count() == 1
    assert pending_receipts(bureau.r1, now=first.reply_deadline + timedelta(days=1)).count() == 0
    assert pending_receipts(bureau.stranger).count() == 0


def test_stats_count_notices_and_the_reply_rate_per_period(bureau):
    now = timezone.now() + timedelta(days=1000)  # a period the demo data does not reach
    meeting = bureau.meeting(now=now)
    services.reply(meeting, bureau.r1, attending=True, now=now)
    start, end = now - timedelta(days=1), now + timedelta(days=1)
    assert stats.notices_sent(start, end) == 1
    assert stats.reply_rate(start, end) == {"receipts": 3, "replied": 1, "rate": 33.3}
    assert stats.notices_sent(end, end + timedelta(days=1)) == 0
    assert stats.reply_rate(end, end + timedelta(days=1))["rate"] is None
