"""Counters in the database, safe with many processes and hosts: one atomic upsert for all of
them (numbered sequences, rate-limit windows, the search log).

`bump()` adds to a row found by its unique lookup, creating the row when it is missing:

    UPDATE ... SET n = n + 1 WHERE <lookup>    -- locks the row until the transaction ends
    if no row: INSERT ... (n = 1)              -- in a savepoint; a unique violation means
                                               -- another process created it first: UPDATE again

It works alike on SQLite (writers are serialised) and PostgreSQL (the UPDATE takes a row lock; an
INSERT racing another INSERT of the same key waits for it and then fails on the unique index). The
lookup must therefore name a unique constraint of the model.
"""

from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

from .models import Sequence

MAX_ATTEMPTS = 3


class CounterContention(DatabaseError):
    """The row could neither be updated nor created in MAX_ATTEMPTS tries."""


@dataclass(frozen=True)
class Bumped:
    value: object  # the new value of the field read back, or None when none was asked for
    created: bool  # this call created the row


def bump(model, lookup, increments, *, defaults=None, read=None):
    """Atomically add `increments` ({field: amount}) to the row of `model` matching `lookup`
    ({field: value}, a unique key), creating it with `lookup`, `defaults` and `increments` as
    its values when it does not exist. Returns a `Bumped` with the new value of the field
    `read` (read back inside the same transaction, so it is this call's value and no later one).

    Called inside an outer transaction, the row stays locked until that transaction ends, so a
    rollback gives the increment back before anyone else sees it (gap-free numbering)."""
    rows = model.objects.filter(**lookup)
    updates = {name: F(name) + amount for name, amount in increments.items()}
    for _ in range(MAX_ATTEMPTS):
        # One transaction for the UPDATE and the read-back, without a savepoint of its own (an
        # error here is not recovered from, so none is needed; a hot path like the search log
        # then costs one statement). The INSERT below needs its savepoint: a unique violation is
        # recovered from.
        with transaction.atomic(savepoint=False):
            if rows.update(**updates):
                value = rows.values_list(read, flat=True).get() if read else None
                return Bumped(value, False)
        try:
            with transaction.atomic():
                row = model.objects.create(**lookup, **(defaults or {}), **increments)
        except IntegrityError:
            continue  # another process created the row first: increment it instead
        return Bumped(getattr(row, read) if read else None, True)
    raise CounterContention(f"could not bump {model._meta.label} {lookup!r}")


def next_value(key):
    """Reserve and return the next number of the sequence `key`, starting at 1.

    Concurrent callers never get the same number. Call it inside the transaction that stores
    the number, so a rollback gives the number back."""
    return bump(Sequence, {"key": key}, {"last": 1}, read="last").value
