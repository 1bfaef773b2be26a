"""Demo 信息精灵 (app `intranet.notify`): mobile numbers for the demo logins (SMS goes to the
console in development) and a few notifications so the bell and the intranet home show something.
Written directly, not through notify(): loading demo data sends nothing."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.notify.models import Notification
from intranet.org.models import StaffProfile

from .org import DEMO_USERS
from .registry import step

WELCOME = [
    ("cases.reminder", "【办件提醒】请关注本部门即将到期的办件", "/admin/"),
    ("cases.reminder", "信息精灵已开通：新的待办、催办、退回和超期提醒都会在这里通知您", "/admin/notify/preferences/"),
]


@step(58, "信息精灵")
def notify_step(context):
    usernames = [row[0] for row in DEMO_USERS]
    for index, profile in enumerate(
        StaffProfile.objects.filter(user__username__in=usernames, mobile="").order_by("user__username")
    ):
        profile.mobile = f"1390000{index:04d}"
        profile.save(update_fields=["mobile"])
    users = get_user_model().objects.filter(username__in=usernames).exclude(notifications__isnull=False)
    now = timezone.now()
    rows = [
        Notification(recipient=user, event=event, title=title, url=url, created_at=now)
        for user in users
        for event, title, url in WELCOME
    ]
    Notification.objects.bulk_create(rows)
    if rows:
        context.log.append(f"信息精灵：为 {len(rows) // len(WELCOME)} 个演示账号准备了通知")
