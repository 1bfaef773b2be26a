"""信息精灵: a notification per recipient (always shown in the admin), its deliveries by e-mail
and SMS (one row per notification and channel, so a retried task never sends twice), and each
user's choice of channels per event."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .registry import CHANNELS


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The only way views reach notifications: the requesting user's own."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self, when=None):
        return self.filter(read_at__isnull=True).update(read_at=when or timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField("类别", max_length=60)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    source_type = models.ForeignKey(
        ContentType, verbose_name="来源类型", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source_id = models.CharField("来源编号", max_length=64, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "信息精灵通知"
        verbose_name_plural = "信息精灵通知"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # My notifications, newest first (the list page).
            models.Index(fields=["recipient", "-created_at", "-id"], name="notify_mine_idx"),
            # My unread ones, newest first (the bell: count and latest few); a partial index.
            models.Index(
                fields=["recipient", "-created_at"], condition=Q(read_at__isnull=True), name="notify_unread_idx"
            ),
            models.Index(fields=["source_type", "source_id"], name="notify_source_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENDING = "sending", "发送中"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    notification = models.ForeignKey(
        Notification, verbose_name="通知", on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField("渠道", max_length=10, choices=CHANNELS)
    address = models.CharField("地址", max_length=254, help_text="电子邮箱或手机号码（建立时的登记值）")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近一次错误", max_length=300, blank=True)
    created_at = models.DateTimeField("建立时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "发送记录"
        verbose_name_plural = "发送记录"
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="notify_one_delivery_per_channel")]
        indexes = [models.Index(fields=["status", "created_at"], name="notify_delivery_status_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.address}（{self.get_status_display()}）"


class Preference(models.Model):
    """A user's explicit choice for one event and channel; without a row the event's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="notify_preferences"
    )
    event = models.CharField("类别", max_length=60)
    channel = models.CharField("渠道", max_length=10, choices=CHANNELS)
    enabled = models.BooleanField("接收", default=True)

    class Meta:
        verbose_name = "信息精灵设置"
        verbose_name_plural = "信息精灵设置"
        constraints = [models.UniqueConstraint(fields=["user", "event", "channel"], name="notify_one_preference")]

    def __str__(self):
        return f"{self.user}：{self.event}/{self.channel}={'开' if self.enabled else '关'}"
