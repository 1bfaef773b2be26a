from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .access import is_supervisor
from .admin import views
from .access import is_staff_member
from .admin.viewsets import OA_MENU_HOOK, ProposalViewSet, TaskViewSet
from .models import Proposal, SupervisionLogEntry, SupervisionTask, TaskLogEntry
from .policy import POLICY, TASK_POLICY

register_permission_policy(Proposal, POLICY, exact_class=True)
register_permission_policy(SupervisionTask, TASK_POLICY, exact_class=True)
register_snippet(ProposalViewSet)
register_snippet(TaskViewSet)


class SupervisorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_supervisor(request.user)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(OA_MENU_HOOK)
def board_menu_item():
    return StaffMenuItem("督办看板", reverse("supervision_board"), name="supervision-board", icon_name="view", order=59)


@hooks.register(OA_MENU_HOOK)
def rates_menu_item():
    return SupervisorMenuItem("议案办结率", reverse("supervision_rates"), name="supervision-rates", icon_name="table", order=51)


@hooks.register("register_admin_urls")
def supervision_urls():
    return [
        path("supervision/proposal/<int:pk>/", views.proposal_redirect, name="supervision_proposal"),
        path("supervision/rates/", views.rates, name="supervision_rates"),
        path("supervision/proposal/<int:pk>/spawn/", views.spawn, name="supervision_spawn"),
        path("supervision/task/<int:pk>/", views.task_redirect, name="supervision_task"),
        path("supervision/board/", views.board, name="supervision_board"),
    ]


LOG_ACTIONS = {
    "supervision.assign": "议案交办",
    "supervision.start": "议案开始办理",
    "supervision.reply": "议案答复",
    "supervision.close": "议案办结",
    "supervision.urge": "议案催办",
    "supervision.task_assign": "督办交办",
    "supervision.task_sign": "督办签收",
    "supervision.task_report": "督办反馈",
    "supervision.task_close": "督办办结",
    "supervision.task_urge": "督办催办",
}


@hooks.register("register_log_actions")
def supervision_log_actions(actions):
    actions.register_model(Proposal, SupervisionLogEntry)
    actions.register_model(SupervisionTask, TaskLogEntry)
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("insert_global_admin_css")
def supervision_css():
    """The traffic lights appear in the listings too, not only on the pages with our templates."""
    return format_html('<link rel="stylesheet" href="{}">', static("supervision/admin.css"))
