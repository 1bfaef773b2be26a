"""Groups and permissions of the case inboxes (idempotent: running it again changes only what drifted).

- 办件员: a department's case handler. Sees and handles the cases of her own department (her
  StaffProfile.department) — view and change, plus reading the reply templates — and registers
  cases received by the 12369 hotline, a letter or a visit for her department (add). Handlers are also
  members of 全体职工 (admin access).
- 信息中心管理员: accepts, dispatches, reviews and publishes every case, sees personal data in
  full (audit-logged), maintains reply templates and the time limits.
- 审核员: reviews replies, approves extensions, publishes and closes, across all departments.
"""

from django.db import transaction

from core.roles import ADMIN_GROUP, REVIEWER_GROUP, grant

HANDLER_GROUP = "办件员"

HANDLER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "cases.add_case",  # registers cases received by phone, letter or visit (一网一线)
    "cases.view_case",
    "cases.change_case",
    "cases.view_replytemplate",
]
ADMIN_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "cases.add_case",
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


@transaction.atomic
def setup_case_roles():
    """Create or complete the three groups; returns {group name: Group}."""
    return {name: grant(name, dotted) for name, dotted in CASE_GROUPS.items()}


__all__ = ["ADMIN_GROUP", "CASE_GROUPS", "HANDLER_GROUP", "REVIEWER_GROUP", "setup_case_roles"]
