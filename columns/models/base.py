"""What every column and sub-column page shares."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, get_page_models
from wagtail.search import index


class ColumnMetaMixin(models.Model):
    """Description, keywords and the responsible department of a column or sub-column.

    These feed the government page metadata (ColumnName, ColumnDescription, ColumnKeywords,
    ColumnType) every column page carries."""

    description = models.CharField("栏目描述", max_length=255, blank=True)
    keywords = models.CharField("栏目关键词", max_length=255, blank=True, help_text="以逗号分隔")

    column_type_label = "栏目"

    column_panels = [
        MultiFieldPanel([FieldPanel("description"), FieldPanel("keywords")], heading="栏目信息"),
    ]

    class Meta:
        abstract = True

    @property
    def gov_column_type(self):
        return self.column_type_label


class SubColumnBase(ColumnMetaMixin, Page):
    """Base of every sub-column (子栏目) page type: any direct child of a ColumnPage.

    Interaction apps subclass it for their pages (局长信箱, 网上投票 ...), which is how a
    ColumnPage learns which page types it may hold."""

    department = models.ForeignKey(
        "org.Department",
        verbose_name="维护部门",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="该部门的编辑可在本子栏目下编辑信息",
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="横幅图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="专题专辑等在首页以横幅展示时使用",
    )

    parent_page_types = ["columns.ColumnPage"]
    column_type_label = "子栏目"

    content_panels = Page.content_panels + ColumnMetaMixin.column_panels
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("department"), FieldPanel("banner_image")], heading="分工与展示"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]

    class Meta:
        abstract = True

    @classmethod
    def sub_column_models(cls):
        """Every concrete page model that may sit directly under a ColumnPage."""
        return [m for m in get_page_models() if issubclass(m, SubColumnBase) and not m._meta.abstract]
