"""Who may see and handle which case: the one permission policy of Case and `scoped_cases`.

A department handler sees only cases her department handles or co-handles; staff with
`view_all_cases` (the information centre) see every case. The same rule filters listings and
refuses single-object URLs (edit, inspect, history, export) and every transition.

CASE_POLICY is the only instance: wagtail_hooks.py registers it with Wagtail's policy registry
(so every generic view, menu item and bulk action asks it), the admin views, the workflow and
the audit log scope use it directly."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from intranet.org.models import department_of

# The submodule, not the package: models/log.py imports this module while the package loads.
from .models.case import Case

# Transition name -> what the user must hold. "handle" means change permission on a case in scope.
DISPATCH = "dispatch"
HANDLE = "handle"
REVIEW = "review"

READ_ACTIONS = ("view", "change")


class CasePermissionPolicy(ModelPermissionPolicy):
    def sees_all(self, user):
        return user.is_active and (user.is_superuser or user.has_perm("cases.view_all_cases"))

    def in_scope(self, user, case):
        if self.sees_all(user):
            return True
        department = department_of(user)
        if department is None:
            return False
        if case.department_id == department.pk:
            return True
        return case.co_departments.filter(pk=department.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        model = self.model
        if not self.user_has_any_permission(user, actions):
            return model._default_manager.none()
        if self.sees_all(user):
            return model._default_manager.all()
        return model._default_manager.for_department(department_of(user))

    def may(self, user, requirement, case):
        """May `user` perform a transition needing `requirement` on `case`?"""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if requirement == DISPATCH:
            return user.has_perm("cases.dispatch_case")
        if requirement == REVIEW:
            return user.has_perm("cases.review_case")
        return user.has_perm("cases.change_case") and self.in_scope(user, case)

    def may_see_personal_data(self, user, case):
        return user.has_perm("cases.view_personal_data") and self.in_scope(user, case)

    def may_register(self, user):
        """May `user` register a case received by phone, letter or visit (一网一线)?"""
        return self.user_has_permission(user, "add")


CASE_POLICY = CasePermissionPolicy(Case)


def scoped_cases(user, actions=READ_ACTIONS):
    """The cases `user` may open: all for the information centre, else her department's."""
    return CASE_POLICY.instances_user_has_any_permission_for(user, list(actions))
