"""Wagtail admin UI components of the org app."""

from django.template.loader import get_template
from wagtail.admin.ui.components import Component

from .workdays import calendar_warning


class CalendarWarningPanel(Component):
    """Dashboard notice shown to every admin user while a needed year has no holiday schedule."""

    name = "calendar_warning"
    template_name = "org/calendar_warning_panel.html"
    order = 50  # above Wagtail's own dashboard panels (100 and up)

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        return {
            "warning": calendar_warning(),
            "can_edit_days": user.has_perm("org.add_calendarday"),
            "can_edit_years": user.has_perm("org.add_calendaryear"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["warning"]:
            return ""
        return get_template(self.template_name).render(context)
