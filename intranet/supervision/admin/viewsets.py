"""两会议案 in the admin, under the OA's 协同办公 menu (through `register_oa_menu_item`)."""

import django_filters
from django.urls import path
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.snippets.views import snippets as snippet_views

from core.admin_scope import ScopedSnippetViewSet
from intranet.org.models import Department

from ..choices import OPEN_STATES, Body, Source, State, TaskState
from ..deadlines import annotate_lights
from ..models import Proposal, SupervisionTask
from ..policy import POLICY, TASK_POLICY
from .views import (
    ActionView,
    ProposalCreateView,
    ProposalInspectView,
    TaskActionView,
    TaskCreateView,
    TaskInspectView,
    inspect_url,
    task_inspect_url,
)

OA_MENU_HOOK = "register_oa_menu_item"  # the 协同办公 group (intranet.oa.admin.viewsets)


class ProposalFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label="年度")
    body = django_filters.ChoiceFilter(label="类别", choices=Body.choices)
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices)
    open = django_filters.BooleanFilter(label="仅未答复", method="filter_open")
    lead_department = django_filters.ModelChoiceFilter(label="承办部门", queryset=Department.objects.all())

    class Meta:
        model = Proposal
        fields = ["year", "body", "state", "lead_department"]

    def filter_open(self, queryset, name, value):
        return queryset.filter(state__in=OPEN_STATES) if value else queryset


class ProposalIndexView(snippet_views.IndexView):
    def get_table(self, object_list):
        return super().get_table(annotate_lights(object_list))


class LightColumn(Column):
    cell_template_name = "supervision/admin/light_cell.html"


class ProposalViewSet(ScopedSnippetViewSet):
    model = Proposal
    permission_policy = POLICY
    icon = "clipboard-list"
    menu_label = "两会议案"
    menu_name = "supervision-proposals"
    menu_hook = OA_MENU_HOOK
    menu_order = 50
    index_view_class = ProposalIndexView
    add_view_class = ProposalCreateView
    inspect_view_class = ProposalInspectView
    inspect_view_enabled = True
    filterset_class = ProposalFilterSet
    search_fields = ["title", "proposer"]
    search_backend_name = None
    ordering = ["-year", "body", "number"]
    list_per_page = 30
    list_display = [
        Column("code", label="编号", accessor="code", width="11%"),
        TitleColumn("title", label="案由", get_url=inspect_url),  # everyone who sees a row may open it
        Column("proposer", label="代表/委员", width="10%"),
        Column("lead_department", label="承办部门", accessor=lambda p: p.lead_department.display_name, width="11%"),
        Column("deadline", label="答复期限", accessor="deadline", sort_key="deadline", width="10%"),
        LightColumn("light", label="时限", accessor="light", width="7%"),
        Column("state", label="状态", accessor="get_state_display", sort_key="state", width="7%"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_department")

    @property
    def action_view(self):
        return self.construct_view(ActionView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<str:pk>/<slug:action>/", self.action_view, name="action"),
        ]


class TaskFilterSet(WagtailFilterSet):
    source = django_filters.ChoiceFilter(label="来源", choices=Source.choices)
    state = django_filters.ChoiceFilter(label="状态", choices=TaskState.choices)
    lead_department = django_filters.ModelChoiceFilter(label="牵头部门", queryset=Department.objects.all())

    class Meta:
        model = SupervisionTask
        fields = ["source", "state", "lead_department"]


class TaskViewSet(ScopedSnippetViewSet):
    model = SupervisionTask
    permission_policy = TASK_POLICY
    icon = "time"
    menu_label = "督办事项"
    menu_name = "supervision-tasks"
    menu_hook = OA_MENU_HOOK
    menu_order = 60
    index_view_class = ProposalIndexView
    add_view_class = TaskCreateView
    inspect_view_class = TaskInspectView
    inspect_view_enabled = True
    filterset_class = TaskFilterSet
    search_fields = ["title"]
    search_backend_name = None
    ordering = ["deadline", "pk"]
    list_per_page = 30
    list_display = [
        TitleColumn("title", label="督办事项", get_url=task_inspect_url),
        Column("source", label="来源", accessor="get_source_display", width="9%"),
        Column("lead_department", label="牵头部门", accessor=lambda t: t.lead_department.display_name, width="12%"),
        Column("deadline", label="办结期限", accessor="deadline", sort_key="deadline", width="10%"),
        LightColumn("light", label="时限", accessor="light", width="7%"),
        Column("state", label="状态", accessor="get_state_display", sort_key="state", width="8%"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_department")

    @property
    def action_view(self):
        return self.construct_view(TaskActionView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<str:pk>/<slug:action>/", self.action_view, name="action"),
        ]
