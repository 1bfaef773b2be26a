"""在线访谈: the sub-column page listing interviews (upcoming, live, archive), one page per
interview, and the public's questions with the guest's answers.

An interview's phase follows from its times (phase()); questions are accepted until it ends and
appear only when staff publish them with an answer (rules in questions.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.models import SubColumnBase

UPCOMING = "upcoming"
LIVE = "live"
ARCHIVE = "archive"
PHASE_LABELS = {UPCOMING: "预告", LIVE: "正在直播", ARCHIVE: "往期回顾"}
INTRO_FEATURES = ["bold", "ol", "ul", "link"]


def phase_at(starts_at, ends_at, now):
    if now < starts_at:
        return UPCOMING
    if now < ends_at:
        return LIVE
    return ARCHIVE


class InterviewIndexPage(RoutablePageMixin, SubColumnBase):
    """The 在线访谈 sub-column: what is on now, what is announced, and the archive."""

    intro = StreamField(BodyBlock(), verbose_name="服务说明", blank=True)
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    serves_app = "interview"
    column_type_label = "互动交流"
    subpage_types = ["interviews.InterviewPage"]
    max_count_per_parent = 1

    content_panels = SubColumnBase.content_panels + [FieldPanel("intro"), MultiFieldPanel([FieldPanel("contact")], heading="联系方式")]

    class Meta:
        verbose_name = "在线访谈栏目"
        verbose_name_plural = "在线访谈栏目"

    def get_template(self, request, *args, **kwargs):
        return "interviews/index_page.html"

    @path("", name="index")
    def index_view(self, request):
        from .public_views import interview_index  # views import the models: resolved at request time

        return interview_index(self, request)


class InterviewPage(RoutablePageMixin, Page):
    guest = models.CharField("访谈嘉宾", max_length=100)
    guest_title = models.CharField("嘉宾职务", max_length=100, blank=True)
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    intro = RichTextField("访谈简介", features=INTRO_FEATURES, blank=True)
    summary = RichTextField("访谈综述", features=INTRO_FEATURES, blank=True, help_text="访谈结束后填写，显示在往期回顾中")

    parent_page_types = ["interviews.InterviewIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("guest"), FieldPanel("guest_title")], heading="嘉宾"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="访谈时间"),
        FieldPanel("intro"),
        FieldPanel("summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("guest"), index.SearchField("intro"), index.SearchField("summary"),
    ]

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间应晚于开始时间。"})

    def phase(self, now=None):
        return phase_at(self.starts_at, self.ends_at, now or timezone.now())

    @property
    def phase_label(self):
        return PHASE_LABELS[self.phase()]

    @property
    def accepts_questions(self):
        return self.phase() != ARCHIVE

    def get_template(self, request, *args, **kwargs):
        return "interviews/interview_page.html"

    @path("", name="index")
    def index_view(self, request):
        from .public_views import interview_detail

        return interview_detail(self, request)

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        from .public_views import submitted

        return submitted(self, request)


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    REJECTED = "rejected", "不予采用"


class Question(models.Model):
    interview = models.ForeignKey(InterviewPage, verbose_name="访谈", on_delete=models.CASCADE, related_name="questions")
    nickname = models.CharField("昵称", max_length=30)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    ip_hash = models.CharField("来源地址摘要", max_length=64, blank=True, editable=False)
    body = models.TextField("问题")
    status = models.CharField("状态", max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING)
    held_words = models.CharField("命中的敏感词", max_length=255, blank=True, editable=False)
    answer = models.TextField("嘉宾答复", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField("提问时间", auto_now_add=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "访谈提问"
        verbose_name_plural = "访谈提问"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["interview", "status", "published_at"], name="interview_q_public_idx"),
            models.Index(fields=["status", "-created_at"], name="interview_q_queue_idx"),
        ]

    def __str__(self):
        text = self.body.strip().replace("\n", " ")
        return text[:30] + ("…" if len(text) > 30 else "")

    @property
    def held_word_list(self):
        return [w for w in self.held_words.split("、") if w]
