"""One small form per staff transition, shown on the case's 办理 page, and the form a handler
registers a case received by phone, letter or visit with (一网一线).

The forms only parse what was typed (a department id, a number, a reference); whether the move is
allowed and whether the required texts are there is the engine's decision (workflow.py), so its
Chinese refusal is what staff see. Required fields carry the HTML `required` attribute as a hint
to the browser only."""

from django import forms
from django.db.models import Q

from intranet.org.models import Department

from .. import validators
from ..choices import REGISTERED_VIA, RESULT_REASONS, Channel, ComplaintCategory, DisclosureResult, IdType
from ..forms import AccessibleFormMixin, text_field
from ..models import Case, ReplyTemplate
from ..workflow import EDIT_VIEW_TRANSITIONS, TRANSITIONS

TEXTAREA = {"rows": 4, "cols": 60}


def _required(widget):
    widget.attrs["required"] = True
    return widget


def _departments():
    return Department.objects.filter(is_active=True)


class TransitionForm(forms.Form):
    """Base class: knows the case and the user; `transition_kwargs()` feeds workflow.perform()."""

    name = None
    #: Forms without fields are rendered as a single button.
    primary = False
    help_text = ""

    def __init__(self, *args, case, user, **kwargs):
        self.case = case
        self.user = user
        kwargs.setdefault("prefix", self.name)
        super().__init__(*args, **kwargs)

    @property
    def label(self):
        return TRANSITIONS[self.name][2]

    @property
    def has_fields(self):
        return bool(self.fields)

    def transition_kwargs(self):
        """The form's fields are the transition's keyword arguments, unless a form says otherwise."""
        return {name: self.cleaned_data[name] for name in self.fields}


class AcceptForm(TransitionForm):
    name = "accept"
    primary = True


class RejectForm(TransitionForm):
    name = "reject"
    reason = forms.CharField(label="不予受理理由", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)))


class AssignForm(TransitionForm):
    name = "assign"
    primary = True
    department = forms.ModelChoiceField(
        label="承办部门", queryset=Department.objects.none(), required=False, empty_label="请选择",
        widget=_required(forms.Select()),
    )
    co_departments = forms.ModelMultipleChoiceField(
        label="协办部门", queryset=Department.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="可不选；承办部门不必重复勾选。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()
        self.fields["co_departments"].queryset = _departments()

    def transition_kwargs(self):
        return {
            "department": self.cleaned_data["department"],
            "co_departments": list(self.cleaned_data["co_departments"]),
        }


class TransferForm(TransitionForm):
    name = "transfer"
    department = forms.ModelChoiceField(
        label="新的承办部门", queryset=Department.objects.none(), required=False, empty_label="请选择",
        widget=_required(forms.Select()),
    )
    reason = forms.CharField(label="转办理由", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = _departments()
        if self.case.department_id:
            departments = departments.exclude(pk=self.case.department_id)
        self.fields["department"].queryset = departments


class MergeForm(TransitionForm):
    name = "merge"
    target = forms.CharField(
        label="并入办件编号", required=False, max_length=20, widget=_required(forms.TextInput(attrs={"size": 20})),
        help_text="填写相同诉求的主办件编号，本件将标记为“已合并”。",
    )

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only cases the user may see can be named as the target.
        self.scope = scope if scope is not None else Case.objects.none()

    def clean_target(self):
        reference = (self.cleaned_data.get("target") or "").strip().upper()
        if not reference:
            return None
        target = self.scope.filter(reference=reference).first()
        if target is None:
            raise forms.ValidationError(f"未找到编号为“{reference}”的办件。")
        return target

    def transition_kwargs(self):
        return {"into": self.cleaned_data["target"]}


class RequestExtensionForm(TransitionForm):
    name = "request_extension"
    days = forms.IntegerField(
        label="延期工作日数", required=False, min_value=1, max_value=60,
        widget=_required(forms.NumberInput(attrs={"min": 1, "max": 60, "size": 4})),
    )
    reason = forms.CharField(label="延期理由", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)))


class ApproveExtensionForm(TransitionForm):
    name = "approve_extension"
    primary = True


class DenyExtensionForm(TransitionForm):
    name = "deny_extension"
    comment = forms.CharField(label="不批准的意见", required=False, widget=forms.Textarea(attrs=TEXTAREA))


class RequestCompletionForm(TransitionForm):
    name = "request_completion"
    notice = forms.CharField(
        label="需要补正的内容", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)),
        help_text="发出后暂停计时，申请人补正后答复期限重新起算。",
    )


