"""The questions' review queue: the board's generic moderation views with the interview rules."""

from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from interaction.board.views import (
    AnswerMixin,
    ModeratedIndexView,
    ModeratedInspectView,
    ModerateMixin,
    PublicOnlyPolicy,
    held_words,
    masked_contact,
)

from . import questions
from .models import Question, QuestionStatus

QUESTION_POLICY = PublicOnlyPolicy(Question)


class QuestionInspectView(ModeratedInspectView):
    related = ("interview",)
    transitions = questions.TRANSITIONS
    error_class = questions.QuestionError
    answer_label = "嘉宾答复"
    perform = staticmethod(questions.perform)
    save_answer = staticmethod(questions.save_answer)

    def answer_value(self):
        return self.object.answer

    def summary_rows(self):
        q = self.object
        return [
            ("访谈", q.interview.title),
            ("访谈时间", q.interview.starts_at),
            ("状态", q.get_status_display()),
            ("昵称", q.nickname),
            ("联系方式", masked_contact(q)),
            ("提问时间", q.created_at),
        ]

    def content_rows(self):
        rows = [("问题", self.object.body)]
        if self.object.answer:
            rows.append(("嘉宾答复", self.object.answer))
        return rows


class QuestionModerateView(ModerateMixin, QuestionInspectView):
    pass


class QuestionAnswerView(AnswerMixin, QuestionInspectView):
    pass


class QuestionIndexView(ModeratedIndexView):
    related = ("interview",)


class QuestionFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label="状态", choices=QuestionStatus.choices, empty_label="全部状态")

    class Meta:
        model = Question
        fields = ["status", "interview"]


QUESTION_LIST_DISPLAY = [
    "__str__",
    Column("interview", label="访谈", accessor=lambda q: q.interview.title, width="18%"),
    Column("nickname", label="昵称", width="9%"),
    Column("contact", label="联系方式", accessor=masked_contact, width="14%"),
    Column("status", label="状态", accessor="get_status_display", sort_key="status", width="8%"),
    Column("held_words", label="命中敏感词", accessor=held_words, width="10%"),
    Column("created_at", label="提问时间", sort_key="created_at", width="12%"),
]
