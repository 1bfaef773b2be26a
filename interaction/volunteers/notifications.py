"""Telling a volunteer that a place became free for them. One function, so that it can move to
the notification app (信息精灵) when that exists; it is only ever called after the commit."""

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


def tell_promoted(registration):
    """E-mail the person whose waiting-list registration was just confirmed. A mail server that
    refuses or does not answer is logged, never raised: the promotion itself stands."""
    if not registration.email:
        return False
    activity = registration.activity
    body = (
        f"{registration.name}：\n\n"
        f"您报名的志愿活动“{activity.title}”有名额空出，您已由候补转为正式报名。\n"
        f"报名编号：{registration.reference}\n"
        f"时间：{activity.starts_at:%Y年%m月%d日 %H:%M}\n"
        f"地点：{activity.place}\n\n"
        "如不能参加，请凭报名编号和取消码在网站“志愿者登记”栏目取消报名，以便名额转给其他候补志愿者。\n"
    )
    try:
        send_mail(f"候补转正：{activity.title}", body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    except Exception:  # noqa: BLE001 - any mail failure degrades to a log line
        logger.warning(
            "Could not e-mail volunteer registration %s about its promotion", registration.reference, exc_info=True
        )
        return False
    return True
