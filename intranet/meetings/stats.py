"""会议通知 statistics per period [start, end) (aware datetimes): notices sent, and the 回执 rate
of those notices. Two aggregate queries, whatever the period."""

from django.db.models import Count, Q

from .models import Meeting, Receipt


def notices_sent(start, end):
    return Meeting.objects.filter(sent_at__gte=start, sent_at__lt=end).count()


def reply_rate(start, end):
    """{"receipts", "replied", "rate"} over the notices sent in the period; rate in percent
    (one decimal), None when no notice was sent."""
    row = Receipt.objects.filter(meeting__sent_at__gte=start, meeting__sent_at__lt=end).aggregate(
        receipts=Count("pk"), replied=Count("pk", filter=~Q(status=Receipt.Status.PENDING))
    )
    row["rate"] = round(100 * row["replied"] / row["receipts"], 1) if row["receipts"] else None
    return row
