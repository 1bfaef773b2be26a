"""Who sees a 两会议案 or a 督办 item: staff of its lead (主办) or co-handling (协办) departments, the bureau's
leaders and the 信息中心管理员. Everyone else sees nothing — a typed URL is a 404. Who acts on
one: the lead department's staff handle and reply; leaders and 信息中心管理员 register (交办),
edit and close (办结) proposals."""

from django.db.models import Exists, OuterRef, Q

from core.roles import ADMIN_GROUP
from intranet.oa.access import is_leader, is_staff_member
from intranet.org.models import department_of

from .models import Proposal, SupervisionTask


def is_supervisor(user):
    """Leaders and 信息中心管理员: they see every proposal, register and close them."""
    if not is_staff_member(user):
        return False
    cached = getattr(user, "_supervision_admin", None)
    if cached is None:
        cached = user.groups.filter(name=ADMIN_GROUP).exists()
        user._supervision_admin = cached
    return cached or is_leader(user)


def visible(queryset, user):
    """The rows of `queryset` (proposals or 督办 items: both have lead_department and
    co_departments) that `user` may see."""
    if not is_staff_member(user):
        return queryset.none()
    if is_supervisor(user):
        return queryset
    department = department_of(user)
    through = queryset.model.co_departments.through
    co = through.objects.filter(**{queryset.model._meta.model_name: OuterRef("pk"), "department": department})
    return queryset.filter(Q(lead_department=department) | Exists(co))


def visible_proposals(user, queryset=None):
    return visible(Proposal.objects.all() if queryset is None else queryset, user)


def visible_tasks(user):
    return visible(SupervisionTask.objects.all(), user)


def may_view(user, item):
    return visible(type(item).objects.filter(pk=item.pk), user).exists()


def is_lead_staff(user, item):
    department = department_of(user) if is_staff_member(user) else None
    return department is not None and department.pk == item.lead_department_id


def is_co_staff(user, item):
    department = department_of(user) if is_staff_member(user) else None
    return department is not None and item.co_departments.filter(pk=department.pk).exists()
