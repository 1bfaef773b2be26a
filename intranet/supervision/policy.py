"""The permission policy of the 两会议案 and 督办 viewsets, in Wagtail's terms:

- view: access.visible_proposals (lead and co departments' staff, leaders, 信息中心管理员);
- add: leaders and 信息中心管理员 (they 交办);
- change: the same, until the proposal is closed; delete: only while still 交办.
State changes go through transitions.py, never through the edit form."""

from wagtail.permission_policies.base import BasePermissionPolicy

from .access import is_staff_member, is_supervisor, may_view, visible
from .models import Proposal, SupervisionTask

ASSIGNED, CLOSED = "assigned", "closed"  # the first and last state of both proposals and 督办 items


class SupervisionPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view":
            return is_staff_member(user)
        return action in ("add", "change", "delete") and is_supervisor(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return may_view(user, instance)
        if action == "change":
            return instance.state != CLOSED
        if action == "delete":
            return instance.state == ASSIGNED
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if "view" in actions and is_staff_member(user):
            return visible(queryset, user)
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if "change" in actions:
            return queryset.exclude(state=CLOSED)
        return queryset.filter(state=ASSIGNED)

    def users_with_any_permission(self, actions):
        raise NotImplementedError("proposals are visible per department; ask access.visible")


POLICY = SupervisionPermissionPolicy(Proposal)
TASK_POLICY = SupervisionPermissionPolicy(SupervisionTask)
