"""Public forms of the forum and the message board (captcha and honeypot from interaction.protection,
accessible errors from the case forms), and the moderator's forms in the admin."""

from django import forms
from django.core.exceptions import ValidationError

from interaction.cases import validators
from interaction.cases.forms import AccessibleFormMixin
from interaction.protection.forms import ProtectedFormMixin


def _text(label, max_length, required=True, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, required=required,
        error_messages={
            "required": f"请填写{label}。",
            "max_length": f"{label}最多 %(limit_value)d 个字（现在是 %(show_value)d 个字）。",
        },
        **kwargs,
    )


class PostForm(AccessibleFormMixin, ProtectedFormMixin, forms.Form):
    """A topic, a reply or a message. `with_title=False` for replies."""

    nickname = _text("昵称", 30, help_text="将随内容公开显示，可以不用真实姓名。", widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    phone = _text(
        "联系电话", 20, required=False, help_text="选填，仅供工作人员与您联系，不会公开。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254, help_text="选填，不会公开。",
        error_messages={"invalid": "请填写正确的电子邮箱地址，如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    title = _text("标题", 80)
    body = _text("内容", 2000, help_text="至少 5 个字，最多 2000 字。", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, with_title=True, body_label="内容", **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
        body = self.fields["body"]
        body.label = body_label
        body.error_messages["required"] = f"请填写{body_label}。"
        self._describe_fields()

    def clean_nickname(self):
        nickname = self.cleaned_data["nickname"].strip()
        if not nickname:
            raise ValidationError("请填写昵称。")
        return nickname

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return validators.clean_phone(phone) if phone.strip() else ""

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_body(self):
        return validators.validate_meaningful_text(self.cleaned_data["body"], min_length=5)

    def post_fields(self):
        data = self.cleaned_data
        names = ("nickname", "phone", "email", "title", "body")
        return {name: data[name] for name in names if name in data}


class ModerationForm(forms.Form):
    reason = forms.CharField(label="说明（选填，记入日志）", max_length=200, required=False)


class AnswerForm(forms.Form):
    """The bureau's reply to a message, or a guest's answer to a question (label set by the view)."""

    answer = forms.CharField(
        label="答复", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写答复内容。"},
    )
