"""Background work of 信息精灵 (django-tasks): sending runs in the worker, never in a request."""

from django_tasks import task

from .delivery import deliver


@task()
def deliver_notifications(notification_ids):
    """Send the e-mails and text messages of these notifications (a list of ids)."""
    return deliver(notification_ids)


@task()
def retry_deliveries():
    """Send whatever is still pending or failed with attempts left (the send_notifications command)."""
    return deliver(None)
