import django_filters
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .components import CalendarWarningPanel
from .models import CalendarDay, CalendarSource, CalendarYear, Department, StaffProfile


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


class CalendarDayFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(label="年份", field_name="date", lookup_expr="year", empty_label="全部")

    class Meta:
        model = CalendarDay
        fields = ["kind", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Years present in the data plus next year (the one staff usually enter), at request time.
        years = {d.year for d in CalendarDay.objects.dates("date", "year")}
        years.add(timezone.localdate().year + 1)
        self.filters["year"].extra["choices"] = [(y, f"{y}年") for y in sorted(years, reverse=True)]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日安排"
    list_display = [
        "date",
        Column("weekday_label", label="星期"),
        "kind",
        "name",
        "note",
        "source",
    ]
    filterset_class = CalendarDayFilterSet
    search_fields = ["name", "note"]
    ordering = ["-date"]
    list_per_page = 50


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar-check"
    menu_label = "节假日年份"
    list_display = ["year", BooleanColumn("complete", label="已录入完整"), "source", "note", "updated_at"]
    list_filter = ["complete", "source"]
    ordering = ["-year"]


class OrgViewSetGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, StaffProfileViewSet, CalendarDayViewSet, CalendarYearViewSet)
    menu_icon = "group"
    menu_label = "组织机构"
    menu_name = "org"
    menu_order = 900


register_snippet(OrgViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_calendar_warning_panel(request, panels):
    panels.append(CalendarWarningPanel())


@hooks.register("after_delete_snippet")
def deleting_a_calendar_day_makes_its_year_manual(request, instances):
    """Staff removed a day: its year is theirs now, so seed_calendar will not bring the day back."""
    years = {obj.date.year for obj in instances if isinstance(obj, CalendarDay)}
    if years:
        CalendarYear.objects.filter(year__in=years, source=CalendarSource.PACKAGE).update(
            source=CalendarSource.MANUAL, updated_at=timezone.now()
        )
