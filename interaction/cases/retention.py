"""Retention of the personal data in cases (个人信息保存期限).

A case ended (办结, 不予受理, merged, or replied and never closed) more than
CaseSettings.retention_years ago (3 by default) keeps what the statistics and the public record
need and loses everything that identifies or may identify the person who wrote in:

kept     reference, channel, status, category, applicant type, id type, delivery, departments,
         every date and deadline figure (clock start, due date, extension, paused days),
         disclosure result and reason, satisfaction rating, merge links, and — only while the
         case is published — its redacted public title, content and reply (checked by
         privacy.scan_public_texts before publication, consented to by the writer).
cleared  name, contact person, phone, e-mail, address, ID number, the original title, content
         and reply, location, supplement, rating comment, internal note, the notices, reasons
         and comments staff wrote (they may quote the person), the query code, the free-text
         details and labels of the case's audit entries, and the attachments with their files.

Each case purged gets an audit entry (no contents); each run that purges anything writes one
entry on the settings with the count. Running again purges nothing twice. File deletion waits
for the commit: no storage work happens inside the transaction."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log

from .choices import OPEN_STATES
from .deadlines import case_settings
from .models import Case, CaseLogEntry

logger = logging.getLogger(__name__)

PURGED_TITLE = "（个人信息已按保存期限清除）"
PURGED_TEXT = "（已清除）"
# Free-text details some audit entries carry (typed by staff or the visitor); the rest of the
# details (departments, days, dates, results, references) are kept.
FREE_TEXT_LOG_KEYS = ("reason", "comment", "notice", "note", "attachment")
CLEARED_FIELDS = {
    "name": "",
    "contact_person": "",
    "phone": "",
    "email": "",
    "address": "",
    "id_number": "",
    "content": "",
    "reply": "",
    "location": "",
    "supplement": "",
    "rating_comment": "",
    "internal_note": "",
    "completion_notice": "",
    "extension_reason": "",
    "rejection_reason": "",
    "review_comment": "",
    "query_code_hash": "",
}
PUBLIC_FIELDS = ("public_title", "public_content", "public_reply")


@dataclass
class PurgeResult:
    cutoff: object
    references: list
    dry_run: bool

    @property
    def count(self):
        return len(self.references)


def cutoff_for(now, years):
    """The moment `years` calendar years before `now` (29 February becomes 28 February)."""
    local = timezone.localtime(now)
    try:
        return local.replace(year=local.year - years)
    except ValueError:
        return (local - timedelta(days=1)).replace(year=local.year - years)


def due_for_purge(now=None, years=None):
    """Cases whose personal data is past its retention period and not yet purged."""
    now = now or timezone.now()
    years = case_settings().retention_years if years is None else years
    return (
        Case.objects.filter(personal_data_purged_at__isnull=True)
        .exclude(status__in=OPEN_STATES)
        .annotate(ended_at=Coalesce(F("closed_at"), F("replied_at")))
        .filter(ended_at__lt=cutoff_for(now, years))
        .order_by("ended_at", "pk")
    )


def purge_case(case, now=None, years=None):
    """Purge one case (see the module docstring). Returns False when it was purged already."""
    now = now or timezone.now()
    files = []
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.personal_data_purged_at is not None:
            return False
        for name, value in CLEARED_FIELDS.items():
            setattr(locked, name, value)
        if not locked.is_public:
            for name in PUBLIC_FIELDS:
                setattr(locked, name, "")
        locked.title = locked.public_title or PURGED_TITLE
        locked.personal_data_purged_at = now
        # save(), not update(): the search index entry of a once-published case follows.
        locked.save()
        for attachment in locked.attachments.all():
            if attachment.file:
                files.append((attachment.file.storage, attachment.file.name))
        locked.attachments.all().delete()
        _scrub_log_entries(locked)
        log(instance=locked, action="cases.purge_personal_data", user=None,
            data={"retention_years": years if years is not None else case_settings().retention_years})
        transaction.on_commit(lambda: _delete_files(files))
    return True


def _scrub_log_entries(case):
    for entry in CaseLogEntry.objects.filter(case_id=case.pk):
        data = dict(entry.data or {})
        for key in FREE_TEXT_LOG_KEYS:
            if data.get(key):
                data[key] = PURGED_TEXT
        label = str(case)
        if data != entry.data or entry.label != label:
            entry.data, entry.label = data, label
            entry.save(update_fields=["data", "label"])


def _delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the attachment file %s of a purged case", name)


def purge_personal_data(now=None, dry_run=False):
    """Purge every case past its retention period; returns a PurgeResult (references only)."""
    now = now or timezone.now()
    settings = case_settings()
    years = settings.retention_years
    candidates = list(due_for_purge(now, years).values_list("pk", "reference"))
    result = PurgeResult(cutoff=cutoff_for(now, years), references=[], dry_run=dry_run)
    if dry_run:
        result.references = [reference for _pk, reference in candidates]
        return result
    for pk, reference in candidates:
        if purge_case(Case(pk=pk), now=now, years=years):
            result.references.append(reference)
    if result.count:
        log(instance=settings, action="cases.purge_personal_data_run", user=None, data={
            "count": result.count, "retention_years": years, "cutoff": result.cutoff.date().isoformat(),
        })
    return result
