from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Department, StaffProfile


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "部门"
    list_display = ["name", "short_name", "category", "phone", "sort_order", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "short_name"]
    ordering = ["category", "sort_order"]


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "user"
    menu_label = "工作人员"
    list_display = ["full_name", "department", "position", "office_phone", "is_leader"]
    list_filter = ["department", "is_leader"]
    search_fields = ["full_name", "position"]

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("department", "user")


class OrgViewSetGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, StaffProfileViewSet)
    menu_icon = "group"
    menu_label = "组织机构"
    menu_name = "org"
    menu_order = 900


register_snippet(OrgViewSetGroup)
