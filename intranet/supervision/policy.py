"""The permission policy of the 两会议案 viewset, in Wagtail's terms:

- view: access.visible_proposals (lead and co departments' staff, leaders, 信息中心管理员);
- add: leaders and 信息中心管理员 (they 交办);
- change: the same, until the proposal is closed; delete: only while still 交办.
State changes go through transitions.py, never through the edit form."""

from wagtail.permission_policies.base import BasePermissionPolicy

from .access import is_staff_member, is_supervisor, may_view, visible_proposals
from .choices import State
from .models import Proposal


class ProposalPermissionPolicy(BasePermissionPolicy):
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
            return instance.state != State.CLOSED
        if action == "delete":
            return instance.state == State.ASSIGNED
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = Proposal.objects.all()
        if "view" in actions and is_staff_member(user):
            return visible_proposals(user, queryset)
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if "change" in actions:
            return queryset.exclude(state=State.CLOSED)
        return queryset.filter(state=State.ASSIGNED)

    def users_with_any_permission(self, actions):
        raise NotImplementedError("proposals are visible per department; ask access.visible_proposals")


POLICY = ProposalPermissionPolicy(Proposal)
