"""Public forms: register for an activity, cancel with the code, the general sign-up."""

from django import forms
from django.core.exceptions import ValidationError

from interaction.cases import validators
from interaction.cases.forms import AccessibleFormMixin
from interaction.protection.forms import ProtectedFormMixin

from .choices import AVAILABILITY, INTERESTS


def _text(label, max_length, required=True, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, required=required,
        error_messages={"required": f"请填写{label}。", "max_length": f"{label}最多 %(limit_value)d 个字。"},
        **kwargs,
    )


class ContactFields(forms.Form):
    name = _text("姓名", 60, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = _text(
        "联系电话", 20, help_text="手机号码或带区号的固定电话，用于活动联系，不会公开。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254,
        help_text="选填。候补转为正式报名时，我们会发邮件告诉您。",
        error_messages={"invalid": "请填写正确的电子邮箱地址，如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("请填写姓名。")
        return name

    def clean_phone(self):
        return validators.clean_phone(self.cleaned_data["phone"])


class RegistrationForm(AccessibleFormMixin, ProtectedFormMixin, ContactFields):
    agree = forms.BooleanField(
        label="我已了解活动安排，同意工作人员为组织活动使用我的联系方式",
        error_messages={"required": "请勾选同意后再报名。"},
    )


class CancelForm(AccessibleFormMixin, ProtectedFormMixin, forms.Form):
    reference = _text("报名编号", 20, help_text="报名成功时显示的编号，如 ZY000123。",
                      widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}))
    code = _text("取消码", 20, help_text="报名成功时显示的 8 位取消码，不区分大小写。",
                 widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}))


class SignupForm(AccessibleFormMixin, ProtectedFormMixin, ContactFields):
    id_number = _text("身份证号码", 18, required=False, help_text="选填。用于办理志愿服务证明，不会公开。")
    interests = forms.MultipleChoiceField(
        label="服务意向", choices=INTERESTS, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一项服务意向。"},
    )
    availability = forms.MultipleChoiceField(
        label="可服务时间", choices=AVAILABILITY, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一项可服务时间。"},
    )
    note = _text("特长与说明", 300, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_id_number(self):
        value = self.cleaned_data["id_number"]
        return validators.clean_id_card(value) if value.strip() else ""
