from django.core.exceptions import ValidationError
from django.db import models
from anyascii import anyascii
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.disclosure import TOPICS, DisclosureMode, Validity, next_index_number
from core.visibility import for_request


def article_slug(title, pub_date=None):
    """`20261127-yejianshigongzaoshengzhuanxiangjiancha`: readable, ASCII, at most 60 characters."""
    day = timezone.localtime(pub_date) if pub_date else timezone.localtime()
    words = slugify(anyascii(title or ""))[:48].strip("-")
    return f"{day:%Y%m%d}-{words}" if words else f"{day:%Y%m%d}"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("columns.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(Page):
    """信息: one item of news, notice, policy or disclosure under a list sub-column."""

    subtitle = models.CharField("副标题", max_length=255, blank=True)
    pub_date = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    source = models.CharField("来源", max_length=100, blank=True)
    author = models.CharField("作者", max_length=60, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("标签", through=ArticleTag, blank=True)

    # Government information disclosure metadata.
    in_catalogue = models.BooleanField("纳入信息公开目录", default=False, db_index=True)
    index_no = models.CharField("索引号", max_length=64, unique=True, null=True, blank=True, editable=False)
    publisher = models.ForeignKey(
        "org.Department",
        verbose_name="发布机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    doc_number = models.CharField("文号", max_length=60, blank=True)
    topic = models.CharField("主题分类", max_length=10, choices=TOPICS, default="zhzw", db_index=True)
    generated_date = models.DateField("生成日期", default=timezone.localdate)
    disclosure_mode = models.CharField(
        "公开方式", max_length=12, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)

    parent_page_types = ["columns.SubColumnPage"]
    subpage_types = []
    exclude_fields_in_copy = ["index_no"]

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("pub_date"), FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
        FieldPanel("tags"),
    ]
    disclosure_panels = [
        MultiFieldPanel(
            [
                FieldPanel("in_catalogue"),
                FieldPanel("index_no", read_only=True),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("doc_number")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("generated_date")]),
                FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("validity")]),
            ],
            heading="政府信息公开",
        )
    ]

    search_fields = Page.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("doc_number"),
        index.SearchField("source"),
        index.FilterField("pub_date"),
        index.FilterField("topic"),
        index.FilterField("in_catalogue"),
    ]

    class Meta:
        verbose_name = "信息"
        verbose_name_plural = "信息"
        indexes = [models.Index(fields=["in_catalogue", "topic", "pub_date"], name="article_catalogue_idx")]

    @classmethod
    def can_exist_under(cls, parent):
        """Articles live only in sub-columns of kind list (SubColumnPage.holds_articles)."""
        if not super().can_exist_under(parent):
            return False
        return bool(getattr(parent.specific, "holds_articles", False))

    def clean(self):
        super().clean()
        if self.pub_date and self.pub_date > timezone.now() + timezone.timedelta(days=366):
            raise ValidationError({"pub_date": "发布时间不能晚于一年以后。"})

    def full_clean(self, *args, **kwargs):
        # URLs stay ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS is off): date plus the title in pinyin.
        if not self.slug and (self.path or getattr(self, "_cached_parent_obj", None)):
            self.slug = self._get_autogenerated_slug(article_slug(self.title, self.pub_date))
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if not self.index_no:
            year = (self.generated_date or timezone.localdate()).year
            self.index_no = next_index_number(self.topic, year)
        return super().save(*args, **kwargs)

    @property
    def topic_name(self):
        return self.get_topic_display()

    @property
    def is_repealed(self):
        return self.validity != Validity.VALID

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only attachments the reader may download (core/visibility.py): a link to a file she may
        # not open is not shown, not even its title.
        visibility = for_request(request)
        context["attachments"] = [
            attachment for attachment in self.attachments.select_related("document__collection")
            if visibility.file_visible(attachment.document)
        ]
        return context


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title
