from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .access import is_supervisor
from .admin import views
from .admin.viewsets import OA_MENU_HOOK, ProposalViewSet
from .models import Proposal, SupervisionLogEntry
from .policy import POLICY

register_permission_policy(Proposal, POLICY, exact_class=True)
register_snippet(ProposalViewSet)


class SupervisorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_supervisor(request.user)


@hooks.register(OA_MENU_HOOK)
def rates_menu_item():
    return SupervisorMenuItem("议案办结率", reverse("supervision_rates"), name="supervision-rates", icon_name="table", order=51)


@hooks.register("register_admin_urls")
def supervision_urls():
    return [
        path("supervision/proposal/<int:pk>/", views.proposal_redirect, name="supervision_proposal"),
        path("supervision/rates/", views.rates, name="supervision_rates"),
    ]


LOG_ACTIONS = {
    "supervision.assign": "议案交办",
    "supervision.start": "议案开始办理",
    "supervision.reply": "议案答复",
    "supervision.close": "议案办结",
    "supervision.urge": "议案催办",
}


@hooks.register("register_log_actions")
def supervision_log_actions(actions):
    actions.register_model(Proposal, SupervisionLogEntry)
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
