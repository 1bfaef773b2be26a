"""网上投票: the 网上投票 sub-column (PollIndexPage) holds polls (PollPage); a ballot is one
person's answers to one poll.

Questions and their options are a StreamField the editor composes; every question and option has
the stable id Wagtail gives a stream child or list item, and a ballot's choices store those ids.
Results are never kept as running totals: they are counted from the valid ballots each time
(rules.tally), so a voided ballot drops out of the results at once and no total can drift."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from core.visibility import visible
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

# Modules of this app that do not import the models package (or only its submodule ballots.py,
# loaded before this one): see models/__init__.py for the order.
from .. import choices, forms, rules

VOTER_COOKIE = "pdenv_voter"
VOTER_COOKIE_SALT = "polls.voter"
VOTER_COOKIE_AGE = 3 * 365 * 24 * 3600
VOTE_RATE_LIMIT = (20, 3600)  # ballots per client address per hour, across polls


def _browser_token(request):
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_AGE)


def _private(response):
    add_never_cache_headers(response)
    return response


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
        context = super().get_context(request, *args, **kwargs)
        polls = visible(PollPage.objects.child_of(self).live(), request).select_related("cover")
        items = paginate(request, polls.order_by("-opens_at", "-id"))
        now = timezone.now()
        for poll in items:
            poll.state = rules.poll_state(poll, now)
            poll.state_label = rules.STATE_LABELS[poll.state]
        context["items"] = items
        return context


class PollPage(RoutablePageMixin, Page):
    """One poll: its questions, when it is open, who may vote and when results show."""

    Access = choices.Access
    ResultsShown = choices.ResultsShown

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

    @classmethod
    def editable_by(cls, user):
        """The polls this member of staff may manage (edit the page): results, export, voiding."""
        if not (user and user.is_authenticated):
            return cls.objects.none()
        pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        return cls.objects.filter(pk__in=pages.values("pk"))

    def _voter_key(self, request, token):
        if self.access == self.Access.LOGIN:
            return rules.user_voter_key(request.user) if request.user.is_authenticated else None
        return rules.browser_voter_key(self, token) if token else None

    @path("")
    def poll_view(self, request):
        """GET: the poll, its form while open and not yet voted, results when they may be shown.
        POST: cast a ballot, then back to the page (results in view)."""
        now = timezone.now()
        state = rules.poll_state(self, now)
        token = _browser_token(request)
        voter_key = self._voter_key(request, token)
        voted = rules.has_voted(self, voter_key)
        needs_login = self.access == self.Access.LOGIN and not request.user.is_authenticated
        poll_questions = rules.questions(self)
        form = None
        refusal = None
        status = 200
        if state == rules.OPEN and not voted and not needs_login:
            form = forms.BallotForm(request.POST if request.method == "POST" else None, questions=poll_questions, request=request)
            if request.method == "POST" and form.is_valid():
                limit, window = VOTE_RATE_LIMIT
                if rate_limited(request, "poll-vote", limit=limit, window=window):
                    form.add_error(None, rate_limit_message())
                    status = 429
                else:
                    new_token = None
                    if self.access == self.Access.ANONYMOUS and token is None:
                        new_token = secrets.token_urlsafe(18)
                        voter_key = rules.browser_voter_key(self, new_token)
                    try:
                        rules.cast_ballot(
                            self,
                            voter_key=voter_key,
                            ip_hash=hash_ip(client_ip(request)),
                            answers=form.answers(),
                            user=request.user if request.user.is_authenticated else None,
                            now=now,
                        )
                    except ValidationError as error:
                        form.add_error(None, error.messages)
                    except rules.BallotRefused as error:
                        form.add_error(None, str(error))
                        status = 409
                    else:
                        messages.success(request, "投票成功，感谢您的参与！")
                        response = HttpResponseRedirect(self.get_url(request) + "#results")
                        if new_token:
                            response.set_signed_cookie(
                                VOTER_COOKIE, new_token, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_AGE,
                                httponly=True, samesite="Lax", secure=request.is_secure(),
                            )
                        return response
        elif request.method == "POST":
            refusal = (
                rules.NOT_OPEN_MESSAGE if state == rules.NOT_STARTED
                else rules.CLOSED_MESSAGE if state == rules.CLOSED
                else rules.LOGIN_REQUIRED_MESSAGE if needs_login
                else rules.ALREADY_VOTED_MESSAGE
            )
            status = 409
        show_results = rules.results_visible(self, voted=voted, now=now)
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "state": state,
                "state_label": rules.STATE_LABELS[state],
                "voted": voted,
                "needs_login": needs_login,
                "refusal": refusal,
                "questions": poll_questions,
                "tally": rules.tally(self) if show_results else None,
                "results_note": self._results_note(state, voted),
            },
        )
        response.status_code = status
        return _private(response)

    def _results_note(self, state, voted):
        if self.results_shown == self.ResultsShown.STAFF:
            return "本次投票的结果由工作人员统计，不在网上公布。"
        if self.results_shown == self.ResultsShown.AFTER_CLOSE and state != rules.CLOSED:
            return "投票结果将在投票结束后公布。"
        if not voted and state != rules.CLOSED:
            return "投票后即可查看当前结果。"
        return ""
