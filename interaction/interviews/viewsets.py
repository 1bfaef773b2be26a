from interaction.board.viewsets import ModeratedViewSet

from .models import Question
from .views import (
    QUESTION_LIST_DISPLAY,
    QUESTION_POLICY,
    QuestionAnswerView,
    QuestionFilterSet,
    QuestionIndexView,
    QuestionInspectView,
    QuestionModerateView,
)


class QuestionViewSet(ModeratedViewSet):
    model = Question
    permission_policy = QUESTION_POLICY
    icon = "help"
    menu_label = "访谈提问"
    menu_name = "interview-questions"
    menu_order = 45
    index_view_class = QuestionIndexView
    inspect_view_class = QuestionInspectView
    moderate_view_class = QuestionModerateView
    answer_view_class = QuestionAnswerView
    list_display = QUESTION_LIST_DISPLAY
    filterset_class = QuestionFilterSet
    search_fields = ["body", "nickname"]
