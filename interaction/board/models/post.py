"""Posts of the forum (topics and replies) and of the message board (messages with the bureau's
reply), the readers' flags and the staff-managed sensitive words.

A post is created pending and appears only once staff approve it; the rules (submit, approve,
reject, hide, restore, reply, flag) are the functions in moderation.py."""

from django.db import models
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class PostKind(models.TextChoices):
    TOPIC = "topic", "主题帖"
    REPLY = "reply", "跟帖"
    MESSAGE = "message", "留言"


class PostStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    HIDDEN = "hidden", "已隐藏"
    REJECTED = "rejected", "不予发布"


class PostQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(status=PostStatus.PUBLISHED)

    def on_page(self, page):
        return self.filter(page_id=page.pk)


class Post(index.Indexed, models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="所在栏目", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("类型", max_length=10, choices=PostKind.choices)
    topic = models.ForeignKey(
        "self", verbose_name="所属主题", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    title = models.CharField("标题", max_length=80, blank=True)
    body = models.TextField("内容")
    nickname = models.CharField("昵称", max_length=30)
    # Contact data: for staff only, never shown on the site, masked in staff listings.
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    ip_hash = models.CharField("来源地址摘要", max_length=64, blank=True, editable=False)

    status = models.CharField("状态", max_length=10, choices=PostStatus.choices, default=PostStatus.PENDING)
    held_words = models.CharField("命中的敏感词", max_length=255, blank=True, editable=False)
    flag_count = models.PositiveIntegerField("举报数", default=0, editable=False)
    auto_hidden = models.BooleanField("因举报自动隐藏", default=False, editable=False)

    reply = models.TextField("本局答复", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)

    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    moderated_at = models.DateTimeField("最近审核时间", null=True, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    # Nothing links to a post; recording its page in the reference index would only slow submits.
    wagtail_reference_index_ignore = True

    # Only published posts are ever searched (search.py); nothing personal is indexed.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.SearchField("reply"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        """A pending post is not indexed at all: its text waits for review, and indexing it would
        sit in the submission's transaction."""
        return super().get_indexed_objects().filter(published_at__isnull=False)

    def get_indexed_instance(self):
        # Once published, always indexed (a hidden post keeps its entry with its status, which
        # the search source filters on).
        return self if self.published_at else None

    class Meta:
        verbose_name = "帖子与留言"
        verbose_name_plural = "帖子与留言"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["page", "kind", "status", "-published_at"], name="board_post_list_idx"),
            models.Index(fields=["topic", "status", "published_at"], name="board_post_topic_idx"),
            models.Index(fields=["status", "-created_at"], name="board_post_queue_idx"),
        ]

    def __str__(self):
        if self.title:
            return self.title
        text = self.body.strip().replace("\n", " ")
        return text[:30] + ("…" if len(text) > 30 else "")

    @property
    def is_published(self):
        return self.status == PostStatus.PUBLISHED

    @property
    def held_word_list(self):
        return [w for w in self.held_words.split("、") if w]


class PostFlag(models.Model):
    """One reader's flag on one post: `visitor` is a keyed hash of the reader's address."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    visitor = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "举报"
        verbose_name_plural = "举报"
        constraints = [models.UniqueConstraint(fields=["post", "visitor"], name="board_one_flag_per_visitor")]


class SensitiveWord(models.Model):
    """A word that holds a post for review and is named to the moderator (never to the poster)."""

    word = models.CharField("敏感词", max_length=50, unique=True, help_text="不区分大小写、全角半角")
    note = models.CharField("备注", max_length=100, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word
