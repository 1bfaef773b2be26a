from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from .models import Question
from .questions import TRANSITIONS
from .roles import setup_interview_roles
from .views import QUESTION_POLICY
from .viewsets import QuestionViewSet

register_permission_policy(Question, QUESTION_POLICY)
register_snippet(QuestionViewSet)


@hooks.register("register_log_actions")
def register_interview_log_actions(actions):
    actions.register_action("interviews.ask", "网民提问", "网民提问，待审核")
    for name, (_sources, _target, label) in TRANSITIONS.items():
        actions.register_action(f"interviews.{name}", label, label)
    actions.register_action("interviews.answer", "录入嘉宾答复", "录入嘉宾答复")
    actions.register_action("interviews.edit_answer", "修改嘉宾答复", "修改嘉宾答复")


@hooks.register(ROLES_HOOK, order=role_order("interaction.interviews"))
def interview_roles():
    setup_interview_roles()
