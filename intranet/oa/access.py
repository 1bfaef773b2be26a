"""Who may see an OA item: the one rule, applied to querysets (listings, search, counts) and to
single objects (inspect, edit, print, attachments, transitions) alike.

A member of staff sees an item when
- she created it, or it reached her on its route (a task that was not recalled or still queued),
- she is a registrar (公文收发员) of the owning unit,
- she is a leader of a department that is on the route,
- she is a registrar of a unit the document was sent to by 公文交换, or
- the item is 公开 and closed (published to all staff).
内部 items never leave the first four. Nobody else sees anything, superusers included: the
system administrator's rights do not extend to reading the bureau's mail."""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

from intranet.org.models import department_of

from .choices import ItemStatus, Secrecy, TaskStatus
from .models.items import Exchange, OfficeItem, Task

REGISTRAR_GROUP = "公文收发员"
HIDDEN_TASK_STATES = (TaskStatus.RECALLED, TaskStatus.QUEUED)


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active and department_of(user) is not None)


def is_registrar(user, department=None):
    """Is `user` a registrar (of `department`, when given: her own department)?"""
    own = department_of(user)
    if own is None or (department is not None and department.pk != own.pk):
        return False
    cached = getattr(user, "_oa_registrar", None)
    if cached is None:
        cached = user.groups.filter(name=REGISTRAR_GROUP).exists()
        user._oa_registrar = cached
    return cached


def is_leader(user):
    profile = getattr(user, "staff_profile", None)
    return bool(profile and profile.is_leader)


def visibility_filter(user, prefix=""):
    """A Q over OfficeItem (or a model reaching it through `prefix`, e.g. "item__") that keeps
    what `user` may see; None when she may see nothing."""
    if not is_staff_member(user):
        return None
    item = OuterRef(f"{prefix}pk" if prefix else "pk")
    department = department_of(user)
    reached = Task.objects.filter(item=item, user=user).exclude(status__in=HIDDEN_TASK_STATES)
    rule = Q(**{f"{prefix}created_by": user}) | Exists(reached)
    if is_registrar(user):
        rule |= Q(**{f"{prefix}owner": department})
        rule |= Exists(Exchange.objects.filter(document_id=item, to_unit=department))
    if is_leader(user):
        rule |= Exists(
            Task.objects.filter(item=item, department=department).exclude(status__in=HIDDEN_TASK_STATES)
        )
    rule |= Q(**{f"{prefix}secrecy": Secrecy.PUBLIC, f"{prefix}status": ItemStatus.CLOSED})
    return rule


def visible(queryset, user, prefix=""):
    rule = visibility_filter(user, prefix)
    return queryset.none() if rule is None else queryset.filter(rule)


def visible_items(user):
    return visible(OfficeItem.objects.all(), user)


def may_view(user, item):
    """The same rule for one item (one query)."""
    return visible(OfficeItem.objects.filter(pk=item.pk), user).exists()


def may_manage(user, item):
    """The item's owner side: its creator or a registrar of the owning unit."""
    if not is_staff_member(user):
        return False
    return item.created_by_id == user.pk or is_registrar(user, item.owner)


def registrar_group():
    return Group.objects.get_or_create(name=REGISTRAR_GROUP)[0]
