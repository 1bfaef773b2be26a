"""Audit of a group's page and collection permissions edited in the admin's group form.

Wagtail saves those permissions with bulk_create (no signals), and re-adds the model
permissions its form does not show after clearing them, so the form's changes are compared
instead of followed: GroupRightsAudit is registered as the last "permission panel" of the group
form. It shows nothing; it notes all of the group's rights (model, page and collection
permissions) when the form is loaded and, after the other panels have saved, records one entry
with what was added and removed. For that request the many-to-many signal of signals.py leaves
group permissions to it.
"""

from django import forms
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .audit import current_request, record
from .models import AuditEvent

ACTION_LABELS = {
    "add": "新建",
    "change": "编辑",
    "publish": "发布",
    "bulk_delete": "批量删除",
    "lock": "锁定",
    "unlock": "解锁",
    "delete": "删除",
    "choose": "选用",
}
MODEL_LABELS = {"page": "页面", "image": "图片", "document": "文档"}


def permission_label(codename):
    action, _, model = codename.rpartition("_")
    if action in ACTION_LABELS and model in MODEL_LABELS:
        return f"{ACTION_LABELS[action]}{MODEL_LABELS[model]}"
    return codename


DEFERRED_ATTR = "security_group_rights_audited_by_form"


def deferred_to_group_form(request):
    return bool(request is not None and getattr(request, DEFERRED_ATTR, False))


def rights_of(group):
    """The group's model, page and collection permissions as readable, comparable strings."""
    if group is None or group.pk is None:
        return set()
    models = group.permissions.select_related("content_type")
    pages = GroupPagePermission.objects.filter(group=group).select_related("page", "permission")
    collections = GroupCollectionPermission.objects.filter(group=group).select_related("collection", "permission")
    return (
        {f"{p.name}（{p.content_type.app_label}.{p.codename}）" for p in models}
        | {f"页面“{p.page.title}”：{permission_label(p.permission.codename)}" for p in pages}
        | {f"集合“{c.collection.name}”：{permission_label(c.permission.codename)}" for c in collections}
    )


def record_group_rights_change(group, before, after):
    added, removed = sorted(after - before), sorted(before - after)
    if not added and not removed:
        return None
    parts = []
    if added:
        parts.append(f"加入：{'、'.join(added)}")
    if removed:
        parts.append(f"移出：{'、'.join(removed)}")
    return record(
        AuditEvent.Kind.GROUP_PERMISSIONS_CHANGED,
        username=f"用户组：{group.name}",
        detail="；".join(parts),
        data={"group": group.name, "加入": added, "移出": removed},
    )


class GroupRightsAudit:
    """A permission panel of the group form that renders nothing (see the module docstring)."""

    media = forms.Media()

    def __init__(self, data=None, files=None, instance=None, prefix=None):
        self.instance = instance
        self.before = rights_of(instance)
        request = current_request()
        if request is not None:
            setattr(request, DEFERRED_ATTR, True)

    def is_valid(self):
        return True

    def as_admin_panel(self):
        return ""

    def save(self):
        record_group_rights_change(self.instance, self.before, rights_of(self.instance))
