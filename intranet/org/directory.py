"""The staff directory (通讯录) shown on the intranet."""

from django.db.models import Prefetch

from .models import Department, StaffProfile


def staff_directory(include_staff=True):
    """Active departments grouped by category, each with its staff (leaders first).

    Two queries whatever the number of departments."""
    departments = Department.objects.filter(is_active=True).order_by("category", "sort_order", "name")
    if include_staff:
        departments = departments.prefetch_related(
            Prefetch(
                "staff",
                queryset=StaffProfile.objects.order_by("-is_leader", "sort_order", "full_name"),
                to_attr="directory_staff",
            )
        )
    groups = {}
    for dept in departments:
        if not include_staff:
            dept.directory_staff = []
        groups.setdefault(dept.get_category_display(), []).append(dept)
    return list(groups.items())
