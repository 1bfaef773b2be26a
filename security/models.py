from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One security event: a login, a failure, a lockout, a change of password or of rights.

    Rows are written by security/audit.py only and never edited; they are deleted only by the
    retention prune (SECURITY_AUDIT_RETENTION_DAYS, at least 183 days). No field ever holds a
    password or a one-time code.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        SESSION_EXPIRED = "session_expired", "会话超时退出"
        LOCKED_OUT = "locked_out", "登录锁定"
        UNLOCKED = "unlocked", "解除锁定"
        PASSWORD_CHANGED = "password_changed", "修改密码"
        OTP_ENROLLED = "otp_enrolled", "启用双因素认证"
        OTP_VERIFIED = "otp_verified", "双因素验证通过"
        OTP_FAILED = "otp_failed", "双因素验证失败"
        OTP_REMOVED = "otp_removed", "停用双因素认证"
        USER_CREATED = "user_created", "新建账号"
        USER_DELETED = "user_deleted", "删除账号"
        ACCOUNT_FLAGS_CHANGED = "account_flags_changed", "账号状态变更"
        GROUPS_CHANGED = "groups_changed", "用户组变更"
        USER_PERMISSIONS_CHANGED = "user_permissions_changed", "用户权限变更"
        GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", "用户组权限变更"

    timestamp = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件", max_length=40, choices=Kind.choices, db_index=True)
    username = models.CharField("账号", max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账号（用户）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField("操作人", max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人（用户）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    detail = models.CharField("说明", max_length=1000, blank=True)
    data = models.JSONField("详细数据", default=dict, blank=True)

    class Meta:
        verbose_name = "安全审计记录"
        verbose_name_plural = "安全审计记录"
        ordering = ["-timestamp", "-pk"]
        permissions = [
            ("unlock_login", "解除登录锁定"),
            ("reset_otp", "重置他人的双因素认证"),
        ]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class PasswordHistory(models.Model):
    """The hash of each password a user has had, newest last; only the last few are kept
    (PASSWORD_HISTORY_COUNT) to refuse their reuse, and the newest dates the current password
    for expiry (PASSWORD_MAX_AGE_DAYS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history", verbose_name="用户"
    )
    password_hash = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="security_pwhistory_user_idx")]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
