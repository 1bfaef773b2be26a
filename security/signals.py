"""What writes the security audit log: Django's login signals, axes' lockout signal, a saved
password (via the password validators), and changes to users' rights (groups, permissions,
superuser / staff / active flags) and to groups' permissions."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from . import otp, sessions
from .audit import current_request, record
from .group_audit import deferred_to_group_form
from .lockout import login_state
from .middleware import PASSWORD_CHANGE_KEY
from .models import AuditEvent
from .passwords import password_expired, password_saved

Kind = AuditEvent.Kind
User = get_user_model()

FLAG_LABELS = {"is_superuser": "超级管理员", "is_staff": "职员标记", "is_active": "账号启用"}


def _user_named(username):
    if not username:
        return None
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


# Logins ------------------------------------------------------------------------------------------


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request.session)
    request.session[otp.PENDING_KEY] = otp.pending_step(user)
    if password_expired(user):
        request.session[PASSWORD_CHANGE_KEY] = True
    record(Kind.LOGIN, user=user, actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is None or getattr(request, "security_logout_reason", None):
        return  # an expired session was recorded as such
    record(Kind.LOGOUT, user=user, actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the name is kept.
    username = str(credentials.get("username") or "")
    locked = bool(getattr(request, "axes_locked_out", False))
    record(
        Kind.LOGIN_FAILED,
        user=_user_named(username),
        username=username,
        actor=None,
        request=request,
        detail="账号或地址已被锁定" if locked else "用户名或密码错误",
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # a login refused while already locked, not a new lockout
    state = login_state(request, username)
    if state.account.locked:
        detail = f"账号连续登录失败 {state.account.count} 次"
    else:
        detail = f"来源地址登录失败 {state.address.count} 次"
    record(
        Kind.LOCKED_OUT,
        user=_user_named(username),
        username=username or "",
        actor=None,
        request=request,
        detail=detail,
        data={"account_failures": state.account.count, "address_failures": state.address.count},
    )


# Passwords ---------------------------------------------------------------------------------------


@receiver(password_saved)
def _password_saved(sender, user, **kwargs):
    if getattr(user, "_security_adding", False):
        return  # part of creating the account, recorded as USER_CREATED
    request = current_request()
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        request.session.pop(PASSWORD_CHANGE_KEY, None)
        detail = "本人修改密码"
    else:
        detail = "管理员重设密码" if request is not None and request.user.is_authenticated else "重设密码"
    record(Kind.PASSWORD_CHANGED, user=user, detail=detail)


# Accounts and rights -----------------------------------------------------------------------------


@receiver(pre_save, sender=User)
def _remember_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._security_adding = instance._state.adding
    instance._security_old_flags = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(FLAG_LABELS):
        return  # e.g. the last_login update on every login
    instance._security_old_flags = (
        User._default_manager.filter(pk=instance.pk).values(*FLAG_LABELS).first()
    )


@receiver(post_save, sender=User)
def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        flags = [label for name, label in FLAG_LABELS.items() if name != "is_active" and getattr(instance, name)]
        record(
            Kind.USER_CREATED,
            user=instance,
            detail="新建账号" + (f"（{'、'.join(flags)}）" if flags else ""),
            data={name: getattr(instance, name) for name in FLAG_LABELS},
        )
        return
    old = getattr(instance, "_security_old_flags", None)
    if not old:
        return
    changes = {name: [old[name], getattr(instance, name)] for name in FLAG_LABELS if old[name] != getattr(instance, name)}
    instance._security_old_flags = None
    if changes:
        text = "；".join(f"{FLAG_LABELS[name]}：{'是' if a else '否'}→{'是' if b else '否'}" for name, (a, b) in changes.items())
        record(Kind.ACCOUNT_FLAGS_CHANGED, user=instance, detail=text, data=changes)


@receiver(post_delete, sender=User)
def _user_deleted(sender, instance, **kwargs):
    record(Kind.USER_DELETED, username=instance.get_username(), detail="删除账号")


def _names(model, pks, field):
    return sorted(model._default_manager.filter(pk__in=pks).values_list(field, flat=True))


def _permission_labels(pks):
    rows = Permission.objects.filter(pk__in=pks).select_related("content_type")
    return sorted(f"{p.name}（{p.content_type.app_label}.{p.codename}）" for p in rows)


def _m2m_handler(kind, owner_model, owner_field, related_field, describe, skip=lambda: False):
    """A receiver for one many-to-many relation of rights (through-table columns ``owner_field``
    and ``related_field``): records what was added, removed or cleared, per owner (a user, or a
    group for group permissions). ``describe(pks)`` names related objects."""

    def handler(sender, instance, action, reverse, model, pk_set, **kwargs):
        if skip():
            return
        # Forward (user.groups.add(g)): instance is the owner, pk_set holds related objects.
        # Reverse (group.user_set.add(u)): instance is the related object, pk_set holds owners.
        this, other = (related_field, owner_field) if reverse else (owner_field, related_field)
        if action == "pre_clear":  # post_clear has no pk_set: remember what is being cleared
            instance._security_clearing = set(
                sender.objects.filter(**{f"{this}_id": instance.pk}).values_list(f"{other}_id", flat=True)
            )
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        pks = getattr(instance, "_security_clearing", set()) if action == "post_clear" else set(pk_set or ())
        if not pks:
            return
        verb = "加入" if action == "post_add" else "移出"
        if reverse:
            for owner in owner_model._default_manager.filter(pk__in=pks):
                _record_rights(kind, owner, verb, describe({instance.pk}))
        else:
            _record_rights(kind, instance, verb, describe(pks))

    return handler


def _record_rights(kind, owner, verb, names):
    if not names:
        return
    if isinstance(owner, Group):
        record(kind, username=f"用户组：{owner.name}", detail=f"{verb}：{'、'.join(names)}", data={verb: names, "group": owner.name})
    else:
        record(kind, user=owner, detail=f"{verb}：{'、'.join(names)}", data={verb: names})


_groups_changed = _m2m_handler(Kind.GROUPS_CHANGED, User, "user", "group", lambda pks: _names(Group, pks, "name"))
_user_permissions_changed = _m2m_handler(
    Kind.USER_PERMISSIONS_CHANGED, User, "user", "permission", _permission_labels
)
_group_permissions_changed = _m2m_handler(
    Kind.GROUP_PERMISSIONS_CHANGED,
    Group,
    "group",
    "permission",
    _permission_labels,
    skip=lambda: deferred_to_group_form(current_request()),  # the group form records the net change
)

m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="security_groups_changed")
m2m_changed.connect(
    _user_permissions_changed, sender=User.user_permissions.through, dispatch_uid="security_user_permissions_changed"
)
m2m_changed.connect(
    _group_permissions_changed, sender=Group.permissions.through, dispatch_uid="security_group_permissions_changed"
)
