"""会议通知's part of 信息精灵 (found by intranet.notify's autodiscovery): its events, the words
of its messages and the 未回执会议 counter on the intranet home."""

from django.urls import reverse
from django.utils import timezone

from intranet.notify.api import notify, register_event, register_todo_counter
from intranet.oa.access import is_staff_member

from .models import Meeting, Receipt

NOTICE = "meetings.notice"
URGED = "meetings.urge"

EVENTS = {NOTICE: "会议通知", URGED: "会议回执催办"}

for _key, _label in EVENTS.items():
    register_event(_key, _label)


def meeting_url(meeting):
    return reverse("meetings_detail", args=[meeting.pk])


def _say(users, event, meeting, text):
    when = timezone.localtime(meeting.starts_at).strftime("%m月%d日 %H:%M")
    return notify(
        users, event=event, title=f"{text}：{meeting.title}（{when}，{meeting.place}）",
        url=meeting_url(meeting), source=Meeting(pk=meeting.pk),
    )


def notice_sent(meeting, users):
    return _say(users, NOTICE, meeting, "会议通知")


def urged(meeting, users):
    return _say(users, URGED, meeting, "请尽快回执")


def pending_receipts(user, now=None):
    """The receipts `user` still owes (the reply deadline not yet passed)."""
    return Receipt.objects.filter(
        user=user, status=Receipt.Status.PENDING, meeting__reply_deadline__gte=now or timezone.now()
    )


def to_reply(user):
    return pending_receipts(user).count() if is_staff_member(user) else None


register_todo_counter("未回执会议", lambda: reverse("meetings_list"), to_reply, key="meetings", order=20)
