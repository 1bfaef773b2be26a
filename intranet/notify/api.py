"""The API other apps call (the OA, cases):

    from intranet.notify.api import register_event, notify
    register_event("oa.step", "新的待办")     # at import / ready
    notify(recipients, event="oa.step", title="请阅：……", url="/admin/…", body="", source=obj)

and the intranet home's view of a user's desk (unread count, to-do counters)."""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Delivery, Notification, Preference
from .registry import EMAIL, SMS, events, get_event, register_event, register_todo_counter, todo_counters
from .tasks import deliver_notifications

__all__ = [
    "register_event",
    "register_todo_counter",
    "notify",
    "events",
    "unread_count",
    "todo_counts",
    "channel_choices",
    "desk",
]

TITLE_MAX = Notification._meta.get_field("title").max_length
URL_MAX = Notification._meta.get_field("url").max_length


def _active_recipients(recipients):
    """Distinct active users among `recipients` (users or None), with their profile, in one query."""
    ids = {getattr(user, "pk", None) for user in recipients or ()}
    ids.discard(None)
    if not ids:
        return []
    return list(
        get_user_model().objects.filter(pk__in=ids, is_active=True).select_related("staff_profile").order_by("pk")
    )


def mobile_of(user):
    profile = getattr(user, "staff_profile", None)
    return getattr(profile, "mobile", "") or ""


def address_for(user, channel):
    return user.email if channel == EMAIL else mobile_of(user)


def channel_choices(users, event):
    """{(user_id, channel): enabled} for these users and one event, explicit choices over defaults."""
    event = get_event(event) if isinstance(event, str) else event
    chosen = {
        (user_id, channel): enabled
        for user_id, channel, enabled in Preference.objects.filter(
            user_id__in=[u.pk for u in users], event=event.key
        ).values_list("user_id", "channel", "enabled")
    }
    return {
        (user.pk, channel): chosen.get((user.pk, channel), event.default(channel))
        for user in users
        for channel in (EMAIL, SMS)
    }


def _start_of_today():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def notify(recipients, event, title, url="", body="", source=None):
    """Tell each active recipient: an in-app notification always, plus e-mail and SMS as each has
    chosen for this event. With a `source`, a recipient who already has an unread notification
    from today with the same event, source and title gets no second one (a retried caller, a
    reminder run twice). Returns the created notifications. Sending happens after the caller's
    transaction commits, in a background task."""
    event = get_event(event)
    users = _active_recipients(recipients)
    if not users:
        return []
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = str(source.pk) if source is not None else ""
    title = title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"
    now = timezone.now()
    with transaction.atomic():
        if source is not None:
            already = set(
                Notification.objects.unread()
                .filter(
                    recipient__in=users,
                    event=event.key,
                    source_type=source_type,
                    source_id=source_id,
                    title=title,
                    created_at__gte=_start_of_today(),
                )
                .values_list("recipient_id", flat=True)
            )
            users = [user for user in users if user.pk not in already]
            if not users:
                return []
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=user,
                    event=event.key,
                    title=title,
                    body=body,
                    url=url[:URL_MAX],
                    source_type=source_type,
                    source_id=source_id,
                    created_at=now,
                )
                for user in users
            ]
        )
        wanted = channel_choices(users, event)
        deliveries = [
            Delivery(notification=notification, channel=channel, address=address_for(user, channel), created_at=now)
            for notification, user in zip(created, users, strict=True)
            for channel in (EMAIL, SMS)
            if wanted[(user.pk, channel)] and address_for(user, channel)
        ]
        if deliveries:
            Delivery.objects.bulk_create(deliveries)
            ids = sorted({d.notification_id for d in deliveries})
            # robust: a queue that cannot take the task must not fail the caller; the rows stay
            # pending and the send_notifications command sends them.
            transaction.on_commit(lambda: deliver_notifications.enqueue(ids), robust=True)
    return created


def unread_count(user):
    return Notification.objects.for_user(user).unread().count()


def todo_counts(user):
    """[{"label", "url", "count"}] of the registered counters that apply to `user`."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = []
    for counter in todo_counters():
        count = counter.count(user)
        if count is not None:
            url = counter.url() if callable(counter.url) else counter.url
            rows.append({"key": counter.key, "label": counter.label, "url": str(url), "count": count})
    return rows


def desk(user):
    """What the intranet home shows a signed-in member of staff: unread notifications and the
    registered to-do counts, each with its link into the admin; None for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return None
    return {"unread": unread_count(user), "notifications_url": reverse("notify_list"), "todos": todo_counts(user)}
