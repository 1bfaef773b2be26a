"""Admin views of the security app: lockouts and unlocking, the audit log, and the second factor.

Every view is mounted under /admin/security/ by wagtail_hooks.py, so Wagtail's admin-access
check runs first; each view then checks its own permission (a typed URL is refused just like a
hidden menu item)."""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from . import lockout, otp
from .audit import record
from .forms import TokenForm, UnlockForm
from .models import AuditEvent

Kind = AuditEvent.Kind


def _next_url(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# Lockouts ----------------------------------------------------------------------------------------


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Accounts and client addresses with recent login failures, the locked ones with 解锁."""

    template_name = "security/lockouts.html"
    page_title = "登录锁定"
    header_icon = "lock"
    permission = "security.unlock_login"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = lockout.recent_failures()
        context.update(
            {
                "locked": [row for row in rows if row.locked],
                "watching": [row for row in rows if not row.locked],
                "account_limit": lockout.account_limit(),
                "address_limit": lockout.address_limit(),
                "cooloff_minutes": int(lockout.cooloff().total_seconds() // 60),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = UnlockForm(request.POST)
        if not form.is_valid():
            messages.error(request, "解锁请求无效，请刷新页面后重试。")
            return redirect("security_lockouts")
        kind, value = form.cleaned_data["kind"], form.cleaned_data["value"].strip()
        removed = lockout.unlock(kind, value)
        label = "账号" if kind == lockout.USERNAME else "网络地址"
        if not removed:
            messages.warning(request, f"{label}“{value}”目前没有被锁定，无需解锁。")
            return redirect("security_lockouts")
        if kind == lockout.USERNAME:
            target = get_user_model()._default_manager.filter(username=value).first()
            record(Kind.UNLOCKED, user=target, username=value, detail=f"解除账号锁定（清除 {removed} 条失败记录）",
                   data={"kind": kind, "value": value, "records": removed})
        else:
            record(Kind.UNLOCKED, username="", detail=f"解除网络地址 {value} 的锁定（清除 {removed} 条失败记录）",
                   data={"kind": kind, "value": value, "records": removed})
        messages.success(request, f"已解除{label}“{value}”的登录锁定。")
        return redirect("security_lockouts")


# Audit log ---------------------------------------------------------------------------------------


class AuditEventFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="事件", choices=Kind.choices, empty_label="全部事件")
    timestamp = django_filters.DateFromToRangeFilter(label="时间", widget=DateRangePickerWidget)
    username = django_filters.CharFilter(label="账号", lookup_expr="icontains")
    actor_username = django_filters.CharFilter(label="操作人", lookup_expr="icontains")
    ip_address = django_filters.CharFilter(label="来源地址", lookup_expr="startswith")

    class Meta:
        model = AuditEvent
        fields = ["kind", "timestamp", "username", "actor_username", "ip_address"]


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula (a failed login's user name is typed by
    anyone: "=HYPERLINK(...)" must stay text in the CSV)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class AuditLogView(ReportView):
    page_title = "安全审计日志"
    header_icon = "history"
    model = AuditEvent
    filterset_class = AuditEventFilterSet
    index_url_name = "security_audit"
    index_results_url_name = "security_audit_results"
    paginate_by = 50
    default_ordering = "-timestamp"
    verbose_name = "安全审计记录"
    verbose_name_plural = "安全审计记录"
    columns = [
        Column("timestamp", label="时间", accessor=lambda e: _local(e.timestamp), sort_key="timestamp"),
        Column("kind", label="事件", accessor="get_kind_display"),
        Column("username", label="账号", sort_key="username"),
        Column("actor_username", label="操作人", accessor=lambda e: e.actor_username or "系统"),
        Column("ip_address", label="来源地址"),
        Column("detail", label="说明"),
    ]
    list_export = ["timestamp", "get_kind_display", "username", "actor_username", "ip_address", "user_agent", "detail"]
    export_headings = {
        "timestamp": "时间",
        "get_kind_display": "事件",
        "username": "账号",
        "actor_username": "操作人",
        "ip_address": "来源地址",
        "user_agent": "浏览器",
        "detail": "说明",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        text = {self.FORMAT_CSV: _spreadsheet_safe, self.FORMAT_XLSX: _spreadsheet_safe}
        self.custom_field_preprocess = {
            "timestamp": {self.FORMAT_CSV: _local, self.FORMAT_XLSX: _local},
            **{field: text for field in ("username", "actor_username", "user_agent", "detail", "ip_address")},
        }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("security.view_auditevent"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"security-audit-{datetime.date.today():%Y-%m-%d}"


# Second factor -----------------------------------------------------------------------------------


def _otp_page(request, template, context):
    return TemplateResponse(request, template, context)


def otp_verify(request):
    """The code asked after the password of a user who has an authenticator."""
    user = request.user
    next_url = _next_url(request, reverse("wagtailadmin_home"))
    device = otp.confirmed_device(user)
    if device is None:  # e.g. reset by an administrator meanwhile
        if not otp.required_for(user):
            request.session.pop(otp.PENDING_KEY, None)
            return redirect(next_url)
        return redirect(f"{reverse('security_otp_setup')}?{urlencode({'next': next_url})}")
    if otp.is_verified(request):
        return redirect(next_url)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp.mark_verified(request, device)
            record(Kind.OTP_VERIFIED, user=user)
            return redirect(next_url)
        record(Kind.OTP_FAILED, user=user, detail="动态验证码错误")
    return _otp_page(request, "security/otp_verify.html", {"form": form, "next": next_url})


def otp_setup(request):
    """Set up an authenticator: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    next_url = _next_url(request, reverse("wagtailadmin_home"))
    if otp.confirmed_device(user) is not None:
        if not otp.is_verified(request):
            return redirect(f"{reverse('security_otp_verify')}?{urlencode({'next': next_url})}")
        return redirect("security_otp_status")
    device = otp.unconfirmed_device(user) if request.method == "POST" else None
    if device is None:
        device = otp.new_device(user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp.mark_verified(request, device)
        record(Kind.OTP_ENROLLED, user=user, detail="绑定身份验证器")
        messages.success(request, "已启用双因素认证。以后登录时，输入密码后还需输入身份验证器中的动态验证码。")
        return redirect(next_url)
    return _otp_page(
        request,
        "security/otp_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": otp.qr_svg(device),
            "secret": otp.secret_text(device),
            "required": otp.required_for(user),
        },
    )


class OTPStatusView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own second factor: whether it is on, and turning it off where allowed."""

    template_name = "security/otp_status.html"
    page_title = "双因素认证"
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update({"device": otp.confirmed_device(user), "required": otp.required_for(user)})
        return context

    def post(self, request, *args, **kwargs):
        user = request.user
        if otp.required_for(user):
            messages.error(request, "您的账号必须使用双因素认证，不能停用。更换手机请联系信息中心重置。")
        elif otp.remove_devices(user):
            record(Kind.OTP_REMOVED, user=user, detail="本人停用双因素认证")
            messages.success(request, "已停用双因素认证。")
        return redirect("security_otp_status")


class OTPResetView(WagtailAdminTemplateMixin, TemplateView):
    """An administrator removes someone's authenticator (a lost or replaced phone): GET asks
    for confirmation, POST does it."""

    template_name = "security/otp_reset.html"
    page_title = "重置双因素认证"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("security.reset_otp"):
            raise PermissionDenied
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailusers_users:index"), "label": "用户"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"target": self.target, "device": otp.confirmed_device(self.target)})
        return context

    def post(self, request, *args, **kwargs):
        target = self.target
        if otp.remove_devices(target):
            record(Kind.OTP_REMOVED, user=target, detail="管理员重置双因素认证")
            messages.success(request, f"已重置“{target.get_username()}”的双因素认证，其下次登录时需重新绑定。")
        else:
            messages.warning(request, f"“{target.get_username()}”没有绑定身份验证器。")
        return redirect("wagtailusers_users:index")
