"""专题专辑: the 20 sub-columns of the 专题专辑 column are special indexes (SpecialIndexPage,
serving the "special" app type), each holding the specials (SpecialPage) of its theme.

A special's sections are a StreamField (blocks.py). An article belongs to a special through a
tag the special lists or by being featured in it, so one article can be in any number of
specials while the column tree (a lower floor) knows nothing about specials."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from columns.blocks import RICH_TEXT_FEATURES
from columns.models import SubColumnBase
from core.pagination import paginate
from core.visibility import visible

from .blocks import SectionBlock

PER_PAGE = 12


class SpecialIndexPage(RoutablePageMixin, SubColumnBase):
    """A 专题专辑 sub-column: the specials of one theme, newest first, with their covers."""

    serves_app = "special"
    column_type_label = "专题专栏"

    intro = RichTextField("栏目说明", features=["bold", "link"], blank=True)

    subpage_types = ["specials.SpecialPage"]

    content_panels = SubColumnBase.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "专题库"
        verbose_name_plural = "专题库"

    def specials_under(self, request, *, whole_column=False):
        """Live specials the visitor may see, newest first, covers loaded with them: this theme's,
        or with whole_column every theme's of the parent 专题专辑 column."""
        qs = SpecialPage.objects.live()
        qs = qs.descendant_of(self.get_parent()) if whole_column else qs.child_of(self)
        return visible(qs, request).select_related("cover").order_by("-started_on", "-id")

    @path("")
    def index_view(self, request):
        items = paginate(request, self.specials_under(request), per_page=PER_PAGE)
        return self.render(request, context_overrides={"items": items, "scope": "theme"})

    @path("all/", name="all")
    def all_view(self, request):
        items = paginate(request, self.specials_under(request, whole_column=True), per_page=PER_PAGE)
        return self.render(request, context_overrides={"items": items, "scope": "all", "trail_title": "全部专题"})


class SpecialPage(Page):
    """One topic special: banner, cover for the indexes, introduction and composed sections."""

    summary = models.CharField("摘要", max_length=200, blank=True, help_text="显示在专题列表中")
    started_on = models.DateField("专题时间", help_text="专题开始的日期，专题列表按它从新到旧排列")
    cover = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    banner = models.ForeignKey(
        "wagtailimages.Image", verbose_name="横幅图片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intro = RichTextField("专题介绍", features=RICH_TEXT_FEATURES, blank=True)
    sections = StreamField(SectionBlock(), verbose_name="专题栏目", blank=True)

    parent_page_types = ["specials.SpecialIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("started_on"),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("banner")], heading="图片"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        indexes = [models.Index(fields=["started_on"], name="specials_started_idx")]
