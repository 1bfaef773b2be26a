"""The sections an editor composes a special from. Blocks that list pages fetch them when the
special is rendered (one query per section, never one per row) and show only what the visitor
may see (core.visibility)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Site

from columns.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock
from columns.models import ArticlePage
from core.visibility import visible
from interaction.polls import rules as poll_rules

ARTICLE_FIELDS = ("id", "title", "pub_date", "url_path", "path", "depth", "validity")


def _live_articles(request):
    """Live articles of the request's site (a public special never lists intranet articles,
    even to staff) that the visitor may see."""
    qs = ArticlePage.objects.live()
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        qs = qs.descendant_of(site.root_page)
    return visible(qs, request).order_by("-pub_date", "-id").only(*ARTICLE_FIELDS)


def articles_tagged(tag, request=None, count=8):
    """Live articles carrying `tag`, newest first: how an article belongs to any number of specials."""
    return list(_live_articles(request).filter(tags__name=tag).distinct()[:count])


def articles_in(sub_column, request=None, count=8):
    if sub_column is None:
        return []
    return list(_live_articles(request).child_of(sub_column)[:count])


class TagArticlesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=60)
    tag = blocks.CharBlock(label="标签", max_length=100, help_text="列出带有此标签的信息（信息的“标签”字段）")
    count = blocks.IntegerBlock(label="条数", default=8, min_value=1, max_value=30)

    class Meta:
        icon = "tag"
        label = "按标签列出信息"
        template = "specials/blocks/article_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["articles"] = articles_tagged(value["tag"], (parent_context or {}).get("request"), value["count"])
        return context


class ColumnArticlesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=60)
    sub_column = blocks.PageChooserBlock(label="子栏目", page_type="columns.SubColumnPage")
    count = blocks.IntegerBlock(label="条数", default=8, min_value=1, max_value=30)

    class Meta:
        icon = "list-ul"
        label = "子栏目最新信息"
        template = "specials/blocks/article_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["articles"] = articles_in(value["sub_column"], (parent_context or {}).get("request"), value["count"])
        context["more"] = value["sub_column"]
        return context


class FeaturedArticlesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=60, default="重点推荐")
    articles = blocks.ListBlock(blocks.PageChooserBlock(page_type="columns.ArticlePage"), label="信息", min_num=1)

    class Meta:
        icon = "pick"
        label = "推荐信息"
        template = "specials/blocks/featured.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        ids = [page.pk for page in value["articles"] if page is not None]
        shown = {a.pk: a for a in _live_articles((parent_context or {}).get("request")).filter(pk__in=ids)}
        context["articles"] = [shown[i] for i in ids if i in shown]
        return context


class PollBlock(blocks.StructBlock):
    poll = blocks.PageChooserBlock(label="投票", page_type="polls.PollPage")

    class Meta:
        icon = "tasks"
        label = "网上投票"
        template = "specials/blocks/poll.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        poll = value["poll"]
        request = (parent_context or {}).get("request")
        if poll is None or not poll.live or not visible(type(poll).objects.filter(pk=poll.pk), request).exists():
            context["poll"] = None
            return context
        poll = poll.specific
        state = poll_rules.poll_state(poll)
        context.update(
            poll=poll,
            state=state,
            state_label=poll_rules.STATE_LABELS[state],
            questions=poll_rules.questions(poll),
            # Results a visitor who has not voted may see: only once closed, when they are public.
            tally=poll_rules.tally(poll) if poll_rules.results_visible(poll, voted=False) else None,
        )
        return context


class LinkCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="页面", help_text="任一站内页面，如网上征集、志愿者活动、在线访谈")
    title = blocks.CharBlock(label="显示标题", max_length=80, required=False, help_text="留空时用页面标题")
    text = blocks.TextBlock(label="说明", max_length=300, required=False)
    image = ImageChooserBlock(label="图片", required=False)

    class Meta:
        icon = "link"
        label = "页面链接卡片"
        template = "specials/blocks/link_card.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value["page"]
        request = (parent_context or {}).get("request")
        visible_page = (
            page is not None and page.live and visible(type(page).objects.filter(pk=page.pk), request).exists()
        )
        context["target"] = page if visible_page else None
        return context


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", max_length=100)
    video = DocumentChooserBlock(label="视频文件", required=False, help_text="文档库中的视频文件（MP4）")
    url = blocks.URLBlock(label="或视频地址", required=False, help_text="存放在视频服务器上的文件地址")
    poster = ImageChooserBlock(label="封面", required=False)
    duration = blocks.CharBlock(label="时长", max_length=20, required=False, help_text="如 5分30秒")
    text = blocks.TextBlock(label="简介", max_length=300, required=False)

    class Meta:
        icon = "media"
        label = "视频"
        template = "specials/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value.get("url"):
            raise blocks.StructBlockValidationError({"video": ValidationError("请选择视频文件或填写视频地址。")})
        return value


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=60, default="图片集锦")
    images = blocks.ListBlock(CaptionedImageBlock(), label="图片", min_num=1)

    class Meta:
        icon = "image"
        label = "图片集锦"
        template = "specials/blocks/gallery.html"


class SectionBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    tag_articles = TagArticlesBlock()
    column_articles = ColumnArticlesBlock()
    featured = FeaturedArticlesBlock()
    poll = PollBlock()
    link_card = LinkCardBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
