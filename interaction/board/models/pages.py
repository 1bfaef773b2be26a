"""The two public page types: 网上论坛 (topics and replies) and 留言板 (messages with replies).

One abstract page holds what both share (routes, fields, template frame); each concrete page
names the app type it serves (`serves_app`, which build_columns swaps placeholders for) and
what a visitor's post is. The page serves its own routes, as a Wagtail routable page: thin, the
rules are moderation.py's and the lists are the plain queryset functions below."""

from django.contrib import messages
from django.db import models
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

# Modules of this app that do not import the models package (or only its submodule post.py,
# loaded before this one): see models/__init__.py for the order.
from .. import moderation
from ..forms import PostForm
from .post import Post, PostKind, PostStatus

FLAG_RATE_LIMIT = (30, 3600)  # flags per client address per hour
SUBMITTED_SESSION_KEY = "board.submitted.{page_id}"
PUBLIC_FIELDS = ("id", "page_id", "kind", "topic_id", "title", "body", "nickname", "status", "reply", "replied_at", "published_at")

# Lists ----------------------------------------------------------------------------------------


def published_topics(page):
    """Published topics of a forum, newest activity first, with their published reply counts."""
    published_replies = Q(replies__status=PostStatus.PUBLISHED)
    return (
        Post.objects.published().on_page(page).filter(kind=PostKind.TOPIC)
        .only(*PUBLIC_FIELDS)
        .annotate(
            reply_count=Count("replies", filter=published_replies),
            last_reply_at=Max("replies__published_at", filter=published_replies),
        )
        .order_by("-published_at", "-id")
    )


def published_replies(topic):
    return Post.objects.published().filter(topic=topic).only(*PUBLIC_FIELDS).order_by("published_at", "id")


def published_messages(page):
    return Post.objects.published().on_page(page).filter(kind=PostKind.MESSAGE).only(*PUBLIC_FIELDS).order_by("-published_at", "-id")


def _private(response):
    """Pages with a form carry a per-visitor captcha: never cached."""
    add_never_cache_headers(response)
    return response


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

    def route_url(self, request, name, *args):
        return self.get_url(request) + self.reverse_subpage(name, args=args).lstrip("/")

    def _submit(self, request, form, kind, topic=None):
        """Rate limit, then save the post pending review; returns a redirect, or the status code
        to answer with after setting the form's error."""
        if rate_limited(request, f"board-{self.serves_app}"):
            form.add_error(None, rate_limit_message())
            return 429
        try:
            moderation.submit(self, kind, topic=topic, ip_hash=hash_ip(client_ip(request)), **form.post_fields())
        except moderation.TransitionError as error:
            form.add_error(None, str(error))
            return 400
        request.session[SUBMITTED_SESSION_KEY.format(page_id=self.pk)] = str(PostKind(kind).label)
        return HttpResponseRedirect(self.route_url(request, "submitted") + "#main")

    # Routes ---------------------------------------------------------------------------------

    @path("", name="index")
    def index_view(self, request):
        """GET: the list and the form. POST: a new topic (forum) or message (board)."""
        form = PostForm(request.POST or None, request=request, body_label="留言内容" if self.post_kind == PostKind.MESSAGE else "内容")
        status = 200
        if request.method == "POST":
            status = self._submit(request, form, self.post_kind) if form.is_valid() else 200
            if not isinstance(status, int):
                return status
        items = published_topics(self) if self.post_kind == PostKind.TOPIC else published_messages(self)
        response = self.render(request, context_overrides={"form": form, "items": paginate(request, items)})
        response.status_code = status
        return _private(response)

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        what = request.session.pop(SUBMITTED_SESSION_KEY.format(page_id=self.pk), None)
        response = self.render(request, template="board/submitted.html", context_overrides={"what": what, "trail_title": "提交成功"})
        return _private(response)

    @path("flag/<int:post_id>/", name="flag")
    def flag_view(self, request, post_id):
        """POST: a reader flags a published post of this page; back to where they were."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        post = Post.objects.on_page(self).filter(pk=post_id).only("id", "status", "topic_id", "kind", "page_id").first()
        if post is None:
            raise Http404
        limit, window = FLAG_RATE_LIMIT
        if rate_limited(request, "board-flag", limit=limit, window=window):
            messages.error(request, rate_limit_message())
        else:
            outcome = moderation.flag(post, hash_ip(client_ip(request)))
            messages.info(request, {
                "counted": "感谢您的举报，工作人员将尽快核实。",
                "already": "您已举报过这条内容，工作人员将尽快核实。",
                "closed": "这条内容已在审核中，感谢您的关注。",
            }[outcome])
        if post.kind == PostKind.REPLY and post.topic_id:
            target = self.route_url(request, "topic", post.topic_id)
        elif post.kind == PostKind.TOPIC and post.status == PostStatus.PUBLISHED:
            target = self.route_url(request, "topic", post.pk)
        else:
            target = self.get_url(request)
        return HttpResponseRedirect(target + f"#post-{post.pk}")


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
        """A published topic with its published replies; POST: a reply, pending review."""
        post = get_object_or_404(
            Post.objects.published().on_page(self).filter(kind=PostKind.TOPIC).only(*PUBLIC_FIELDS), pk=topic_id
        )
        form = PostForm(request.POST or None, request=request, with_title=False, body_label="跟帖内容")
        status = 200
        if request.method == "POST":
            status = self._submit(request, form, PostKind.REPLY, topic=post) if form.is_valid() else 200
            if not isinstance(status, int):
                return status
        response = self.render(
            request,
            template="board/topic.html",
            context_overrides={"topic": post, "form": form, "items": paginate(request, published_replies(post)), "trail_title": post.title},
        )
        response.status_code = status
        return _private(response)


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
