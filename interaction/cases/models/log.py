"""The audit log of cases, in a table of its own so it can be scoped like the cases themselves.

Wagtail's generic ModelLogEntry is visible in 报告 › 站点历史 to anyone holding any case
permission; case entries name the case, so a handler must see only her department's."""

from django.db import models

from core.audit import ScopedLogEntry, ScopedLogEntryManager

from ..choices import PUBLIC_STEPS
from ..policy import scoped_cases


class CaseLogEntryManager(ScopedLogEntryManager):
    record_field = "case"

    def scope(self, user):
        return scoped_cases(user)

    def viewable_by_user(self, user):
        if user.is_superuser:
            return self.all()
        return super().viewable_by_user(user)

    def public_steps(self, case):
        """The steps of `case` a visitor may see in the lookup, oldest first, as (time, label)."""
        entries = (
            self.for_instance(case)
            .filter(action__in=list(PUBLIC_STEPS))
            .order_by("timestamp", "id")
            .values_list("timestamp", "action")
        )
        return [(when, PUBLIC_STEPS[action]) for when, action in entries]


class CaseLogEntry(ScopedLogEntry):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries"
    )

    objects = CaseLogEntryManager()

    class Meta(ScopedLogEntry.Meta):
        verbose_name = "办件日志"
        verbose_name_plural = "办件日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="caselog_uuid_action_idx"),
            models.Index(fields=["case", "timestamp"], name="caselog_case_time_idx"),
        ]

