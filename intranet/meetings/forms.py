"""The notice form and the 回执 form: they turn posted text into the arguments of services.py,
which decides whether the move is allowed."""

from django import forms

from intranet.oa.forms import StaffChoiceField, staff_queryset
from intranet.org.models import Department

DATETIME = {"type": "datetime-local"}
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when(label, required=True):
    return forms.DateTimeField(
        label=label, required=required, input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
    )


class NoticeForm(forms.Form):
    title = forms.CharField(label="会议名称", max_length=200)
    starts_at = _when("会议时间")
    ends_at = _when("结束时间", required=False)
    place = forms.CharField(label="会议地点", max_length=120)
    agenda = forms.CharField(label="会议议程", widget=forms.Textarea(attrs={"rows": 5}))
    reply_deadline = _when("回执截止时间")
    departments = forms.ModelMultipleChoiceField(
        label="参会部门", required=False, queryset=Department.objects.filter(is_active=True).order_by("category", "sort_order"),
        widget=forms.CheckboxSelectMultiple, help_text="发送时通知所选部门的全体在职人员，每人回执",
    )
    people = StaffChoiceField(
        label="参会人员", required=False, queryset=staff_queryset(),
        widget=forms.SelectMultiple(attrs={"size": 8}), help_text="可多选（按住 Ctrl 或 Command 键）",
    )
    file = forms.FileField(label="附件", required=False, help_text="可在发送后继续上传")


class ReplyForm(forms.Form):
    attending = forms.TypedChoiceField(
        label="回执", choices=[("1", "参加"), ("0", "不参加")], coerce=lambda v: v == "1", widget=forms.RadioSelect,
    )
    attendees = forms.CharField(
        label="参会人员", max_length=300, required=False,
        help_text="本人参加可不填；代本部门回执多人参会时填写姓名，用顿号分隔",
    )
    reason = forms.CharField(label="不参加原因", max_length=300, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")
