from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from .admin.components import CaseDeadlinePanel
from .admin.viewsets import InteractionViewSetGroup
from .models import Case, CaseLogEntry
from .policy import CASE_POLICY
from .roles import setup_case_roles
from .search import CASE_REPLIES
from .workflow import TRANSITIONS

# Before anything asks the registry for Case's policy (it would get a fallback otherwise).
register_permission_policy(Case, CASE_POLICY)
register_snippet(InteractionViewSetGroup)


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    """Every state change of a case is written to Wagtail's audit log under these names, in the
    case's own log table (scoped like the cases in the site history report)."""
    actions.register_model(Case, CaseLogEntry)
    actions.register_action("cases.submit", "提交办件", "来信人提交")
    actions.register_action("cases.register", "登记办件", "登记热线、来信、来访办件")
    for name, (_sources, _requirement, label) in TRANSITIONS.items():
        actions.register_action(f"cases.{name}", label, label)
    actions.register_action("cases.complete", "补正", "申请人补正")
    actions.register_action("cases.rate", "评价", "来信人评价答复")
    actions.register_action("cases.merged_duplicate", "并入重复件", "并入重复件")
    actions.register_action("cases.view_personal_data", "查看个人信息", "查看来信人完整个人信息")
    actions.register_action("cases.purge_personal_data", "清除个人信息", "个人信息已按保存期限清除")
    actions.register_action("cases.purge_personal_data_run", "按保存期限清除个人信息", "按保存期限清除办件个人信息")


@hooks.register("register_search_source")
def published_case_replies():
    return CASE_REPLIES


@hooks.register("construct_homepage_panels")
def add_case_deadline_panel(request, panels):
    panels.append(CaseDeadlinePanel(request))


class CaseDeleteBulkAction(DeleteBulkAction):
    """Cases are deleted by superusers only; for everyone else the bulk URL is refused outright
    (the stock action would list the titles of the cases it refuses to delete)."""

    models = [Case]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Registered after Wagtail's own snippet bulk delete, so it replaces it for Case.
hooks.register("register_bulk_action", CaseDeleteBulkAction, order=100)


@hooks.register("insert_global_admin_css")
def case_admin_css():
    # A file, not an inline <style>: the hook also feeds the user bar on the public pages.
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("cases/admin.css"))


@hooks.register(ROLES_HOOK, order=role_order("interaction.cases"))
def case_roles():
    """办件员 and the case permissions of 信息中心管理员 and 审核员 (roles.py)."""
    setup_case_roles()
