from django.core.exceptions import PermissionDenied
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from .components import CaseDeadlinePanel
from .models import Case, CaseLogEntry
from .roles import setup_case_roles
from .search import CASE_REPLIES
from .views import CASE_POLICY
from .viewsets import InteractionViewSetGroup
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
    for name, (_sources, _requirement, label) in TRANSITIONS.items():
        actions.register_action(f"cases.{name}", label, label)
    actions.register_action("cases.complete", "补正", "申请人补正")
    actions.register_action("cases.rate", "评价", "来信人评价答复")
    actions.register_action("cases.merged_duplicate", "并入重复件", "并入重复件")
    actions.register_action("cases.view_personal_data", "查看个人信息", "查看来信人完整个人信息")


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


# A constant (no user data): the deadline tags and the layout of the 办理 page.
CASE_ADMIN_CSS = """
.case-deadline{display:inline-block;margin-inline-start:.4em;padding:0 .45em;border-radius:3px;font-size:.85em;font-weight:600;line-height:1.6;white-space:nowrap}
.case-deadline--overdue{background:#b4191a;color:#fff}
.case-deadline--soon{background:#fdf0d5;color:#6b4400;border:1px solid #c98b00}
.case-deadline--paused{background:#e8eef5;color:#23395b;border:1px solid #8aa1c1}
.case-dl{display:grid;grid-template-columns:max-content 1fr;gap:.35em 1.5em;margin:0}
.case-dl dt{font-weight:600;color:var(--w-color-text-label,#333)}
.case-dl dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.case-dl dd.case-plain{white-space:normal}
.case-dl dd.case-plain ul{margin:0;padding-inline-start:1.2em}
.case-actions{display:grid;gap:1rem}
.case-action{border:1px solid var(--w-color-border-field-default,#ccc);border-radius:5px;padding:.75rem 1rem}
.case-action>summary{cursor:pointer;font-weight:700;font-size:1.05em}
.case-action form{margin-top:.75rem}
.case-buttons{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.case-history{width:100%;border-collapse:collapse}
.case-history th,.case-history td{text-align:start;vertical-align:top;padding:.4em .6em;border-bottom:1px solid var(--w-color-border-furniture,#e6e6e6)}
.case-summary{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin-bottom:1.5rem;font-size:1.05em}
.case-error{color:#b4191a;font-weight:600}
.case-panel-text{padding:.75rem 1rem 0;margin:0}
"""


@hooks.register("insert_global_admin_css")
def case_admin_css():
    return mark_safe(f"<style>{CASE_ADMIN_CSS}</style>")  # noqa: S308 - constant stylesheet


@hooks.register(ROLES_HOOK, order=role_order("interaction.cases"))
def case_roles():
    """办件员 and the case permissions of 信息中心管理员 and 审核员 (roles.py)."""
    setup_case_roles()
