"""Demo 会议通知 (app `intranet.meetings`): a notice from the 办公室 to two departments and the
局长, with some 回执 already returned, so the list, the counter and the 签到表 show something."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.meetings import services
from intranet.meetings.models import Meeting
from intranet.org.models import Department

from .registry import step

TITLE = "2026年度环境保护工作推进会"


def build_meetings(now=None):
    if Meeting.objects.filter(title=TITLE).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["shouwen", "juzhang", "zhigong"])}
    departments = list(Department.objects.filter(code__in=["pollution", "river"]))
    if len(users) < 3 or not departments:
        return 0
    now = now or timezone.now()
    starts = timezone.localtime(now + timedelta(days=5)).replace(hour=9, minute=30, second=0, microsecond=0)
    meeting = services.send(
        users["shouwen"], title=TITLE, starts_at=starts, ends_at=starts + timedelta(hours=2), place="局机关三楼第一会议室",
        agenda="一、通报上半年环境保护重点工作进展\n二、各处室汇报下阶段工作安排\n三、局长部署重点任务",
        reply_deadline=starts - timedelta(days=2), departments=departments, people=[users["juzhang"]], now=now,
    )
    services.reply(meeting, users["zhigong"], attending=True, now=now)
    services.reply(meeting, users["juzhang"], attending=True, now=now)
    return 1


@step(61, "会议通知")
def meetings_step(context):
    if build_meetings():
        context.log.append(f"会议通知：1 条演示会议通知（{TITLE}）")
