from django import forms
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    """Wagtail's login form with Chinese labels (its password field has none of its own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["password"].widget = forms.PasswordInput(attrs={"placeholder": "请输入密码"})
        self.fields["remember"].label = "记住我"
