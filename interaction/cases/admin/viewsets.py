"""The 互动交流 admin: case inboxes per channel, reply templates and the time-limit settings."""

from django.urls import path, reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.contrib.settings.registry import SettingMenuItem
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_scope import ScopedChooserViewSet

from ..choices import Channel
from ..models import Case, CaseSettings, ReplyTemplate
from ..policy import CASE_POLICY, READ_ACTIONS
from .filters import CaseFilterSet, ReplyTemplateFilterSet
from .views import (
    CaseActionView,
    CaseAttachmentView,
    CaseCreateView,
    CaseDeleteView,
    CaseEditView,
    CaseHistoryView,
    CaseIndexView,
    CaseInspectView,
    CasePersonalDataView,
    CaseRegisterView,
    CaseUsageView,
    DueDateColumn,
    listing_queryset,
    local_datetime,
)


def department_name(case):
    return case.department.display_name if case.department_id else "（待分派）"


class CaseViewSet(SnippetViewSet):
    model = Case
    permission_policy = CASE_POLICY  # the same instance wagtail_hooks registers for Case
    icon = "mail"
    menu_label = "全部办件"
    menu_name = "cases"

    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    delete_view_class = CaseDeleteView
    history_view_class = CaseHistoryView
    usage_view_class = CaseUsageView
    inspect_view_class = CaseInspectView
    chooser_viewset_class = ScopedChooserViewSet  # lists only the cases the policy lets the user open
    inspect_view_enabled = True
    copy_view_enabled = False

    index_template_name = "cases/admin/index.html"
    inspect_template_name = "cases/admin/inspect.html"

    list_display = [
        "reference",  # the title column: opens the 办理 page
        Column("channel", label="渠道", accessor="get_channel_display", sort_key="channel", width="8%"),
        Column("received_via", label="受理方式", accessor="get_received_via_display", sort_key="received_via", width="7%"),
        Column("title", label="标题", sort_key="title", width="16%"),
        Column("masked_name", label="来信人", width="6%"),
        Column("department", label="承办部门", accessor=department_name, sort_key="department__sort_order", width="11%"),
        Column("status", label="状态", accessor="get_status_display", sort_key="status", width="7%"),
        DueDateColumn("due_date", label="办理期限", sort_key="due_date", width="11%"),
        Column("submitted_at", label="提交时间", accessor=lambda case: local_datetime(case.submitted_at), sort_key="submitted_at", width="10%"),
    ]
    filterset_class = CaseFilterSet
    search_fields = ["reference", "title"]
    search_backend_name = None  # plain icontains: exact for references and Chinese titles
    ordering = "-submitted_at"
    list_per_page = 50
    list_export = list(CaseIndexView.EXPORT_FIELDS)

    def get_queryset(self, request):
        return listing_queryset(request)

    @property
    def action_view(self):
        return self.construct_view(CaseActionView, **self.get_inspect_view_kwargs())

    @property
    def personal_data_view(self):
        return self.construct_view(CasePersonalDataView, **self.get_inspect_view_kwargs())

    @property
    def attachment_view(self):
        return self.construct_view(CaseAttachmentView)

    @property
    def register_view(self):
        return CaseRegisterView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<int:pk>/<slug:action>/", self.action_view, name="action"),
            path("personal-data/<int:pk>/", self.personal_data_view, name="personal_data"),
            path("attachment/<int:pk>/<int:attachment_id>/", self.attachment_view, name="attachment"),
            path("register/", self.register_view, name="register"),
        ]


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = "答复模板"
    menu_name = "reply_templates"
    inspect_view_enabled = True  # 办件员 hold view permission: they read templates here
    list_display = ["title", "channel"]
    filterset_class = ReplyTemplateFilterSet
    search_fields = ["title", "body"]
    ordering = "channel"


class RegisterCaseMenuItem(MenuItem):
    """登记来电、来信、来访: only for those who may register a case."""

    def is_shown(self, request):
        return CASE_POLICY.may_register(request.user)


class ChannelInboxMenuItem(MenuItem):
    """An inbox: the case listing filtered to one channel."""

    def is_shown(self, request):
        return CASE_POLICY.user_has_any_permission(request.user, READ_ACTIONS)


INBOXES = [
    (Channel.MAILBOX, "局长信箱", "mail"),
    (Channel.COMPLAINT, "网上投诉", "warning"),
    (Channel.CONSULTATION, "网上咨询", "help"),
    (Channel.DISCLOSURE, "依申请公开", "doc-full-inverse"),
]


class InteractionViewSetGroup(SnippetViewSetGroup):
    """互动交流: later interaction apps add their items through the `register_interaction_menu_item` hook."""

    items = (CaseViewSet, ReplyTemplateViewSet)
    menu_label = "互动交流"
    menu_name = "interaction"
    menu_icon = "mail"
    menu_order = 300
    submenu_hook = "register_interaction_menu_item"

    def get_submenu_items(self):
        case_viewset, template_viewset = self.registerables
        listing = reverse(case_viewset.get_url_name("list"))
        items = [
            ChannelInboxMenuItem(label, f"{listing}?channel={channel.value}", name=f"inbox-{channel.value}", icon_name=icon, order=order)
            for order, (channel, label, icon) in enumerate(INBOXES, start=1)
        ]
        items.append(case_viewset.get_menu_item(order=10))
        items.append(RegisterCaseMenuItem(
            "登记来电来信来访", reverse(case_viewset.get_url_name("register")), name="register-case", icon_name="form", order=11,
        ))
        items.append(template_viewset.get_menu_item(order=20))
        items.append(SettingMenuItem(CaseSettings, icon="time", name="case-settings", order=30))
        return items
