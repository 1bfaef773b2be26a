"""Groups and permissions of the case inboxes (idempotent: running it again changes only what drifted).

- 办件员: a department's case handler. Sees and handles the cases of her own department (her
  StaffProfile.department) — view and change, plus reading the reply templates. Handlers are also
  members of 全体职工 (admin access).
- 信息中心管理员: accepts, dispatches, reviews and publishes every case, sees personal data in
  full (audit-logged), maintains reply templates and the time limits.
- 审核员: reviews replies, approves extensions, publishes and closes, across all departments.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from core.roles import ADMIN_GROUP, REVIEWER_GROUP

HANDLER_GROUP = "办件员"

HANDLER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "cases.view_case",
    "cases.change_case",
    "cases.view_replytemplate",
]
ADMIN_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "cases.view_case",
    "cases.change_case",
    "cases.dispatch_case",
    "cases.review_case",
    "cases.view_all_cases",
    "cases.view_personal_data",
    "cases.add_replytemplate",
    "cases.change_replytemplate",
    "cases.delete_replytemplate",
    "cases.view_replytemplate",
    "cases.change_casesettings",
]
REVIEWER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "cases.view_case",
    "cases.change_case",
    "cases.review_case",
    "cases.view_all_cases",
    "cases.view_replytemplate",
]

CASE_GROUPS = {
    HANDLER_GROUP: HANDLER_PERMISSIONS,
    ADMIN_GROUP: ADMIN_PERMISSIONS,
    REVIEWER_GROUP: REVIEWER_PERMISSIONS,
}


def _permissions(dotted_names):
    wanted = {tuple(name.split(".")) for name in dotted_names}
    found = list(
        Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
        ).select_related("content_type")
    )
    found = [p for p in found if (p.content_type.app_label, p.codename) in wanted]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise Permission.DoesNotExist(f"missing permissions: {sorted('.'.join(m) for m in missing)}")
    return found


@transaction.atomic
def setup_case_roles():
    """Create or complete the three groups; returns {group name: Group}."""
    groups = {}
    for name, dotted in CASE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(dotted))
        groups[name] = group
    return groups


__all__ = ["ADMIN_GROUP", "CASE_GROUPS", "HANDLER_GROUP", "REVIEWER_GROUP", "setup_case_roles"]
