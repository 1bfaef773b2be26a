"""The two public page types: 网上论坛 (topics and replies) and 留言板 (messages with replies).

One abstract page holds what both share (routes, fields, template frame); each concrete page
names the app type it serves (`serves_app`, which build_columns swaps placeholders for) and
what a visitor's post is. Route handlers are in public_views.py."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from columns.blocks import BodyBlock
from columns.models import SubColumnBase

from .post import PostKind


class BoardPageBase(RoutablePageMixin, SubColumnBase):
    intro = StreamField(BodyBlock(), verbose_name="服务说明", blank=True)
    rules = models.TextField("发帖须知", blank=True, help_text="每行一条；留空时显示系统默认须知")
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    serves_app = None
    post_kind = None  # what the form on the index creates
    noun = "帖子"
    form_heading = "发表"
    submit_label = "提交"
    default_rules = (
        "请遵守国家法律法规，文明发言，不得发布违法、侮辱、诽谤、广告等内容。",
        "所有内容经工作人员审核后才会显示，审核一般在 2 个工作日内完成。",
        "您的联系电话和电子邮箱仅供工作人员联系您使用，不会在网站上公开；请勿在内容中填写个人信息。",
        "发现不当内容可点击“举报”，被多位读者举报的内容将暂时隐藏，等待工作人员复核。",
    )

    column_type_label = "互动交流"
    subpage_types = []
    max_count_per_parent = 1

    content_panels = SubColumnBase.content_panels + [
        FieldPanel("intro"),
        FieldPanel("rules"),
        MultiFieldPanel([FieldPanel("contact")], heading="联系方式"),
    ]

    class Meta:
        abstract = True

    @property
    def rule_lines(self):
        lines = [line.strip() for line in self.rules.splitlines() if line.strip()]
        return lines or list(self.default_rules)

    @path("", name="index")
    def index_view(self, request):
        from ..public_views import board_index  # views import the models: resolved at request time

        return board_index(self, request)

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        from ..public_views import submitted

        return submitted(self, request)

    @path("flag/<int:post_id>/", name="flag")
    def flag_view(self, request, post_id):
        from ..public_views import flag

        return flag(self, request, post_id)


class ForumPage(BoardPageBase):
    serves_app = "forum"
    post_kind = PostKind.TOPIC
    noun = "帖子"
    form_heading = "发表新主题"
    submit_label = "发表主题"

    class Meta:
        verbose_name = "网上论坛"
        verbose_name_plural = "网上论坛"

    def get_template(self, request, *args, **kwargs):
        return "board/forum_page.html"

    @path("topic/<int:topic_id>/", name="topic")
    def topic_view(self, request, topic_id):
        from ..public_views import topic

        return topic(self, request, topic_id)


class MessageBoardPage(BoardPageBase):
    serves_app = "board"
    post_kind = PostKind.MESSAGE
    noun = "留言"
    form_heading = "我要留言"
    submit_label = "提交留言"

    class Meta:
        verbose_name = "留言板"
        verbose_name_plural = "留言板"

    def get_template(self, request, *args, **kwargs):
        return "board/message_board_page.html"


BOARD_PAGE_MODELS = [ForumPage, MessageBoardPage]
