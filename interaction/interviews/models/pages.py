"""在线访谈: the sub-column page listing interviews (upcoming, live, archive), one page per
interview, and the public's questions with the guest's answers.

An interview's phase follows from its times (phase()); questions are accepted until it ends and
appear only when staff publish them with an answer (rules in questions.py; the Question model is
in question.py). The pages serve their own routes, as Wagtail routable pages: thin, the rules are
questions.py's."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from interaction.board.forms import PostForm
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

# Modules of this app that do not import the models package (or only its submodule question.py,
# loaded before this one): see models/__init__.py for the order.
from .. import questions
from .question import Question, QuestionStatus

UPCOMING = "upcoming"
LIVE = "live"
ARCHIVE = "archive"
PHASE_LABELS = {UPCOMING: "预告", LIVE: "正在直播", ARCHIVE: "往期回顾"}
INTRO_FEATURES = ["bold", "ol", "ul", "link"]
SUBMITTED_SESSION_KEY = "interviews.asked.{page_id}"
LIST_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "guest", "guest_title", "starts_at", "ends_at")


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

    def interviews(self):
        return InterviewPage.objects.child_of(self).live().public().only(*LIST_FIELDS)

    def split_by_phase(self, now=None):
        """(live, upcoming, archive querysets) of this index page's interviews at `now`."""
        now = now or timezone.now()
        pages = self.interviews()
        live = pages.filter(starts_at__lte=now, ends_at__gt=now).order_by("starts_at")
        upcoming = pages.filter(starts_at__gt=now).order_by("starts_at")
        archive = pages.filter(ends_at__lte=now).order_by("-starts_at")
        return live, upcoming, archive

    @path("", name="index")
    def index_view(self, request):
        live, upcoming, archive = self.split_by_phase()
        return self.render(
            request, context_overrides={"live": live, "upcoming": upcoming, "items": paginate(request, archive)}
        )


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

    def published_questions(self):
        return (
            Question.objects.filter(interview=self, status=QuestionStatus.PUBLISHED)
            .only("id", "nickname", "body", "answer", "published_at", "answered_at")
            .order_by("published_at", "id")
        )

    @path("", name="index")
    def index_view(self, request):
        """GET: the interview, its published questions and answers and, until it ends, the
        question form. POST: ask a question (held for moderation)."""
        form = PostForm(request.POST or None, request=request, with_title=False, body_label="您的问题") if self.accepts_questions else None
        status = 200
        if request.method == "POST" and form is not None and form.is_valid():
            if rate_limited(request, "interview-question"):
                form.add_error(None, rate_limit_message())
                status = 429
            else:
                try:
                    questions.ask(self, ip_hash=hash_ip(client_ip(request)), **form.post_fields())
                except questions.QuestionError as error:
                    form.add_error(None, str(error))
                else:
                    request.session[SUBMITTED_SESSION_KEY.format(page_id=self.pk)] = True
                    return HttpResponseRedirect(self.get_url(request) + self.reverse_subpage("submitted").lstrip("/") + "#main")
        response = self.render(request, context_overrides={"form": form, "items": paginate(request, self.published_questions(), per_page=50)})
        response.status_code = status
        add_never_cache_headers(response)
        return response

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        asked = request.session.pop(SUBMITTED_SESSION_KEY.format(page_id=self.pk), False)
        response = self.render(request, template="interviews/submitted.html", context_overrides={"asked": asked, "trail_title": "提问成功"})
        add_never_cache_headers(response)
        return response
