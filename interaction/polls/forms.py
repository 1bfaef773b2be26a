"""The ballot form (one field per question, captcha and honeypot) and the staff's void form."""

from django import forms
from django.core.exceptions import ValidationError

from interaction.protection.forms import ProtectedFormMixin

from . import rules


class BallotForm(ProtectedFormMixin, forms.Form):
    """Fields are named q0, q1 ... in the poll's order; values are the options' keys."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        new_fields = {}
        for index, question in enumerate(questions):
            choices = [(o.key, o.label) for o in question.options]
            if question.multiple:
                field = forms.MultipleChoiceField(
                    label=question.text, choices=choices, widget=forms.CheckboxSelectMultiple,
                    error_messages={"required": f"请至少选择 {question.min_choices} 项。",
                                    "invalid_choice": "选项无效，请重新选择。"},
                )
            else:
                field = forms.ChoiceField(
                    label=question.text, choices=choices, widget=forms.RadioSelect,
                    error_messages={"required": "请选择一项。", "invalid_choice": "选项无效，请重新选择。"},
                )
            new_fields[f"q{index}"] = field
        # The questions come before the captcha and honeypot the mixin added.
        self.fields = {**new_fields, **self.fields}

    def question_fields(self):
        """(question, bound field, [(choice widget, option)]) for the template, which lays out
        options with their images."""
        rows = []
        for i, question in enumerate(self.questions):
            field = self[f"q{i}"]
            rows.append((question, field, list(zip(field.subwidgets, question.options, strict=False))))
        return rows

    def clean(self):
        cleaned = super().clean()
        for index, question in enumerate(self.questions):
            name = f"q{index}"
            if name not in cleaned or not question.multiple:
                continue
            chosen = cleaned[name]
            if len(chosen) < question.min_choices:
                self.add_error(name, f"请至少选择 {question.min_choices} 项。")
            elif question.max_choices and len(chosen) > question.max_choices:
                self.add_error(name, f"最多只能选择 {question.max_choices} 项。")
        return cleaned

    def answers(self):
        """{question key: [option keys]} from the cleaned data."""
        result = {}
        for index, question in enumerate(self.questions):
            value = self.cleaned_data.get(f"q{index}")
            result[question.key] = list(value) if isinstance(value, list | tuple) else [value]
        rules.check_answers(self.questions, result)
        return result


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="作废原因", max_length=200,
        error_messages={"required": "请填写作废原因。", "max_length": "作废原因不超过 200 字。"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("请填写作废原因。")
        return reason
