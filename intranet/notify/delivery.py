"""Delivery of notifications by e-mail and SMS, outside any database transaction.

notify() (api.py) writes one Delivery row per notification and channel the recipient wants and
has an address for, then enqueues deliver() after commit. deliver() claims each row with one
conditional UPDATE (pending, or failed with attempts left -> sending) committed on its own, sends
with the configured backend and timeout, and records sent or failed. A task that runs twice, or
two workers on the same rows, cannot send a row twice: only one UPDATE wins the claim."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from . import sms
from .models import Delivery
from .registry import EMAIL, SMS

logger = logging.getLogger(__name__)

SMS_TITLE_LENGTH = 60


def max_attempts():
    return getattr(settings, "NOTIFY_MAX_ATTEMPTS", 3)


def deliverable():
    """Rows a run may (re)send: pending, or failed with attempts left."""
    return Q(status=Delivery.Status.PENDING) | Q(status=Delivery.Status.FAILED, attempts__lt=max_attempts())


def absolute_url(url):
    if url.startswith("/"):
        return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url
    return url


def email_message(notification, address):
    body = render_to_string(
        "notify/email.txt", {"notification": notification, "link": absolute_url(notification.url)}
    )
    return EmailMessage(subject=f"【信息精灵】{notification.title}", body=body, to=[address])


def sms_text(notification):
    title = notification.title
    if len(title) > SMS_TITLE_LENGTH:
        title = title[: SMS_TITLE_LENGTH - 1] + "…"
    signature = getattr(settings, "NOTIFY_SMS_SIGNATURE", "【浦东环境局内网】")
    return f"{signature}{title}。详见局内网信息精灵。"


def send(delivery, sms_backend):
    """Hand one delivery to its channel; raises on failure."""
    notification = delivery.notification
    if delivery.channel == EMAIL:
        email_message(notification, delivery.address).send()
    elif delivery.channel == SMS:
        sms_backend.send(delivery.address, sms_text(notification))
    else:
        raise ValueError(f"unknown channel {delivery.channel!r}")


def claim(delivery_id):
    """Mark one row as being sent, committed before any network call; False when it is not
    (or no longer) ours to send."""
    with transaction.atomic(durable=True):  # never inside a caller's transaction
        return bool(
            Delivery.objects.filter(deliverable(), pk=delivery_id).update(
                status=Delivery.Status.SENDING, attempts=F("attempts") + 1
            )
        )


def deliver(notification_ids=None):
    """Send the deliverable rows of these notifications (all of them when None). Returns counts."""
    rows = Delivery.objects.filter(deliverable()).select_related("notification__recipient").order_by("pk")
    if notification_ids is not None:
        rows = rows.filter(notification_id__in=list(notification_ids))
    result = {"sent": 0, "failed": 0, "skipped": 0}
    sms_backend = None
    for delivery in list(rows):
        if not claim(delivery.pk):
            result["skipped"] += 1  # another run has it, or had it
            continue
        try:
            if delivery.channel == SMS and sms_backend is None:
                sms_backend = sms.get_backend()
            send(delivery, sms_backend)
        except (smtplib.SMTPException, OSError, sms.SMSError) as error:
            _record_failure(delivery, error)
            result["failed"] += 1
        except Exception as error:  # a broken backend must not leave the row "sending"
            logger.exception("Notification delivery %s crashed", delivery.pk)
            _record_failure(delivery, error)
            result["failed"] += 1
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            result["sent"] += 1
    return result


def _record_failure(delivery, error):
    message = str(error) or error.__class__.__name__
    logger.warning("Notification delivery %s (%s to %s) failed: %s", delivery.pk, delivery.channel, delivery.address, message)
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, last_error=message[:300])
