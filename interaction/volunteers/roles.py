"""志愿者管理员: maintains activities, prints check-in lists, checks people in, credits hours,
sees volunteers' full contact details (each viewing audit-logged). 信息中心管理员 may do the same.
Registrations are never edited by hand: they change only through the rules (registration.py)."""

from django.db import transaction

from core.roles import ADMIN_GROUP, grant

VOLUNTEER_MANAGER_GROUP = "志愿者管理员"
PERMISSIONS = [
    "wagtailadmin.access_admin",
    "volunteers.add_activity",
    "volunteers.change_activity",
    "volunteers.delete_activity",
    "volunteers.view_activity",
    "volunteers.view_registration",
    "volunteers.check_in_registration",
    "volunteers.view_volunteer",
    "volunteers.view_volunteer_personal_data",
]


@transaction.atomic
def setup_volunteer_roles():
    return {name: grant(name, PERMISSIONS) for name in (VOLUNTEER_MANAGER_GROUP, ADMIN_GROUP)}
