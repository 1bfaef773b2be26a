"""The security pages in the Wagtail admin: a 安全管理 menu (登录锁定, 安全审计日志) for those
holding the permissions, the second factor on every user's account page, and a reset button
in the user listing; and this app's part of the roles (core/roles.py)."""

from django.urls import path, reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from core.roles import ADMIN_GROUP, ROLES_HOOK, grant, role_order

from . import otp, views
from .group_audit import GroupRightsAudit


@hooks.register("register_admin_urls")
def security_urls():
    return [
        path("security/lockouts/", views.LockoutsView.as_view(), name="security_lockouts"),
        path("security/audit/", views.AuditLogView.as_view(), name="security_audit"),
        path("security/audit/results/", views.AuditLogView.as_view(results_only=True), name="security_audit_results"),
        path("security/otp/verify/", views.otp_verify, name="security_otp_verify"),
        path("security/otp/setup/", views.otp_setup, name="security_otp_setup"),
        path("security/account/otp/", views.OTPStatusView.as_view(), name="security_otp_status"),
        path("security/users/<int:user_id>/reset-otp/", views.OTPResetView.as_view(), name="security_otp_reset"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def security_menu_item():
    menu = Menu(
        items=[
            PermissionMenuItem(
                "登录锁定", reverse_lazy("security_lockouts"), name="security-lockouts",
                permission="security.unlock_login", icon_name="lock", order=100,
            ),
            PermissionMenuItem(
                "安全审计日志", reverse_lazy("security_audit"), name="security-audit",
                permission="security.view_auditevent", icon_name="history", order=200,
            ),
        ]
    )
    return SubmenuMenuItem("安全管理", menu, name="security", icon_name="key", order=9000)


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("security_otp_status"),
        "label": "双因素认证",
        "help_text": "用手机上的身份验证器应用生成动态验证码，登录时在密码之外再输入它。",
    }


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    if request_user.has_perm("security.reset_otp") and otp.confirmed_device(user) is not None:
        yield Button(
            "重置双因素认证",
            url=reverse("security_otp_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_group_permission_panel", order=10_000)  # after every panel that saves
def group_rights_audit():
    return GroupRightsAudit


@hooks.register(ROLES_HOOK, order=role_order("security"))
def security_roles():
    """信息中心管理员 browses and exports the audit log, unlocks logins and resets a lost second factor."""
    grant(ADMIN_GROUP, ["security.view_auditevent", "security.unlock_login", "security.reset_otp"])
