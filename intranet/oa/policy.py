"""The permission policy of the OA viewsets: the access rule of access.py, in Wagtail's terms.

- view: the item is visible to the user (access.visible);
- add: every member of staff (the form limits 阅件/办件 registration to registrars);
- change, delete: drafts only, by their creator or a registrar of the owning unit; once sent, an
  item changes only through routing transitions."""

from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from intranet.org.models import department_of

from .access import is_registrar, is_staff_member, may_manage, may_view, visible
from .choices import ItemStatus
from .models import ContactSheet, OfficialDocument, SignReport

ACTIONS = ("add", "change", "delete", "view")


class OAPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ACTIONS and is_staff_member(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return may_view(user, instance)
        if action in ("change", "delete"):
            return instance.status == ItemStatus.DRAFT and may_manage(user, instance)
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if "view" in actions:
            return visible(queryset, user)
        managed = Q(created_by=user)
        if is_registrar(user):
            managed |= Q(owner=department_of(user))
        return queryset.filter(managed, status=ItemStatus.DRAFT)

    def users_with_any_permission(self, actions):
        raise NotImplementedError("OA items are visible per item; ask access.visible instead")


POLICIES = {model: OAPermissionPolicy(model) for model in (OfficialDocument, ContactSheet, SignReport)}
