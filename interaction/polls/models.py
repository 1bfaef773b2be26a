"""网上投票: the 网上投票 sub-column (PollIndexPage) holds polls (PollPage); a ballot is one
person's answers to one poll.

Questions and their options are a StreamField the editor composes; every question and option has
the stable id Wagtail gives a stream child or list item, and a ballot's choices store those ids.
Results are never kept as running totals: they are counted from the valid ballots each time
(rules.tally), so a voided ballot drops out of the results at once and no total can drift."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.models import SubColumnBase


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="选项", max_length=200)
    image = ImageChooserBlock(label="图片", required=False)

    class Meta:
        icon = "radio-empty"
        label = "选项"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="问题", max_length=300)
    multiple = blocks.BooleanBlock(label="多选", required=False, help_text="勾选后可选多项")
    min_choices = blocks.IntegerBlock(label="最少选几项（多选）", min_value=1, default=1, required=False)
    max_choices = blocks.IntegerBlock(label="最多选几项（多选）", min_value=1, required=False, help_text="留空为不限")
    options = blocks.ListBlock(OptionBlock(), label="选项", min_num=2)

    class Meta:
        icon = "list-ul"
        label = "问题"

    def clean(self, value):
        value = super().clean(value)
        if value.get("multiple"):
            low, high = value.get("min_choices") or 1, value.get("max_choices")
            count = len(value.get("options") or [])
            if high and high < low:
                raise blocks.StructBlockValidationError({"max_choices": ValidationError("最多选择数不能小于最少选择数。")})
            if low > count:
                raise blocks.StructBlockValidationError({"min_choices": ValidationError("最少选择数不能超过选项数。")})
        return value


class PollIndexPage(SubColumnBase):
    """The 网上投票 sub-column: its polls, newest first."""

    serves_app = "poll"
    column_type_label = "互动交流"

    intro = StreamField(BodyBlock(), verbose_name="栏目说明", blank=True)
    contact = models.TextField("联系方式", blank=True)

    subpage_types = ["polls.PollPage"]
    max_count_per_parent = 1

    content_panels = SubColumnBase.content_panels + [FieldPanel("intro"), FieldPanel("contact")]

    class Meta:
        verbose_name = "网上投票栏目"
        verbose_name_plural = "网上投票栏目"

    def get_context(self, request, *args, **kwargs):
        from .views import index_context  # the page module cannot import the views at load time

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class PollPage(RoutablePageMixin, Page):
    """One poll: its questions, when it is open, who may vote and when results show."""

    class Access(models.TextChoices):
        ANONYMOUS = "anonymous", "公开投票（每个浏览器一票，并限制同一网络地址的票数）"
        LOGIN = "login", "登录后投票（每个账号一票）"

    class ResultsShown(models.TextChoices):
        AFTER_VOTE = "after_vote", "投票后可见"
        AFTER_CLOSE = "after_close", "投票结束后公布"
        STAFF = "staff", "仅工作人员可见"

    intro = RichTextField("投票说明", features=["bold", "ol", "ul", "link"], blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opens_at = models.DateTimeField("开始时间", default=timezone.now)
    closes_at = models.DateTimeField("截止时间")
    access = models.CharField("投票方式", max_length=12, choices=Access.choices, default=Access.ANONYMOUS)
    per_ip_limit = models.PositiveIntegerField(
        "同一网络地址最多票数",
        default=20,
        help_text="公开投票时，同一网络地址（如一个单位的出口地址）最多可投的票数；0 为不限。",
    )
    results_shown = models.CharField(
        "结果公布", max_length=12, choices=ResultsShown.choices, default=ResultsShown.AFTER_VOTE
    )
    questions = StreamField(
        [("question", QuestionBlock())],
        verbose_name="问题",
        min_num=1,
        help_text="投票开始后改正选项文字不影响已投的票；删除的选项及其票数不再显示，请勿在投票期间删除选项。",
    )

    parent_page_types = ["polls.PollIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("access"),
                FieldPanel("per_ip_limit"),
                FieldPanel("results_shown"),
            ],
            heading="投票规则",
        ),
        FieldPanel("questions"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "网上投票"
        verbose_name_plural = "网上投票"
        indexes = [models.Index(fields=["closes_at"], name="polls_poll_closes_idx")]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "截止时间必须晚于开始时间。"})

    @path("")
    def poll_view(self, request):
        from .views import poll_page  # the page module cannot import the views at load time

        return poll_page(self, request)


class Ballot(models.Model):
    """One person's ballot in one poll. `voter_key` names the person (the account, or a hash of
    the browser's signed cookie) and is unique per poll: the database refuses a second ballot."""

    poll = models.ForeignKey(PollPage, on_delete=models.CASCADE, related_name="ballots", verbose_name="投票")
    voter_key = models.CharField("投票人标识", max_length=80)
    ip_hash = models.CharField("网络地址摘要", max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="账号"
    )
    cast_at = models.DateTimeField("投票时间", default=timezone.now)
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="作废人"
    )
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "选票"
        verbose_name_plural = "选票"
        constraints = [models.UniqueConstraint(fields=["poll", "voter_key"], name="polls_one_ballot_per_voter")]
        indexes = [models.Index(fields=["poll", "cast_at"], name="polls_ballot_poll_cast_idx")]

    def __str__(self):
        return f"选票 {self.pk}"

    @property
    def is_void(self):
        return self.voided_at is not None


class BallotChoice(models.Model):
    """One chosen option of one question on a ballot (the ids of the poll's stream items)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    poll = models.ForeignKey(PollPage, on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=36)
    option_key = models.CharField(max_length=36)

    class Meta:
        indexes = [models.Index(fields=["poll", "question_key", "option_key"], name="polls_choice_tally_idx")]


class AddressCount(models.Model):
    """Ballots cast from one hashed network address in one poll, for the editor's per-address cap.
    Incremented with core.counters.bump inside the ballot's transaction, so parallel ballots
    from one address cannot slip past the cap."""

    poll = models.ForeignKey(PollPage, on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "ip_hash"], name="polls_one_count_per_address")]
