"""The two home pages, utility pages and the per-site identity settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from columns.blocks import BodyBlock
from columns.models import ArticlePage
from core.visibility import visible
from intranet.notify.api import desk


def _source(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class HomePageBase(Page):
    """What both home pages share: only columns and utility pages beneath, one per site."""

    welcome = models.CharField("欢迎语", max_length=200, blank=True)

    subpage_types = ["columns.ColumnPage", "home.UtilityPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        abstract = True

    source_fields = ()

    @staticmethod
    def latest_articles(source, request, count, with_image=False):
        """Latest live articles beneath a page an editor chose; an empty list when none is chosen."""
        if source is None:
            return []
        qs = visible(ArticlePage.objects.live().descendant_of(source), request)
        if with_image:
            qs = qs.filter(cover_image__isnull=False).select_related("cover_image")
        return list(qs.order_by("-pub_date", "-id").only("id", "title", "pub_date", "url_path", "path", "depth", "validity", "cover_image")[:count])

    @staticmethod
    def children_of(source, request):
        """The live sub-pages (sub-columns or columns) of a chosen page, for entrances and banners."""
        if source is None:
            return []
        children = list(visible(source.get_children().live().in_menu(), request).specific())
        attach_images(children, "banner_image")
        return children

    def load_sources(self):
        """Fetch every chosen source page in one go instead of one query per block."""
        ids = [getattr(self, f"{name}_id") for name in self.source_fields]
        pages = Page.objects.filter(id__in=[i for i in ids if i]).specific().in_bulk()
        for name, page_id in zip(self.source_fields, ids, strict=True):
            if page_id:
                setattr(self, name, pages.get(page_id))


def attach_images(pages, field):
    """Load the images a list of pages points at in one query (no query per page)."""
    ids = {getattr(p, f"{field}_id", None) for p in pages} - {None}
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    for p in pages:
        image_id = getattr(p, f"{field}_id", None)
        if image_id is not None:
            setattr(p, field, images.get(image_id))


class PublicHomePage(HomePageBase):
    """浦东环境网 front page. Every block shows content from a page the editor chooses."""

    headline_source = _source("头条图片新闻来源", "显示该栏目下带封面图片的最新信息")
    news_source = _source("工作动态来源", "通常为“工作动态”栏目")
    notice_source = _source("通知公告来源", "通常为“通知公告”子栏目")
    disclosure_source = _source("政府信息公开来源", "通常为“政府信息公开”栏目")
    interaction_source = _source("互动交流入口来源", "显示该栏目的各子栏目入口")
    topics_source = _source("专题专辑来源", "显示该栏目各子栏目的横幅")
    services_source = _source("办事服务来源", "显示该栏目下的办事指南等链接")
    quality_source = _source("环境质量来源", "显示该栏目下的最新环境质量信息")

    source_fields = (
        "headline_source", "news_source", "notice_source", "disclosure_source",
        "interaction_source", "topics_source", "services_source", "quality_source",
    )

    content_panels = Page.content_panels + [
        FieldPanel("welcome"),
        MultiFieldPanel(
            [
                PageChooserPanel("headline_source"),
                PageChooserPanel("news_source"),
                PageChooserPanel("notice_source"),
                PageChooserPanel("disclosure_source"),
                PageChooserPanel("interaction_source"),
                PageChooserPanel("topics_source"),
                PageChooserPanel("services_source"),
                PageChooserPanel("quality_source"),
            ],
            heading="首页版块内容来源",
        ),
    ]

    class Meta:
        verbose_name = "浦东环境网首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.load_sources()
        latest = self.latest_articles
        context.update(
            headlines=latest(self.headline_source, request, 5, with_image=True),
            news=latest(self.news_source, request, 8),
            notices=latest(self.notice_source, request, 8),
            disclosures=latest(self.disclosure_source, request, 8),
            interaction_entrances=self.children_of(self.interaction_source, request),
            topics=self.children_of(self.topics_source, request)[:6],
            services=latest(self.services_source, request, 8),
            quality=latest(self.quality_source, request, 6),
        )
        return context


class IntranetHomePage(HomePageBase):
    """局内网 front page, behind a login restriction."""

    is_intranet_home = True  # core.sites.is_intranet_site: the site rooted here is the intranet

    notice_source = _source("通知公告来源", "通常为“通知公告”栏目")
    news_source = _source("局内动态来源", "通常为“局内动态”栏目")
    units_source = _source("基层动态来源", "通常为“基层动态”栏目")
    resources_source = _source("资料中心来源", "通常为“资料中心”栏目")

    source_fields = ("notice_source", "news_source", "units_source", "resources_source")

    content_panels = Page.content_panels + [
        FieldPanel("welcome"),
        MultiFieldPanel(
            [
                PageChooserPanel("notice_source"),
                PageChooserPanel("news_source"),
                PageChooserPanel("units_source"),
                PageChooserPanel("resources_source"),
            ],
            heading="首页版块内容来源",
        ),
    ]

    class Meta:
        verbose_name = "局内网首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.load_sources()
        latest = self.latest_articles
        context.update(
            notices=latest(self.notice_source, request, 10),
            news=latest(self.news_source, request, 8),
            unit_news=latest(self.units_source, request, 8),
            resources=latest(self.resources_source, request, 8),
            desk=desk(request.user),  # the user's unread notifications and to-do counts
        )
        return context


class UtilityPage(Page):
    """网站地图, 联系我们, 网站声明, 隐私政策: linked from the footer, never counted as a column."""

    class Kind(models.TextChoices):
        SITEMAP = "sitemap", "网站地图"
        CONTACT = "contact", "联系我们"
        STATEMENT = "statement", "网站声明"
        PRIVACY = "privacy", "隐私政策"

    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    body = StreamField(BodyBlock(), verbose_name="内容", blank=True)

    parent_page_types = ["home.PublicHomePage", "home.IntranetHomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("body")]

    class Meta:
        verbose_name = "功能页面"
        verbose_name_plural = "功能页面"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Footer and government-site identification of one site."""

    sponsor = models.CharField("主办单位", max_length=100, default="上海市浦东新区环境保护和市容卫生管理局")
    organizer = models.CharField("承办单位", max_length=100, blank=True, default="浦东新区环境科技信息管理中心")
    domain = models.CharField("网站域名", max_length=100, blank=True, help_text="留空则使用站点主机名")
    address = models.CharField("联系地址", max_length=150, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    hotline = models.CharField("服务热线", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    site_id_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True)
    police_number = models.CharField("公安备案号", max_length=60, blank=True)
    police_link = models.URLField("公安备案链接", blank=True)
    gov_badge_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="党政机关网站标识", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    gov_badge_link = models.URLField("党政机关网站标识链接", blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("sponsor"), FieldPanel("organizer"), FieldPanel("domain")], heading="网站信息"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("hotline"), FieldPanel("email")],
            heading="联系方式",
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("police_link"),
                FieldPanel("gov_badge_image"),
                FieldPanel("gov_badge_link"),
            ],
            heading="标识与备案",
        ),
    ]

    class Meta:
        verbose_name = "网站标识与页脚"
