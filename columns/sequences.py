"""Gap-free numbering shared by every app that issues numbers (索引号, case references)."""

from django.db import IntegrityError, models, transaction


def next_value(key):
    """Reserve and return the next number of the counter `key`, starting at 1.

    The counter row is locked for the transaction (SELECT ... FOR UPDATE on PostgreSQL; SQLite
    serialises writers), so concurrent callers never get the same number. Call it inside the
    transaction that stores the number, so a rollback gives the number back."""
    from columns.models import Sequence

    with transaction.atomic():
        seq = Sequence.objects.select_for_update().filter(key=key).first()
        if seq is None:
            try:
                with transaction.atomic():
                    seq = Sequence.objects.create(key=key, last=0)
            except IntegrityError:
                seq = Sequence.objects.select_for_update().get(key=key)
        seq.last = models.F("last") + 1
        seq.save(update_fields=["last"])
        seq.refresh_from_db(fields=["last"])
        return seq.last
