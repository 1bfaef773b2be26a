"""Page models of the column tree, one module per page type."""

from .article import ArticleAttachment, ArticlePage, ArticleTag
from .base import ColumnMetaMixin, SubColumnBase
from .catalogue import DisclosureCataloguePage
from .column import ColumnPage
from .leaders import Leader, LeadersPage
from .subcolumn import APP_TYPES, SubColumnPage


__all__ = [
    "APP_TYPES",
    "ArticleAttachment",
    "ArticlePage",
    "ArticleTag",
    "ColumnMetaMixin",
    "ColumnPage",
    "DisclosureCataloguePage",
    "Leader",
    "LeadersPage",
    "SubColumnBase",
    "SubColumnPage",
]
