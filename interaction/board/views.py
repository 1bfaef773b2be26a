"""The moderation queue in the admin: listing (contact data masked), the review page of one item
and its moves. The review machinery is generic (ModeratedInspectView and the two POST views) so
the board's posts and the interviews' questions share it; each names its transitions, its
`perform` and `save_answer` rules and what it shows.

Moderating needs change permission on the model; every view checks it on the request, so a
typed URL is refused like a hidden link."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import ModelLogEntry
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views

from interaction.cases import masking
from interaction.cases.privacy import scan_public_texts

from . import moderation
from .forms import AnswerForm, ModerationForm
from .models import Post, PostKind, PostStatus


class PublicOnlyPolicy(ModelPermissionPolicy):
    """Items that come only from the public forms: nobody adds one in the admin, not even superusers."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


POST_POLICY = PublicOnlyPolicy(Post)


def masked_contact(item):
    parts = [masking.mask_phone(item.phone), masking.mask_email(item.email)]
    return " ".join(p for p in parts if p) or "—"


def held_words(item):
    return "、".join(item.held_word_list) or "—"


def inspect_url(item):
    return reverse(type(item).snippet_viewset.get_url_name("inspect"), args=[quote(item.pk)])


class ModeratedIndexView(snippet_views.IndexView):
    """The queue: the title opens the review page (there is no edit form)."""

    related = ()

    def get_edit_url(self, instance):
        return None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)


class ModeratedInspectView(snippet_views.InspectView):
    """The review page: text, held words (named to staff only), masked contact, moves, history."""

    template_name = "board/admin/inspect.html"
    page_title = "审核"
    related = ()
    transitions = {}
    error_class = ValueError
    answer_label = None  # e.g. "本局答复"; None when the item takes no answer

    @staticmethod
    def perform(name, item, user, reason=""):
        raise NotImplementedError

    @staticmethod
    def save_answer(item, user, text):
        raise NotImplementedError

    def get_object(self, queryset=None):
        return get_object_or_404(self.model.objects.select_related(*self.related), pk=self.pk)

    def get_fields(self):
        return []

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def header_buttons(self):
        index = reverse(self.model.snippet_viewset.get_url_name("list"))
        return [HeaderButton("返回审核队列", url=index, icon_name="arrow-left")]

    def summary_rows(self):
        """(label, value) pairs above the text."""
        return []

    def content_rows(self):
        """(label, text) pairs: what was written, as typed."""
        return []

    def answer_value(self):
        return ""

    def may_answer(self):
        return self.answer_label is not None

    def may_moderate(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_context_data(self, **kwargs):
        item = self.object
        context = super().get_context_data(**kwargs)
        viewset = self.model.snippet_viewset
        moves = []
        if self.may_moderate():
            for name, (sources, _target, label) in self.transitions.items():
                if item.status in sources:
                    moves.append({"name": name, "label": label, "url": reverse(viewset.get_url_name("moderate"), args=[item.pk, name])})
        answer_form = kwargs.get("answer_form") or AnswerForm(initial={"answer": self.answer_value()})
        answer_form.fields["answer"].label = self.answer_label or ""
        context.update(
            item=item,
            summary_rows=self.summary_rows(),
            content_rows=self.content_rows(),
            held=item.held_word_list,
            # Posters are asked not to, but some write a phone number into the text itself.
            personal_data=scan_public_texts(dict(self.content_rows())),
            moves=moves,
            moderation_form=kwargs.get("moderation_form") or ModerationForm(),
            answer_form=answer_form,
            may_answer=self.may_moderate() and self.may_answer(),
            answer_url=reverse(viewset.get_url_name("answer"), args=[item.pk]),
            history=ModelLogEntry.objects.for_instance(item).select_related("user").order_by("-timestamp", "-id")[:20],
        )
        return context


class ModerateMixin:
    """POST one move (`action` in the URL) from the review page."""

    http_method_names = ["post"]
    permission_required = "change"
    any_permission_required = None

    def post(self, request, *args, **kwargs):
        name = self.kwargs["action"]
        if name not in self.transitions:
            raise PermissionDenied
        form = ModerationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(moderation_form=form))
        try:
            item = self.perform(name, self.object, request.user, reason=form.cleaned_data["reason"])
        except self.error_class as error:
            messages.error(request, str(error))
            return redirect(inspect_url(self.object))
        messages.success(request, f"已{self.transitions[name][2]}：{item}")
        return redirect(inspect_url(item))


class AnswerMixin:
    """POST the answer (the bureau's reply, the guest's answer)."""

    http_method_names = ["post"]
    permission_required = "change"
    any_permission_required = None

    def post(self, request, *args, **kwargs):
        if not self.may_answer():
            raise PermissionDenied
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "未能保存，请检查下面标出的内容。")
            return self.render_to_response(self.get_context_data(answer_form=form))
        try:
            self.save_answer(self.object, request.user, form.cleaned_data["answer"])
        except self.error_class as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{self.answer_label}已保存。")
        return redirect(inspect_url(self.object))


class NoEditView(snippet_views.EditView):
    """What the public wrote stays as written: the edit URL leads to the review page."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        return redirect(inspect_url(get_object_or_404(self.model, pk=kwargs.get("pk"))))


# The board's posts -------------------------------------------------------------------------------


class PostInspectView(ModeratedInspectView):
    related = ("page", "topic")
    transitions = moderation.TRANSITIONS
    error_class = moderation.TransitionError
    answer_label = "本局答复"
    perform = staticmethod(moderation.perform)
    save_answer = staticmethod(moderation.save_reply)

    def may_answer(self):
        return self.object.kind == PostKind.MESSAGE

    def answer_value(self):
        return self.object.reply

    def summary_rows(self):
        post = self.object
        status = post.get_status_display()
        if post.status == PostStatus.HIDDEN and post.auto_hidden:
            status += f"（被 {post.flag_count} 位读者举报，自动隐藏待复核）"
        return [
            ("类型", f"{post.get_kind_display()}（{post.page.title}）"),
            ("状态", status),
            ("昵称", post.nickname),
            ("联系方式", masked_contact(post)),
            ("提交时间", post.created_at),
            ("举报", post.flag_count),
        ]

    def content_rows(self):
        post = self.object
        rows = []
        if post.topic_id:
            rows.append(("所属主题", f"{post.topic}（{post.topic.get_status_display()}）"))
        if post.title:
            rows.append(("标题", post.title))
        rows.append(("内容", post.body))
        if post.reply:
            rows.append(("本局答复", post.reply))
        return rows


class PostModerateView(ModerateMixin, PostInspectView):
    pass


class PostAnswerView(AnswerMixin, PostInspectView):
    pass


class PostIndexView(ModeratedIndexView):
    related = ("page", "topic")


POST_LIST_DISPLAY = [
    "__str__",  # the title column: opens the review page
    Column("kind", label="类型", accessor="get_kind_display", sort_key="kind", width="7%"),
    Column("page", label="栏目", accessor=lambda post: post.page.title, width="8%"),
    Column("nickname", label="昵称", width="9%"),
    Column("contact", label="联系方式", accessor=masked_contact, width="14%"),
    Column("status", label="状态", accessor="get_status_display", sort_key="status", width="8%"),
    Column("held_words", label="命中敏感词", accessor=held_words, width="10%"),
    Column("flag_count", label="举报", sort_key="flag_count", width="5%"),
    Column("created_at", label="提交时间", sort_key="created_at", width="12%"),
]
