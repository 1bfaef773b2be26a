"""Snippet listings under 互动交流: activities (with their check-in lists), registrations and
volunteers with their hours. Names and phone numbers are masked in every listing."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Activity, Registration, Volunteer, hours_by_volunteer

MENU_HOOK = "register_interaction_menu_item"


class LinkColumn(Column):
    """A column whose cell is a link built from the row (`url(row)`)."""

    cell_template_name = "volunteers/admin/link_cell.html"

    def __init__(self, name, label, url, text):
        super().__init__(name, label=label)
        self._url, self._text = url, text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(url=self._url(instance), text=self._text)
        return context


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "date"
    menu_label = "志愿活动"
    menu_name = "volunteer-activities"
    menu_hook = MENU_HOOK
    menu_order = 40
    list_display = [
        "title", "starts_at", "place", "capacity",
        Column("confirmed_count", label="已报名"), Column("waiting_count", label="候补"),
        LinkColumn("roster", "签到表", lambda a: reverse("volunteers_roster", args=[a.pk]), "签到表"),
    ]
    list_filter = ["published"]
    search_fields = ["title", "place"]
    ordering = "-starts_at"

    def get_queryset(self, request):
        return Activity.objects.with_counts()


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = "活动报名"
    menu_name = "volunteer-registrations"
    menu_hook = MENU_HOOK
    menu_order = 41
    list_display = [
        "reference", "activity", Column("masked_name", label="姓名"), Column("masked_phone", label="联系电话"),
        "status", "created_at", "checked_in_at", "hours_served",
    ]
    list_filter = ["status", "activity"]
    search_fields = ["reference"]
    ordering = "-created_at"

    def get_queryset(self, request):
        return Registration.objects.select_related("activity")


class VolunteerViewSet(SnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = "志愿者与服务时长"
    menu_name = "volunteers"
    menu_hook = MENU_HOOK
    menu_order = 42
    list_display = [
        Column("masked_name", label="姓名"), Column("masked_phone", label="联系电话"),
        Column("interests_display", label="服务意向"), Column("availability_display", label="可服务时间"),
        Column("total_hours", label="累计服务时长（小时）", accessor=lambda v: f"{v.total_hours:.1f}"),
        Column("activities_served", label="参加活动次数"),
        "signed_up_at",
        LinkColumn("personal", "完整信息", lambda v: reverse("volunteers_personal_data", args=[v.pk]), "查看"),
    ]
    list_filter = ["signed_up_at"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return hours_by_volunteer()
