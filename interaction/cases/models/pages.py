"""The public page of each channel: 局长信箱, 网上投诉, 网上咨询 and 依申请公开.

One abstract page holds everything the four share (routes, fields, templates); each concrete
page names the channel it serves (`serves_app`, which build_columns matches against a
sub-column's app type), its form and its wording. The route handlers are in public_views.py."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from columns.blocks import BodyBlock
from columns.models import SubColumnBase

from .. import forms
from ..choices import Channel

NOTICE_FEATURES = ["bold", "ol", "ul", "link"]


class CaseChannelPage(RoutablePageMixin, SubColumnBase):
    """A sub-column through which the public submits, follows and reads cases of one channel."""

    intro = StreamField(BodyBlock(), verbose_name="服务说明", blank=True)
    notice = RichTextField("填写须知", features=NOTICE_FEATURES, blank=True, help_text="留空时显示系统默认须知")
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    # Set by each concrete page.
    serves_app = None  # the Channel value (= the sub-column app type) this page serves
    form_class = None
    form_heading = "在线提交"
    tab_label = None  # the first service tab; defaults to form_heading
    submit_label = "提交"
    archive_label = "选登"
    noun = "来信"  # what the visitor sends, in running text: 您的来信 / 您的投诉 ...
    default_notice = ()  # paragraphs shown when the editor leaves 填写须知 empty

    column_type_label = "互动交流"
    subpage_types = []
    max_count_per_parent = 1
    # Wagtail gives every page class a template named after it; all four share one.
    channel_template = "cases/channel_page.html"

    content_panels = SubColumnBase.content_panels + [
        FieldPanel("intro"),
        FieldPanel("notice"),
        MultiFieldPanel([FieldPanel("contact")], heading="联系方式"),
    ]

    class Meta:
        abstract = True

    @property
    def channel(self):
        return Channel(self.serves_app)

    @property
    def time_limit(self):
        from ..deadlines import time_limit

        return time_limit(self.serves_app)

    @property
    def service_tab_label(self):
        return self.tab_label or self.form_heading

    def get_template(self, request, *args, **kwargs):
        return self.channel_template

    @path("", name="index")
    def index_view(self, request):
        from ..public_views import channel_index

        return channel_index(self, request)

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        from ..public_views import submitted

        return submitted(self, request)

    @path("lookup/", name="lookup")
    def lookup_view(self, request):
        from ..public_views import lookup

        return lookup(self, request)

    @path("archive/", name="archive")
    def archive_view(self, request):
        from ..public_views import archive

        return archive(self, request)

    @path("archive/<str:reference>/", name="archive_detail")
    def archive_detail_view(self, request, reference):
        from ..public_views import archive_detail

        return archive_detail(self, request, reference)

    @path("stats/", name="stats")
    def stats_view(self, request):
        from ..public_views import stats

        return stats(self, request)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            base = urls[0]["location"]
            archive = base + self.reverse_subpage("archive").lstrip("/")
            urls.append({"location": archive, "lastmod": urls[0].get("lastmod")})
        return urls


class MailboxPage(CaseChannelPage):
    serves_app = Channel.MAILBOX.value
    form_class = forms.MailboxForm
    form_heading = "我要写信"
    submit_label = "提交信件"
    archive_label = "信件选登"
    noun = "来信"
    default_notice = (
        "局长信箱受理公民、法人和其他组织对本局工作的意见、建议和反映的问题。",
        "请如实填写姓名和联系电话，以便工作人员与您联系；您的个人信息受到保护，不会公开。",
        "涉及投诉举报的事项请通过“网上投诉”提交；依法应通过诉讼、仲裁、行政复议等途径解决的事项，请依法定途径办理。",
        "请勿提交涉及国家秘密、商业秘密和他人隐私的内容。",
    )

    class Meta:
        verbose_name = "局长信箱"
        verbose_name_plural = "局长信箱"


class ComplaintPage(CaseChannelPage):
    serves_app = Channel.COMPLAINT.value
    form_class = forms.ComplaintForm
    form_heading = "我要投诉"
    submit_label = "提交投诉"
    archive_label = "投诉选登"
    noun = "投诉"
    default_notice = (
        "本栏目受理大气、水、噪声、固废等环境污染以及市容、环卫、绿化方面的投诉。",
        "请写明发生地点和具体情况，可附现场照片（最多 3 张），便于工作人员核查。",
        "正在发生的紧急环境污染事件，请直接拨打环保举报热线 12369。",
        "您的姓名、电话等个人信息受到保护，不会公开。",
    )

    class Meta:
        verbose_name = "网上投诉"
        verbose_name_plural = "网上投诉"


class ConsultationPage(CaseChannelPage):
    serves_app = Channel.CONSULTATION.value
    form_class = forms.ConsultationForm
    form_heading = "我要咨询"
    submit_label = "提交咨询"
    archive_label = "咨询选登"
    noun = "咨询"
    default_notice = (
        "本栏目解答公众关于环境保护、市容环卫政策和办事事项的咨询。",
        "提交前可先查看“咨询选登”，常见问题可能已有答复。",
        "您的姓名、电话等个人信息受到保护，不会公开。",
    )

    class Meta:
        verbose_name = "网上咨询"
        verbose_name_plural = "网上咨询"


class DisclosureRequestPage(CaseChannelPage):
    serves_app = Channel.DISCLOSURE.value
    form_class = forms.DisclosureRequestForm
    form_heading = "提交政府信息公开申请"
    tab_label = "我要申请"
    submit_label = "提交申请"
    archive_label = "申请答复选登"
    noun = "申请"
    default_notice = (
        "根据《中华人民共和国政府信息公开条例》，公民、法人或者其他组织可以向本局申请获取相关政府信息。",
        "请准确描述所需政府信息的名称、文号或便于查询的其他特征，并上传身份证明材料。",
        "申请内容不明确的，本局将在收到申请之日起 7 个工作日内一次性告知补正，答复期限自收到补正之日起重新计算。",
        "本局收到申请后 20 个工作日内予以答复；需要延长答复期限的，经批准可延长不超过 20 个工作日，并告知申请人。",
        "征求第三方意见所需时间不计入答复期限。",
    )

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"


CHANNEL_PAGE_MODELS = [MailboxPage, ComplaintPage, ConsultationPage, DisclosureRequestPage]
