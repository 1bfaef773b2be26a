from django.db import models


class Sequence(models.Model):
    """A named counter: 索引号 per organisation/topic/year, case reference numbers per channel/day,
    later the OA's 文号. See core.counters.next_value, which increments it safely under concurrency.

    Its table is still the one columns created (the model moved here in issue 8)."""

    key = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "columns_sequence"
        verbose_name = "编号序列"

    def __str__(self):
        return f"{self.key}: {self.last}"
