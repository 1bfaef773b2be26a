import ipaddress

from django import forms

from . import otp


class TokenForm(forms.Form):
    """The six-digit code of an authenticator app, checked against ``device``."""

    token = forms.CharField(
        label="动态验证码",
        max_length=20,
        help_text="打开手机上的身份验证器应用，输入其中显示的 6 位数字。",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": "", "size": 8}
        ),
        error_messages={"required": "请输入 6 位动态验证码。"},
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"]
        if self.device is None:
            raise forms.ValidationError("尚未绑定身份验证器。", code="no_device")
        if otp.throttled(self.device):
            raise forms.ValidationError("验证码错误次数过多，请稍等几秒后再试。", code="throttled")
        if not otp.check_token(self.device, token):
            raise forms.ValidationError("动态验证码不正确或已过期，请输入应用中当前显示的 6 位数字。", code="invalid")
        return otp.clean_token(token)


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[("username", "账号"), ("ip_address", "网络地址")])
    value = forms.CharField(max_length=255)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "ip_address" and cleaned.get("value"):
            try:
                cleaned["value"] = str(ipaddress.ip_address(cleaned["value"].strip()))
            except ValueError:
                raise forms.ValidationError("网络地址格式不正确。", code="invalid_ip") from None
        return cleaned
