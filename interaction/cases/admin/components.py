"""Wagtail admin dashboard panel of the cases app."""

from django.db.models import Count
from django.template.loader import get_template
from wagtail.admin.ui.components import Component

from ..deadlines import deadline_bounds
from ..models import Case
from ..models.case import overdue_q
from ..policy import CASE_POLICY, READ_ACTIONS, scoped_cases

PANEL_LIMIT = 15


class CaseDeadlinePanel(Component):
    """The user's open cases that are overdue or due within the reminder lead (2 working days
    by default), most urgent first. Nothing at all for users without case permissions."""

    name = "case_deadlines"
    template_name = "cases/admin/dashboard_panel.html"
    order = 60  # just below the calendar warning (50), above Wagtail's own panels (100+)

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        if not CASE_POLICY.user_has_any_permission(user, READ_ACTIONS):
            return None
        today, horizon = deadline_bounds()
        queryset = scoped_cases(user).needing_attention(today, horizon)
        counts = queryset.aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
        rows = list(
            queryset.with_deadline_state(today, horizon)
            .select_related("department")
            .order_by("due_date", "submitted_at")[:PANEL_LIMIT]
        )
        viewset = Case.snippet_viewset
        return {
            "cases": rows,
            "total": counts["total"],
            "overdue": counts["overdue"],
            "horizon": horizon,
            "today": today,
            "inspect_url_name": viewset.get_url_name("inspect"),
            "list_url_name": viewset.get_url_name("list"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if context is None:
            return ""
        return get_template(self.template_name).render(context, self.request)
