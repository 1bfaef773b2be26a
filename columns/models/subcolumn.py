from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from columns.blocks import BodyBlock
from columns.feeds import SubColumnFeed
from core.pagination import paginate
from core.visibility import visible
from intranet.org.directory import staff_directory

from .article import ArticlePage
from .base import ColumnMetaMixin, SubColumnBase

# Interaction services a later issue gives a page type of their own. Until then build_columns
# creates a SubColumnPage of kind "app" naming the intended type; see columns/swap.py.
APP_TYPES = [
    ("mailbox", "局长信箱"),
    ("complaint", "网上投诉"),
    ("consultation", "网上咨询"),
    ("disclosure_request", "政府信息公开申请"),
    ("poll", "网上投票"),
    ("solicitation", "网上征集"),
    ("volunteer", "志愿者登记"),
    ("forum", "网上论坛"),
    ("interview", "在线访谈"),
    ("board", "留言板"),
    ("special", "专题专辑"),
]

class SubColumnPage(RoutablePageMixin, SubColumnBase):
    """子栏目 of kind list, single, link, directory (intranet 通讯录) or app (placeholder)."""

    class Kind(models.TextChoices):
        LIST = "list", "信息列表"
        SINGLE = "single", "单页"
        LINK = "link", "链接"
        DIRECTORY = "directory", "通讯录"
        APP = "app", "互动服务（待上线）"

    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.LIST)
    body = StreamField(BodyBlock(), verbose_name="内容", blank=True)
    link_url = models.URLField("外部链接", blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="站内链接",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    app_type = models.CharField("互动服务类型", max_length=30, choices=APP_TYPES, blank=True)
    contact = models.TextField("联系方式", blank=True)

    subpage_types = ["columns.ArticlePage"]

    content_panels = SubColumnBase.content_panels + [
        FieldPanel("kind"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("link_page")], heading="链接（类型为链接时）"),
        MultiFieldPanel([FieldPanel("app_type"), FieldPanel("contact")], heading="互动服务（类型为互动服务时）"),
    ]

    class Meta:
        verbose_name = "子栏目"
        verbose_name_plural = "子栏目"

    @property
    def gov_column_type(self):
        return {
            self.Kind.LIST: "信息列表",
            self.Kind.SINGLE: "单页栏目",
            self.Kind.LINK: "链接栏目",
            self.Kind.DIRECTORY: "通讯录",
            self.Kind.APP: "互动交流",
        }[self.kind]

    def clean(self):
        super().clean()
        if self.kind == self.Kind.LINK and not (self.link_url or self.link_page_id):
            raise ValidationError({"link_url": "链接类型的子栏目需填写外部链接或选择站内页面。"})
        if self.kind == self.Kind.APP and not self.app_type:
            raise ValidationError({"app_type": "请选择互动服务类型。"})
        if self.kind != self.Kind.LIST and self.pk and self.get_children().exists():
            raise ValidationError({"kind": "该子栏目下已有信息，只能是信息列表类型。"})

    @property
    def link_target(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url

    @property
    def holds_articles(self):
        """Only list sub-columns hold articles (ArticlePage.can_exist_under)."""
        return self.kind == self.Kind.LIST

    def articles(self, request=None):
        return visible(ArticlePage.objects.child_of(self).live(), request).order_by("-pub_date", "-id")

    @path("")
    def index(self, request):
        if self.kind == self.Kind.LINK and self.link_target:
            return HttpResponseRedirect(self.link_target)
        context = {}
        if self.kind == self.Kind.LIST:
            context["items"] = paginate(
                request,
                self.articles(request).only("id", "title", "pub_date", "url_path", "validity", "path", "depth"),
            )
        elif self.kind == self.Kind.DIRECTORY:
            # Staff names and phones are for staff only, even if an editor puts this kind on the portal.
            context["directory"] = staff_directory(include_staff=request.user.is_authenticated)
        return self.render(request, context_overrides=context)

    @path("rss/", name="rss")
    def rss(self, request):
        if self.kind != self.Kind.LIST:
            raise Http404
        return SubColumnFeed(self)(request)

    def get_sitemap_urls(self, request=None):
        if self.kind == self.Kind.LINK:
            return []
        return super().get_sitemap_urls(request)


__all__ = ["APP_TYPES", "SubColumnPage", "ColumnMetaMixin"]
