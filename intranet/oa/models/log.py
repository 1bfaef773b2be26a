"""The audit log of OA items, in a table of its own so it can be scoped like the items: Wagtail's
generic ModelLogEntry would show every item's title in 报告 › 站点历史 to anyone with access."""

from django.db import models
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from ..access import visible_items
from .items import OfficeItem


class OALogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(item_id=instance.pk)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(item_id=instance.pk)

    def viewable_by_user(self, user):
        return self.filter(item_id__in=visible_items(user).values("pk"))


class OALogEntry(BaseLogEntry):
    """The audit log of OA items, in a table of its own so it can be scoped like the items."""

    item = models.ForeignKey(OfficeItem, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = OALogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "公文日志"
        verbose_name_plural = "公文日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="oalog_uuid_action_idx"),
            models.Index(fields=["item", "timestamp"], name="oalog_item_time_idx"),
        ]

    def __str__(self):
        return f"{self.label}: {self.action}"

    @property
    def object_id(self):
        return self.item_id
