from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm

from interaction.protection.forms import CAPTCHA_FIELD_NAME, make_captcha_field, recaptcha_enabled
from security.audit import record
from security.lockout import cooloff, lockout_message, login_state
from security.models import AuditEvent

CAPTCHA_NEEDED_MESSAGE = "登录失败次数较多，请先输入验证码再登录。"
WARN_WHEN_REMAINING = 2


def wrong_password_message(state):
    """Wagtail's "用户 用户名 密码不匹配" in plain words, warning when the lock is near (the
    same for any name typed, so it tells nothing about which accounts exist)."""
    message = "用户名或密码不正确，请重新输入。"
    remaining = state.account.limit - state.account.count
    if 0 < remaining <= WARN_WHEN_REMAINING:
        minutes = int(cooloff().total_seconds() // 60)
        message += f"再输错 {remaining} 次，该账号将被锁定 {minutes} 分钟。"
    return message


class StaffLoginForm(LoginForm):
    """The one staff login (/admin/login/): Wagtail's form with Chinese labels, the lockout of
    security.lockout, and the public forms' captcha after the first failures."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["password"].widget = forms.PasswordInput(attrs={"placeholder": "请输入密码"})
        self.fields["remember"].label = "记住我"
        self.login_state = None
        if request is not None:
            # Before the POST we know only the address; with it, the account typed as well.
            username = (self.data.get("username") or "").strip()[:150] if self.is_bound else ""
            if "\x00" in username:
                username = ""  # never a valid name (the field refuses it); PostgreSQL cannot query it
            self.login_state = login_state(request, username)
            if self.login_state.captcha_required:
                self.fields[CAPTCHA_FIELD_NAME] = make_captcha_field(request)

    @property
    def captcha_required(self):
        return CAPTCHA_FIELD_NAME in self.fields

    @property
    def address_lock_message(self):
        """Before anything is typed: whether this client address is locked out already."""
        if self.is_bound or self.login_state is None or not self.login_state.address.locked:
            return ""
        return lockout_message(self.login_state)

    @property
    def captcha_mode(self):
        return "recaptcha" if recaptcha_enabled() else "local"

    def clean(self):
        username = self.cleaned_data.get("username")
        if self.request is not None and username:
            state = login_state(self.request, username)
            if state.locked:
                # Refused without looking at the password; AxesMiddleware answers 429.
                self.request.axes_locked_out = True
                record(
                    AuditEvent.Kind.LOGIN_FAILED,
                    username=username,
                    actor=None,
                    request=self.request,
                    detail="已锁定期间尝试登录，未验证密码",
                )
                raise ValidationError(lockout_message(state), code="locked")
        if self.captcha_required and CAPTCHA_FIELD_NAME not in self.cleaned_data:
            # No password is checked until the captcha is answered.
            raise ValidationError(CAPTCHA_NEEDED_MESSAGE, code="captcha")
        try:
            return super().clean()
        except ValidationError as error:
            if self.request is None or not username or getattr(error, "code", None) != "invalid_login":
                raise
            state = login_state(self.request, username)
            if getattr(self.request, "axes_locked_out", False):
                # This failure reached a limit: say so rather than "wrong password".
                raise ValidationError(lockout_message(state), code="locked") from None
            if state.captcha_required and not self.captcha_required:
                # The form shown again asks for the captcha at once.
                self.fields[CAPTCHA_FIELD_NAME] = make_captcha_field(self.request)
            raise ValidationError(wrong_password_message(state), code="invalid_login") from None
