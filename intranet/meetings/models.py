"""会议通知: a notice sent to departments or people, one 回执 (receipt) per recipient, the files
attached to it and its own scoped audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.audit import ScopedLogEntry, ScopedLogEntryManager
from intranet.org.models import Department


class Meeting(models.Model):
    title = models.CharField("会议名称", max_length=200)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="组织者", on_delete=models.PROTECT, related_name="meetings_organised"
    )
    department = models.ForeignKey(
        Department, verbose_name="主办部门", on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField("会议时间")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True)
    place = models.CharField("会议地点", max_length=120)
    agenda = models.TextField("会议议程")
    reply_deadline = models.DateTimeField("回执截止时间")
    departments = models.ManyToManyField(Department, verbose_name="参会部门", blank=True, related_name="+")
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参会人员", blank=True, related_name="+")
    sent_at = models.DateTimeField("发送时间", default=timezone.now, db_index=True)
    last_urged_on = models.DateField("最近催办日期", null=True, blank=True)

    class Meta:
        verbose_name = "会议通知"
        verbose_name_plural = "会议通知"
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["department", "sent_at"], name="meeting_dept_sent")]

    def __str__(self):
        return self.title

    def reply_open(self, now=None):
        return (now or timezone.now()) <= self.reply_deadline


class Receipt(models.Model):
    """One recipient's 回执. Pending until she answers; attending lists who comes when she
    answers for several people of her department."""

    class Status(models.TextChoices):
        PENDING = "pending", "未回执"
        ATTENDING = "attending", "参加"
        DECLINED = "declined", "不参加"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.PROTECT, related_name="meeting_receipts")
    department = models.ForeignKey(
        Department, verbose_name="接收人部门", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("回执", max_length=10, choices=Status.choices, default=Status.PENDING)
    attendees = models.CharField("参会人员", max_length=300, blank=True, help_text="代本部门回执多人参会时填写，用顿号或逗号分隔")
    reason = models.CharField("不参加原因", max_length=300, blank=True)
    replied_at = models.DateTimeField("回执时间", null=True, blank=True)

    class Meta:
        verbose_name = "回执"
        verbose_name_plural = "回执"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="meeting_receipt_unique")]
        indexes = [
            models.Index(fields=["user", "status"], name="meeting_receipt_user_status"),
            models.Index(fields=["meeting", "status"], name="meeting_receipt_status"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_status_display()}"


class MeetingAttachment(models.Model):
    """A Wagtail document in the OA's restricted collection, opened only through the meeting's
    attachment view, which applies the meeting's access rule."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "会议附件"
        verbose_name_plural = "会议附件"
        ordering = ["added_at", "pk"]


class MeetingLogEntryManager(ScopedLogEntryManager):
    record_field = "meeting"

    def scope(self, user):
        from .access import visible_meetings  # deferred: access.py imports this module

        return visible_meetings(user)


class MeetingLogEntry(ScopedLogEntry):
    meeting = models.ForeignKey(Meeting, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = MeetingLogEntryManager()

    class Meta(ScopedLogEntry.Meta):
        verbose_name = "会议通知日志"
        verbose_name_plural = "会议通知日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="meetinglog_uuid_action_idx"),
            models.Index(fields=["meeting", "timestamp"], name="meetinglog_meeting_time_idx"),
        ]

