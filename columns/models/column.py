from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.visibility import visible

from .article import ArticlePage
from .base import ColumnMetaMixin, SubColumnBase


class ColumnPage(ColumnMetaMixin, Page):
    """大栏目: always directly under a site home; its children are the sub-columns."""

    intro = models.TextField("导语", blank=True)

    parent_page_types = ["home.PublicHomePage", "home.IntranetHomePage"]
    column_type_label = "栏目"
    latest_per_sub_column = 6

    content_panels = Page.content_panels + ColumnMetaMixin.column_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    @classmethod
    def allowed_subpage_models(cls):
        return SubColumnBase.sub_column_models()

    def sub_columns(self, request=None):
        return visible(self.get_children().live().in_menu(), request).specific()

    def latest_by_sub_column(self, request=None, per_sub=None):
        """Latest live articles of every sub-column in one query, keyed by sub-column path."""
        per_sub = per_sub or self.latest_per_sub_column
        parent_len = len(self.path) + Page.steplen
        articles = visible(ArticlePage.objects.live().descendant_of(self).filter(depth=self.depth + 2), request)
        ranked = (
            articles.annotate(
                parent_path=Substr("path", 1, parent_len),
                rank=Window(
                    RowNumber(),
                    partition_by=[Substr("path", 1, parent_len)],
                    order_by=[F("pub_date").desc(), F("id").desc()],
                ),
            )
            .filter(rank__lte=per_sub)
            .only("id", "title", "pub_date", "url_path", "path", "depth", "validity")
            .order_by("parent_path", "rank")
        )
        grouped = {}
        for article in ranked:
            grouped.setdefault(article.parent_path, []).append(article)
        return grouped

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        subs = list(self.sub_columns(request))
        latest = self.latest_by_sub_column(request)
        context["sub_column_blocks"] = [(sub, latest.get(sub.path, [])) for sub in subs]
        return context
