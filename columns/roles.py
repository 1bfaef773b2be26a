"""Editorial roles and the 信息发布审核 workflow.

- 全体职工: every member of staff; may log in to the admin (their daily OA documents live there).
- 信息中心管理员: everything on both sites, users, org chart, settings.
- 审核员: edit, approve and publish on both sites.
- 部门编辑-<部门>: add and edit only under the sub-columns assigned to the department
  (SubColumnBase.department); publishing always goes through the workflow.
- 部门成员-<部门>: everyone whose staff profile is in the department (kept in step with the
  profiles by intranet.org); it may open the department's files.

Collections mirror the sites: 浦东环境网 (public files), 局内网 (logged-in staff) and under it one
collection per department (its members, its editors and 信息中心管理员). Editors and reviewers upload
to and choose from both site collections; a department's editors also change files of their own
department's collection. View restrictions are Wagtail's own, so the document serve view, the
rendition view and every listing apply them alike (core/visibility.py).

Everything here is idempotent: running it again changes only what drifted. The `setup_roles`
command (core) runs it over the two home pages through home's part of the roles registry
(home/wagtail_hooks.py); columns itself knows nothing of the home page types.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from columns.models import SubColumnBase
from core.roles import ADMIN_GROUP, REVIEWER_GROUP
from intranet.org.models import STAFF_GROUP, Department, StaffProfile, ensure_member_group, sync_member_groups

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
    "wagtailredirects.add_redirect", "wagtailredirects.change_redirect", "wagtailredirects.delete_redirect",
    "wagtailsearchpromotions.add_query", "wagtailsearchpromotions.change_query", "wagtailsearchpromotions.delete_query",
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
COLLECTION_PERMISSIONS_DEPARTMENT = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
]

# Collections mirror the sites: files of public pages, files of the intranet (logged-in staff),
# and under the intranet one collection per department (its staff only).
PUBLIC_COLLECTION = "浦东环境网"
INTRANET_COLLECTION = "局内网"


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _set_model_permissions(group, dotted_names):
    group.permissions.add(*[_permission(name) for name in dotted_names])


def _set_collection_permissions(group, dotted_names, collection=None):
    collection = collection or Collection.get_first_root_node()
    for name in dotted_names:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(name)
        )


def _child_collection(parent, name):
    child = parent.get_children().filter(name=name).first()
    return child if child is not None else parent.add_child(name=name)


def _ensure_restriction(collection, restriction_type, groups=()):
    """Exactly one view restriction of the given kind on the collection (groups as listed)."""
    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    restriction = restrictions.filter(restriction_type=restriction_type).first()
    restrictions.exclude(pk=getattr(restriction, "pk", None)).delete()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=restriction_type)
    if restriction_type == CollectionViewRestriction.GROUPS:
        restriction.groups.set(groups)
    return restriction


def site_collections():
    """(public, intranet) collections, created under the root on first use. The public one has
    no view restriction; the intranet one is for logged-in users."""
    root = Collection.get_first_root_node()
    public = _child_collection(root, PUBLIC_COLLECTION)
    intranet = _child_collection(root, INTRANET_COLLECTION)
    CollectionViewRestriction.objects.filter(collection=public).delete()
    _ensure_restriction(intranet, CollectionViewRestriction.LOGIN)
    return public, intranet


def intranet_collection():
    """The 局内网 collection, or None before setup_roles has run."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=INTRANET_COLLECTION).first() if root else None


def ensure_department_collection(department, intranet, admin_group):
    """A department's collection under 局内网: visible to its staff (member group), its editors
    and the information centre; its editors add, change and choose files there."""
    collection = department.collection
    if collection is None or not collection.get_parent() or collection.get_parent().pk != intranet.pk:
        collection = _child_collection(intranet, department.name)
        department.collection = collection
        department.save(update_fields=["collection"])
    members = ensure_member_group(department)
    editors = ensure_editor_group(department)
    _ensure_restriction(collection, CollectionViewRestriction.GROUPS, [members, editors, admin_group])
    _set_collection_permissions(editors, COLLECTION_PERMISSIONS_DEPARTMENT, collection)
    return collection


def sync_department_members():
    """Every staff profile's user in her department's member group (repairs drift)."""
    for profile in StaffProfile.objects.select_related("user", "department"):
        sync_member_groups(profile.user, profile.department)


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
    return group


def _grant_site_collections(group, public, intranet):
    """Editors and reviewers upload to and choose from both sites' collections (choosers show only
    the files they may also see: home/wagtail_hooks.py); not from the root, which would reach
    every department's files."""
    GroupCollectionPermission.objects.filter(
        group=group, collection=Collection.get_first_root_node()
    ).delete()
    for collection in (public, intranet):
        _set_collection_permissions(group, COLLECTION_PERMISSIONS_STAFF, collection)


def sync_sub_column_permissions(sub_column):
    """Give exactly the assigned department's editors add/change on one sub-column."""
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
    staff_group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    _set_model_permissions(staff_group, STAFF_MODEL_PERMISSIONS)
    admin_group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    reviewer_group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    _set_model_permissions(admin_group, ADMIN_MODEL_PERMISSIONS)
    _set_model_permissions(reviewer_group, STAFF_MODEL_PERMISSIONS)
    _set_collection_permissions(admin_group, COLLECTION_PERMISSIONS_ADMIN)
    public_collection, intranet = site_collections()
    _grant_site_collections(reviewer_group, public_collection, intranet)
    for home in home_pages:
        _grant_page(admin_group, home, ALL_PAGE_PERMISSIONS)
        _grant_page(reviewer_group, home, REVIEWER_PAGE_PERMISSIONS)
    for department in Department.objects.all():
        editors = ensure_editor_group(department)
        _grant_site_collections(editors, public_collection, intranet)
        ensure_department_collection(department, intranet, admin_group)
    sync_department_members()
    sync_all_editor_permissions()
    ensure_workflow(home_pages, [reviewer_group, admin_group])
    retire_wagtail_defaults()
    return admin_group, reviewer_group


__all__ = [
    "ADMIN_GROUP",
    "STAFF_GROUP",
    "EDITOR_GROUP_PREFIX",
    "REVIEWER_GROUP",
    "WORKFLOW_NAME",
    "Page",
    "INTRANET_COLLECTION",
    "PUBLIC_COLLECTION",
    "editor_group_name",
    "ensure_editor_group",
    "intranet_collection",
    "site_collections",
    "setup_roles",
    "sync_all_editor_permissions",
    "sync_sub_column_permissions",
]
