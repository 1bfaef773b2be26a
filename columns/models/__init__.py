"""Page models of the column tree, one module per page type."""

from django.db import models

from .article import ArticleAttachment, ArticlePage, ArticleTag
from .base import ColumnMetaMixin, SubColumnBase
from .catalogue import DisclosureCataloguePage
from .column import ColumnPage
from .leaders import Leader, LeadersPage
from .subcolumn import APP_TYPES, SubColumnPage


class Sequence(models.Model):
    """A named counter: 索引号 per organisation/topic/year, case reference numbers per channel/day.

    See columns.sequences.next_value, which increments it safely under concurrency."""

    key = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "编号序列"

    def __str__(self):
        return f"{self.key}: {self.last}"


__all__ = [
    "APP_TYPES",
    "ArticleAttachment",
    "ArticlePage",
    "ArticleTag",
    "ColumnMetaMixin",
    "ColumnPage",
    "DisclosureCataloguePage",
    "Sequence",
    "Leader",
    "LeadersPage",
    "SubColumnBase",
    "SubColumnPage",
]