class StartThirdPartyForm(TransitionForm):
    name = "start_third_party"
    note = forms.CharField(
        label="征求意见的第三方和事项", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)),
        help_text="征求第三方意见期间不计入答复期限。",
    )


class EndThirdPartyForm(TransitionForm):
    name = "end_third_party"
    primary = True


def _result_reason_choices():
    choices = [("", "（无）")]
    for result, reasons in RESULT_REASONS.items():
        choices.append((DisclosureResult(result).label, list(reasons)))
    return choices


class DraftReplyForm(TransitionForm):
    name = "draft_reply"
    primary = True
    template = forms.ModelChoiceField(
        label="答复模板", queryset=ReplyTemplate.objects.none(), required=False, empty_label="不使用模板",
        help_text="选择模板后点击“使用模板”，模板正文将填入下面的答复内容。",
    )
    text = forms.CharField(
        label="答复内容", required=False, widget=_required(forms.Textarea(attrs={"rows": 10, "cols": 60}))
    )
    reply_department = forms.ModelChoiceField(
        label="答复部门", queryset=Department.objects.none(), required=False, empty_label="（同承办部门）"
    )
    result = forms.ChoiceField(label="办理结果", required=False, choices=[("", "请选择")] + list(DisclosureResult.choices))
    result_reason = forms.ChoiceField(
        label="具体理由", required=False, choices=_result_reason_choices(),
        help_text="“不予公开”“无法提供”“不予处理”“其他处理”须选择与之对应的理由。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReplyTemplate.objects.filter(
            Q(channel=self.case.channel) | Q(channel="")
        )
        self.fields["reply_department"].queryset = _departments()
        if not self.is_bound and "text" not in self.initial:
            # A reply sent back by the reviewer comes back for revision.
            self.initial["text"] = self.case.reply
            self.initial["reply_department"] = self.case.reply_department_id or self.case.department_id
            self.initial["result"] = self.case.result
            self.initial["result_reason"] = self.case.result_reason
        if self.case.channel != Channel.DISCLOSURE:
            del self.fields["result"]
            del self.fields["result_reason"]

    def with_template(self):
        """A fresh (unbound) form keeping what was typed, the chosen template's text filled in.
        Works without JavaScript: the "使用模板" button posts the form, the page comes back."""
        initial = {}
        for name in self.fields:
            value = self.data.get(self.add_prefix(name))
            if value not in (None, ""):
                initial[name] = value
        template_id = self.data.get(self.add_prefix("template"))
        template = self.fields["template"].queryset.filter(pk=template_id).first() if template_id and str(template_id).isdigit() else None
        if template is not None:
            typed = (initial.get("text") or "").strip()
            initial["text"] = f"{typed}\n\n{template.body}" if typed else template.body
        form = type(self)(case=self.case, user=self.user, initial=initial)
        form.template_applied = template
        return form

    def transition_kwargs(self):
        data = self.cleaned_data
        kwargs = {"text": data["text"], "reply_department": data["reply_department"]}
        if "result" in self.fields:
            kwargs["result"] = data["result"]
            kwargs["result_reason"] = data["result_reason"]
        return kwargs


class ApproveReplyForm(TransitionForm):
    name = "approve_reply"
    primary = True
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class ReturnReplyForm(TransitionForm):
    name = "return_reply"
    comment = forms.CharField(label="退回原因", required=False, widget=_required(forms.Textarea(attrs=TEXTAREA)))


class CloseForm(TransitionForm):
    name = "close"
    primary = True


class PublishForm(TransitionForm):
    name = "publish"
    primary = True
    help_text = "公开前请删改涉及个人隐私的内容；这里的修改只影响公开文本，来信原文和答复原文保留不变。"
    public_title = forms.CharField(label="公开标题", required=False, max_length=80, widget=_required(forms.TextInput(attrs={"size": 60})))
    public_content = forms.CharField(label="公开内容", required=False, widget=_required(forms.Textarea(attrs={"rows": 8, "cols": 60})))
    public_reply = forms.CharField(label="公开答复", required=False, widget=_required(forms.Textarea(attrs={"rows": 8, "cols": 60})))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
        self.initial.setdefault("public_title", case.public_title or case.title)
        self.initial.setdefault("public_content", case.public_content or case.content)
        self.initial.setdefault("public_reply", case.public_reply or case.reply)


