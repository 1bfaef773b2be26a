"""Roles, permissions and workflows, composed from every app's part.

Each app declares its own groups and permissions in its wagtail_hooks.py with the Wagtail hook
``register_roles`` (as search sources do with ``register_search_source``)::

    from wagtail import hooks
    from core.roles import ROLES_HOOK, role_order

    @hooks.register(ROLES_HOOK, order=role_order("interaction.cases"))
    def case_roles():
        setup_case_roles()      # idempotent: creates what is missing, repairs what drifted

`setup_roles()` (the `setup_roles` command) runs every part in one transaction, lower floors
first (core.floors), so a part may rely on what the parts below it created. A part that cannot
run yet raises RolesNotReady with a message for the operator; nothing is then changed.

The groups several apps grant permissions to are named here, once.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks

from .floors import floor_of

ROLES_HOOK = "register_roles"

ADMIN_GROUP = "信息中心管理员"  # the information centre: everything on both sites
REVIEWER_GROUP = "审核员"  # reviewers: approve and publish on both sites, review case replies


class RolesNotReady(Exception):
    """A part of the roles needs something that is not there yet (e.g. the site home pages)."""


def role_order(app):
    """The hook order of an app's part: its floor, so lower floors run first."""
    number = floor_of(app)
    if number is None:
        raise ValueError(f"{app} has no floor in core.floors.FLOORS")
    return number


def permissions(dotted_names):
    """The Permission rows named "app_label.codename"; raises Permission.DoesNotExist naming the
    missing ones (a typo or an app not migrated must not pass silently)."""
    wanted = {tuple(name.split(".")) for name in dotted_names}
    found = [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise Permission.DoesNotExist(f"missing permissions: {sorted('.'.join(m) for m in missing)}")
    return found


def grant(group_name, dotted_names):
    """The group (created if needed) holding at least these permissions; returns the Group."""
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*permissions(dotted_names))
    return group


def role_parts():
    """The registered parts, in the order they run."""
    return hooks.get_hooks(ROLES_HOOK)


@transaction.atomic
def setup_roles():
    """Run every app's part; returns the names of the parts run."""
    done = []
    for part in role_parts():
        part()
        done.append(f"{part.__module__}.{part.__name__}")
    return done
