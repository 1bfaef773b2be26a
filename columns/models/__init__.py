"""Page models of the column tree, one module per page type."""

from django.db import models

from .article import ArticleAttachment, ArticlePage, ArticleTag
from .base import ColumnMetaMixin, SubColumnBase
from .catalogue import DisclosureCataloguePage
from .column import ColumnPage
from .leaders import Leader, LeadersPage
from .subcolumn import APP_TYPES, SubColumnPage


class IndexSequence(models.Model):
    """Counter behind the 索引号 of each organisation/topic/year prefix."""

    prefix = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号序列"

    def __str__(self):
        return f"{self.prefix}: {self.last}"


__all__ = [
    "APP_TYPES",
    "ArticleAttachment",
    "ArticlePage",
    "ArticleTag",
    "ColumnMetaMixin",
    "ColumnPage",
    "DisclosureCataloguePage",
    "IndexSequence",
    "Leader",
    "LeadersPage",
    "SubColumnBase",
    "SubColumnPage",
]