class UnpublishForm(TransitionForm):
    name = "unpublish"


FORMS = {
    form.name: form
    for form in [
        AcceptForm, RejectForm, AssignForm, TransferForm, MergeForm, RequestExtensionForm,
        ApproveExtensionForm, DenyExtensionForm, RequestCompletionForm, StartThirdPartyForm,
        EndThirdPartyForm, DraftReplyForm, ApproveReplyForm, ReturnReplyForm, CloseForm,
        PublishForm, UnpublishForm,
    ]
}
assert set(FORMS) == set(TRANSITIONS) - EDIT_VIEW_TRANSITIONS, "every staff transition needs its admin form"


def transition_form(name, *, case, user, data=None, scope=None, initial=None):
    form_class = FORMS[name]
    kwargs = {"case": case, "user": user, "initial": initial}
    if form_class is MergeForm:
        kwargs["scope"] = scope
    return form_class(data, **kwargs) if data is not None else form_class(**kwargs)


# Registering a case received by the 12369 hotline, a letter or a visit (一网一线) ------------------

# Cases of these channels may be registered; a disclosure request needs the applicant's own
# written request and identity document, so it is submitted online.
REGISTERABLE_CHANNELS = [Channel.MAILBOX, Channel.COMPLAINT, Channel.CONSULTATION]


def _choice(label, choices, required=True, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, required=required,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请从列出的选项中选择{label}。"}, **kwargs
    )


class RegisterCaseForm(AccessibleFormMixin, forms.Form):
    """What the caller, writer or visitor told the handler. Only validates; the view hands
    case_fields() to workflow.register."""

    received_via = _choice(
        "受理方式", [(via.value, via.label) for via in REGISTERED_VIA], widget=forms.RadioSelect,
    )
    channel = _choice(
        "办件类别", [(c.value, c.label) for c in REGISTERABLE_CHANNELS], widget=forms.RadioSelect,
        help_text="与网上渠道相同：办理时限、编号规则和办理流程一致。",
    )
    name = text_field("姓名/名称", 60, help_text="来电、来信或来访人的姓名或单位名称。")
    phone = text_field("联系电话", 20, help_text="手机号码或带区号的固定电话。")
    address = text_field("联系地址", 120, required=False)
    id_type = _choice("证件类型", [("", "（不登记）")] + list(IdType.choices), required=False)
    id_number = text_field("证件号码", 30, required=False, help_text="可不填；填写时请同时选择证件类型。")
    category = _choice(
        "投诉类别", [("", "请选择")] + list(ComplaintCategory.choices), required=False, help_text="办件类别为投诉时必填。",
    )
    location = text_field("发生地点", 120, required=False)
    title = text_field("标题", 80, help_text="概括反映的事项，如“某工地夜间施工噪声扰民”。")
    content = text_field("内容", 3000, widget=forms.Textarea(attrs={"rows": 8}), help_text="记录反映的情况和诉求，至少 10 个字。")
    consent_publish = forms.BooleanField(label="来电（来信、来访）人同意公开办理结果（个人信息将隐去）", required=False)

    def clean_phone(self):
        return validators.clean_phone(self.cleaned_data["phone"])

    def clean_content(self):
        return validators.validate_meaningful_text(self.cleaned_data["content"])

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean(self):
        data = super().clean()
        id_type, number = data.get("id_type"), (data.get("id_number") or "").strip()
        if number and not id_type:
            self.add_error("id_type", "填写证件号码时，请选择证件类型。")
        elif id_type and not number:
            self.add_error("id_number", "选择了证件类型，请填写证件号码；不登记证件请选“（不登记）”。")
        elif number:
            try:
                data["id_number"] = validators.clean_id_number(id_type, number)
            except forms.ValidationError as error:
                self.add_error("id_number", error)
        if data.get("channel") == Channel.COMPLAINT and not data.get("category"):
            self.add_error("category", "投诉请选择投诉类别。")
        return data

    def case_fields(self):
        data = self.cleaned_data
        complaint = data["channel"] == Channel.COMPLAINT
        return {
            "name": data["name"],
            "phone": data["phone"],
            "address": data["address"],
            "id_type": data["id_type"] if data["id_number"] else "",
            "id_number": data["id_number"],
            "category": data["category"] if complaint else "",
            "location": data["location"],
            "title": data["title"],
            "content": data["content"],
            "consent_publish": data["consent_publish"],
        }
