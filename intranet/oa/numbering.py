"""文号: numbered per issuing unit, kind and year, continuous and unique under concurrency.

The number comes from core.counters.next_value inside the transaction that stores it, so a
rollback gives the number back and no gap appears; the pattern is the unit's NumberPattern for
the kind (浦环保〔{year}〕{seq}号) or a default made of the unit's short name."""

from core.counters import next_value

from .models import NumberPattern

DEFAULT_PATTERN = "{unit}〔{year}〕{seq}号"


def sequence_key(unit, doc_kind, year):
    return f"oa:{unit.code}:{doc_kind}:{year}"


def pattern_for(unit, doc_kind):
    row = NumberPattern.objects.filter(unit=unit, doc_kind=doc_kind).only("pattern").first()
    return row.pattern if row else DEFAULT_PATTERN


def format_number(pattern, unit, year, seq):
    return pattern.format(unit=unit.display_name, year=year, seq=seq)


def assign_number(document, unit, year):
    """Give `document` the next 文号 of `unit` for its kind and `year`; call inside the transaction
    that saves the document (the caller holds the document's row lock)."""
    seq = next_value(sequence_key(unit, document.doc_kind, year))
    document.numbered_by = unit
    document.number_year = year
    document.number_seq = seq
    document.number = format_number(pattern_for(unit, document.doc_kind), unit, year, seq)
    return document.number
