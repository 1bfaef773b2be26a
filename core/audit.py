"""Audit logs of records that are private to some users (cases, OA items).

Wagtail's generic ModelLogEntry shows every entry in 报告 › 站点历史 to anyone holding any
permission on the model, and entries name their record. A private record's log gets a table of
its own whose manager derives from ScopedLogEntryManager: entries point at their record through
`record_field`, and a user sees the entries of exactly the records `scope(user)` returns. The log
model itself derives from ScopedLogEntry (newest first, labelled, `object_id` from that field)."""

from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager


class ScopedLogEntryManager(BaseLogEntryManager):
    record_field = None  # the name of the log model's foreign key to the logged record

    def scope(self, user):
        """The records `user` may open (a queryset)."""
        raise NotImplementedError

    def log_action(self, instance, action, **kwargs):
        kwargs[f"{self.record_field}_id"] = instance.pk
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(**{f"{self.record_field}_id": instance.pk})

    def viewable_by_user(self, user):
        return self.filter(**{f"{self.record_field}_id__in": self.scope(user).values("pk")})


class ScopedLogEntry(BaseLogEntry):
    """The log table of one kind of private record: its manager (a ScopedLogEntryManager)
    names the foreign key to the record, and `object_id` reads it."""

    class Meta(BaseLogEntry.Meta):
        abstract = True
        ordering = ["-timestamp", "-id"]

    def __str__(self):
        return f"{self.label}: {self.action}"

    @property
    def object_id(self):
        return getattr(self, f"{type(self).objects.record_field}_id")
