"""The audit log of OA items, in a table of its own so it can be scoped like the items: Wagtail's
generic ModelLogEntry would show every item's title in 报告 › 站点历史 to anyone with access."""

from django.db import models

from core.audit import ScopedLogEntry, ScopedLogEntryManager

from ..access import visible_items
from .items import OfficeItem


class OALogEntryManager(ScopedLogEntryManager):
    """No exception for superusers: the access rule of access.py holds for everyone."""

    record_field = "item"

    def scope(self, user):
        return visible_items(user)


class OALogEntry(ScopedLogEntry):
    """The audit log of OA items, in a table of its own so it can be scoped like the items."""

    item = models.ForeignKey(OfficeItem, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = OALogEntryManager()

    class Meta(ScopedLogEntry.Meta):
        verbose_name = "公文日志"
        verbose_name_plural = "公文日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="oalog_uuid_action_idx"),
            models.Index(fields=["item", "timestamp"], name="oalog_item_time_idx"),
        ]

