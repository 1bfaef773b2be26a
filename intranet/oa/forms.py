"""Forms of the 办理 page: a routing plan (for sending and 加签), an opinion, a reason, units for
公文交换 and the kind chosen at 签收. They turn posted text into the engine's arguments; the engine
decides whether the move is allowed."""

from datetime import datetime, time

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.org.models import Department

from .choices import Action, Kind
from .routing import Hop

MAX_HOPS = 3
STEP_ACTIONS = [("", "—— 选择环节 ——")] + list(Action.choices)


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        profile = user.staff_profile
        return f"{profile.full_name}（{profile.department.display_name}{'·' + profile.position if profile.position else ''}）"


def staff_queryset():
    return (
        get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile__department")
        .order_by("staff_profile__department__category", "staff_profile__department__sort_order", "staff_profile__sort_order", "pk")
    )


class PlanForm(forms.Form):
    """Up to MAX_HOPS steps; empty rows are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = staff_queryset()
        for n in range(1, MAX_HOPS + 1):
            self.fields[f"action_{n}"] = forms.ChoiceField(label=f"第{n}步 环节", choices=STEP_ACTIONS, required=False)
            self.fields[f"users_{n}"] = StaffChoiceField(
                label=f"第{n}步 办理人", queryset=people, required=False,
                widget=forms.SelectMultiple(attrs={"size": 6, "class": "oa-people"}),
                help_text="可多选（按住 Ctrl 或 Command 键）",
            )
            self.fields[f"parallel_{n}"] = forms.TypedChoiceField(
                label="多人时", choices=[("1", "并行（同时办理，如会签）"), ("0", "串行（依次办理）")],
                coerce=lambda v: v == "1", initial="1", required=False, widget=forms.RadioSelect,
            )
            self.fields[f"due_{n}"] = forms.DateField(
                label="办理时限", required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    def rows(self):
        return [
            [self[f"action_{n}"], self[f"users_{n}"], self[f"parallel_{n}"], self[f"due_{n}"]]
            for n in range(1, MAX_HOPS + 1)
        ]

    def clean(self):
        data = super().clean()
        plan = []
        for n in range(1, MAX_HOPS + 1):
            action, users = data.get(f"action_{n}"), list(data.get(f"users_{n}") or [])
            if not action and not users:
                continue
            if not action:
                self.add_error(f"action_{n}", "请选择环节。")
                continue
            if not users:
                self.add_error(f"users_{n}", "请选择办理人。")
                continue
            due = data.get(f"due_{n}")
            if due and due < timezone.localdate():
                self.add_error(f"due_{n}", "办理时限不能早于今天。")
                continue
            due_at = timezone.make_aware(datetime.combine(due, time(17, 0))) if due else None
            plan.append(Hop(action, users, bool(data.get(f"parallel_{n}", True)), due_at))
        if not plan and not self.errors:
            raise forms.ValidationError("请至少安排一个流转步骤。")
        data["plan"] = plan
        return data


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label="办理意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="办件、核稿、会签、签发、批示、回复须填写意见",
    )


class ForwardForm(OpinionForm, PlanForm):
    pass


class ReasonForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ExchangeForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label="接收单位", queryset=Department.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="说明", max_length=200, required=False)


class AcceptExchangeForm(forms.Form):
    doc_kind = forms.ChoiceField(
        label="登记为", choices=[(Kind.READ.value, Kind.READ.label), (Kind.HANDLE.value, Kind.HANDLE.label)],
        widget=forms.RadioSelect, initial=Kind.READ.value,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")


ACTION_FORMS = {
    "send": PlanForm,
    "complete": OpinionForm,
    "forward": ForwardForm,
    "return": ReasonForm,
    "exchange": ExchangeForm,
}
