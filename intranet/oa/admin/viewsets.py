"""协同办公 in the admin: one snippet viewset per kind of routed item (公文, 工作联系单, 工作签报),
the 文号 patterns, the personal office and the 收文 register, grouped under one menu."""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_scope import ScopedSnippetViewSet
from intranet.org.models import department_of

from ..access import is_registrar, is_staff_member
from ..choices import DOCUMENT_KINDS, ItemStatus, Kind
from ..models import ContactSheet, NumberPattern, OfficeItem, OfficialDocument, SignReport
from ..policy import POLICIES
from .views import (
    ActionView,
    ItemInspectView,
    PrintView,
    add_attachment,
    download_attachment,
    inspect_url,
    my_open_tasks,
    office_counts,
    pending_exchange_count,
)

OA_MENU_HOOK = "register_oa_menu_item"  # later OA modules (会议通知) add their entries here


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


class ItemForm(WagtailAdminModelForm):
    """Drafts: the kinds a user may start are limited (阅件/办件 are registered by registrars)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "doc_kind" in self.fields and not is_registrar(self.for_user):
            self.fields["doc_kind"].choices = [(Kind.OUTGOING.value, Kind.OUTGOING.label)]
            self.fields["doc_kind"].help_text = "阅件、办件由本单位收文登记人员登记；您可以拟写发文。"

    def clean_doc_kind(self):
        kind = self.cleaned_data["doc_kind"]
        if kind != Kind.OUTGOING and not is_registrar(self.for_user):
            raise forms.ValidationError("只有收文登记人员可以登记阅件和办件。")
        return kind


class ItemCreateView(snippet_views.CreateView):
    def get_initial_form_instance(self):
        instance = self.model(created_by=self.request.user, owner=department_of(self.request.user))
        return instance

    def get_success_url(self):
        return inspect_url(self.object)


class ItemFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=ItemStatus.choices)
    year = django_filters.NumberFilter(label="年份", field_name="created_at", lookup_expr="year")

    class Meta:
        model = OfficeItem
        fields = ["status", "urgency", "secrecy"]


class DocumentFilterSet(ItemFilterSet):
    doc_kind = django_filters.ChoiceFilter(label="公文类别", choices=[(k.value, k.label) for k in DOCUMENT_KINDS])

    class Meta(ItemFilterSet.Meta):
        model = OfficialDocument


class ItemViewSet(ScopedSnippetViewSet):
    """What the three kinds share: the scope, the 办理 page, the action endpoint, attachments."""

    permission_policy = None  # set per subclass (an OAPermissionPolicy of the model)
    add_view_class = ItemCreateView
    inspect_view_class = ItemInspectView
    inspect_view_enabled = True
    filterset_class = ItemFilterSet
    search_fields = ["title"]
    search_backend_name = None  # plain icontains: exact for Chinese titles
    ordering = "-created_at"
    list_per_page = 30

    list_display = [
        "title",
        Column("owner", label="主办单位", accessor=lambda item: item.owner.display_name, width="12%"),
        Column("status", label="状态", accessor="get_status_display", sort_key="status", width="8%"),
        Column("urgency", label="缓急", accessor="get_urgency_display", width="7%"),
        Column("deadline", label="办理时限", accessor=lambda item: local(item.deadline), sort_key="deadline", width="13%"),
        Column("created_at", label="创建时间", accessor=lambda item: local(item.created_at), sort_key="created_at", width="13%"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    def get_edit_handler(self):
        panels = self.model.panels
        return ObjectList(panels, base_form_class=ItemForm).bind_to_model(self.model)

    @property
    def action_view(self):
        return self.construct_view(ActionView, **self.get_inspect_view_kwargs())

    @property
    def print_view(self):
        return self.construct_view(PrintView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<str:pk>/<slug:action>/", self.action_view, name="action"),
            path("print/<str:pk>/", self.print_view, name="print"),
            path("attachment/<int:pk>/<int:attachment_id>/", download_attachment, name="attachment"),
            path("upload/<int:pk>/", add_attachment, name="upload"),
        ]


class OfficialDocumentViewSet(ItemViewSet):
    model = OfficialDocument
    permission_policy = POLICIES[OfficialDocument]
    icon = "doc-full"
    menu_label = "公文"
    menu_name = "oa-documents"
    filterset_class = DocumentFilterSet
    search_fields = ["title", "number"]
    list_display = [
        "title",
        Column("number", label="文号", accessor=lambda d: d.number or "—", width="14%"),
        Column("doc_kind", label="类别", accessor="get_doc_kind_display", width="6%"),
        *ItemViewSet.list_display[1:],
    ]


class ContactSheetViewSet(ItemViewSet):
    model = ContactSheet
    permission_policy = POLICIES[ContactSheet]
    icon = "list-ul"
    menu_label = "工作联系单"
    menu_name = "oa-contact-sheets"
    list_display = [
        "title",
        Column("to_department", label="联系部门", accessor=lambda s: s.to_department.display_name, width="12%"),
        *ItemViewSet.list_display[1:],
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_department")


class SignReportViewSet(ItemViewSet):
    model = SignReport
    permission_policy = POLICIES[SignReport]
    icon = "edit"
    menu_label = "工作签报"
    menu_name = "oa-sign-reports"


class NumberPatternViewSet(SnippetViewSet):
    model = NumberPattern
    icon = "order"
    menu_label = "文号格式"
    menu_name = "oa-number-patterns"
    list_display = ["unit", "doc_kind", "pattern"]


class CountedMenuItem(MenuItem):
    """A menu entry with a live count in its label, e.g. 我的待办（3）; shown to staff only."""

    def __init__(self, label, url, count, **kwargs):
        super().__init__(label, url, **kwargs)
        self.count = count

    def is_shown(self, request):
        return is_staff_member(request.user)

    def render_component(self, request):
        n = self.count(request.user)
        label = f"{self.label}（{n}）" if n else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs)


class RegistrarMenuItem(CountedMenuItem):
    def is_shown(self, request):
        return is_registrar(request.user)


class OAViewSetGroup(SnippetViewSetGroup):
    """协同办公: later OA modules add their entries through the `register_oa_menu_item` hook."""

    items = (OfficialDocumentViewSet, ContactSheetViewSet, SignReportViewSet, NumberPatternViewSet)
    menu_label = "协同办公"
    menu_name = "oa"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    submenu_hook = OA_MENU_HOOK  # later OA modules (会议通知, 两会议案, 督办) add their entries here

    def get_submenu_items(self):
        documents, sheets, reports, patterns = self.registerables
        return [
            CountedMenuItem("我的待办", reverse("oa_office"), lambda user: office_counts(user)["todo"], name="oa-office", icon_name="tasks", order=1),
            RegistrarMenuItem("收文登记", reverse("oa_register"), pending_exchange_count, name="oa-register", icon_name="download", order=2),
            documents.get_menu_item(order=10),
            sheets.get_menu_item(order=20),
            reports.get_menu_item(order=30),
            patterns.get_menu_item(order=40),
        ]


class OfficePanel(Component):
    """The admin home: my 待办 and overdue counts and the newest five to-dos."""

    name = "oa_office"
    order = 50
    template_name = "oa/admin/office_panel.html"

    class Media:
        css = {"all": ["oa/admin.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        tasks = my_open_tasks(self.user).select_related("item", "step").order_by("-arrived_at")[:5]
        return {"counts": office_counts(self.user), "tasks": tasks, "now": timezone.now(), "office_url": reverse("oa_office")}
