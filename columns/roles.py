"""Editorial roles and the 信息发布审核 workflow.

- 全体职工: every member of staff; may log in to the admin (their daily OA documents live there).
- 信息中心管理员: everything on both sites, users, org chart, settings.
- 审核员: edit, approve and publish on both sites.
- 部门编辑-<部门>: add and edit only under the sub-columns assigned to the department
  (SubColumnBase.department); publishing always goes through the workflow.

Everything here is idempotent: running it again changes only what drifted.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from intranet.org.models import STAFF_GROUP
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

ADMIN_GROUP = "信息中心管理员"
REVIEWER_GROUP = "审核员"
EDITOR_GROUP_PREFIX = "部门编辑-"
WORKFLOW_NAME = "信息发布审核"
TASK_NAME = "审核员审核"

ALL_PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
REVIEWER_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
EDITOR_PAGE_PERMISSIONS = ["add", "change"]

# Model permissions as "app_label.codename".
ADMIN_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_user",
    "auth.add_group", "auth.change_group", "auth.view_group",
    "org.add_department", "org.change_department", "org.delete_department", "org.view_department",
    "org.add_staffprofile", "org.change_staffprofile", "org.delete_staffprofile", "org.view_staffprofile",
    "org.add_calendarday", "org.change_calendarday", "org.delete_calendarday", "org.view_calendarday",
    "org.add_calendaryear", "org.change_calendaryear", "org.delete_calendaryear", "org.view_calendaryear",
    "home.change_siteidentity",
    "wagtailredirects.add_redirect", "wagtailredirects.change_redirect", "wagtailredirects.delete_redirect",
    "wagtailsearchpromotions.add_query", "wagtailsearchpromotions.change_query", "wagtailsearchpromotions.delete_query",
    "sitesearch.add_blockedsearchterm", "sitesearch.change_blockedsearchterm",
    "sitesearch.delete_blockedsearchterm", "sitesearch.view_blockedsearchterm",
]
STAFF_MODEL_PERMISSIONS = ["wagtailadmin.access_admin", "org.view_department", "org.view_staffprofile"]

COLLECTION_PERMISSIONS_ADMIN = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.delete_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.delete_document", "wagtaildocs.choose_document",
]
COLLECTION_PERMISSIONS_STAFF = [
    "wagtailimages.add_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.choose_document",
]


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _set_model_permissions(group, dotted_names):
    group.permissions.add(*[_permission(name) for name in dotted_names])


def _set_collection_permissions(group, dotted_names):
    root = Collection.get_first_root_node()
    for name in dotted_names:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=_permission(name))


def _grant_page(group, page, permission_types):
    for ptype in permission_types:
        perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{ptype}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)


def editor_group_name(department):
    return f"{EDITOR_GROUP_PREFIX}{department.display_name}"


def ensure_editor_group(department):
    """The 部门编辑 group of a department, created and linked on first use."""
    group = department.editor_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=editor_group_name(department))
        department.editor_group = group
        department.save(update_fields=["editor_group"])
    _set_model_permissions(group, STAFF_MODEL_PERMISSIONS)
    _set_collection_permissions(group, COLLECTION_PERMISSIONS_STAFF)
    return group


def sync_sub_column_permissions(sub_column):
    """Give exactly the assigned department's editors add/change on one sub-column."""
    from intranet.org.models import Department

    editor_groups = Group.objects.filter(editor_of_department__isnull=False)
    wanted = None
    if sub_column.department_id:
        wanted = ensure_editor_group(Department.objects.get(pk=sub_column.department_id))
    GroupPagePermission.objects.filter(page=sub_column, group__in=editor_groups).exclude(
        group=wanted
    ).delete()
    if wanted is not None:
        _grant_page(wanted, sub_column, EDITOR_PAGE_PERMISSIONS)


def sync_all_editor_permissions():
    from columns.models import SubColumnBase

    count = 0
    for model in SubColumnBase.sub_column_models():
        for sub in model.objects.all().only("id", "path", "depth", "department_id"):
            sync_sub_column_permissions(sub)
            count += 1
    return count


def ensure_workflow(home_pages, reviewer_groups):
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(*reviewer_groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in home_pages:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def retire_wagtail_defaults():
    """Wagtail's first migrations create English groups and a workflow this site does not use."""
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    default = Workflow.objects.filter(name="Moderators approval").first()
    if default is not None:
        WorkflowPage.objects.filter(workflow=default).delete()
        default.name = "默认审核流程（未使用）"
        default.active = False
        default.save(update_fields=["name", "active"])
    GroupApprovalTask.objects.filter(name="Moderators approval").update(name="默认审核（未使用）", active=False)


@transaction.atomic
def setup_roles(home_pages):
    """Create the groups, their permissions and the workflow over the given home pages."""
    from intranet.org.models import Department

    staff_group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    _set_model_permissions(staff_group, STAFF_MODEL_PERMISSIONS)
    admin_group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    reviewer_group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    _set_model_permissions(admin_group, ADMIN_MODEL_PERMISSIONS)
    _set_model_permissions(reviewer_group, STAFF_MODEL_PERMISSIONS)
    _set_collection_permissions(admin_group, COLLECTION_PERMISSIONS_ADMIN)
    _set_collection_permissions(reviewer_group, COLLECTION_PERMISSIONS_STAFF)
    for home in home_pages:
        _grant_page(admin_group, home, ALL_PAGE_PERMISSIONS)
        _grant_page(reviewer_group, home, REVIEWER_PAGE_PERMISSIONS)
    for department in Department.objects.all():
        ensure_editor_group(department)
    sync_all_editor_permissions()
    ensure_workflow(home_pages, [reviewer_group, admin_group])
    retire_wagtail_defaults()
    return admin_group, reviewer_group


def site_home_pages():
    from home.models import IntranetHomePage, PublicHomePage

    return [p for p in (PublicHomePage.objects.first(), IntranetHomePage.objects.first()) if p is not None]


__all__ = [
    "ADMIN_GROUP",
    "STAFF_GROUP",
    "EDITOR_GROUP_PREFIX",
    "REVIEWER_GROUP",
    "WORKFLOW_NAME",
    "Page",
    "editor_group_name",
    "ensure_editor_group",
    "setup_roles",
    "site_home_pages",
    "sync_all_editor_permissions",
    "sync_sub_column_permissions",
]
