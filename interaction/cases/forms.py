"""Public forms of the four channels, the lookup and the visitor's follow-ups (补正, 评价).

One base form holds the fields and checks every channel shares; each channel's subclass adds its
own. Forms only validate: the page's views hand `case_fields()` to workflow.submit."""

from django import forms
from django.core.exceptions import ValidationError

from interaction.protection.forms import ProtectedFormMixin

from . import validators
from .choices import ApplicantType, ComplaintCategory, Delivery, IdType, Rating

UPLOAD_AGAIN_MESSAGE = "为保护您的隐私，已选择的文件不会保留，请重新选择上传。"


class AccessibleFormMixin:
    """Point every input at its error and help text (aria-describedby) and mark invalid ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _field_id(self, name):
        # As BoundField.auto_id, without creating the bound field (it would cache the label
        # before subclasses adjust it).
        html_name = self.add_prefix(name)
        if self.auto_id and "%s" in str(self.auto_id):
            return self.auto_id % html_name
        return html_name if self.auto_id else ""

    def _describe_fields(self):
        skip = getattr(self, "protection_field_names", ())
        errors = self._errors or {}
        for name, field in self.fields.items():
            if name in skip:
                continue
            auto_id = self._field_id(name)
            ids = []
            if name in errors:
                ids.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if field.help_text:
                ids.append(f"{auto_id}_helptext")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type="file" multiple>; cleans to a list."""

    def __init__(self, *args, max_files=validators.MAX_PHOTOS, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(f"最多上传 {self.max_files} 张照片，您选择了 {len(files)} 张。", code="too_many")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def text_field(label, max_length, required=True, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": f"请填写{label}。",
            "max_length": f"{label}最多 %(limit_value)d 个字（现在是 %(show_value)d 个字）。",
        },
        **kwargs,
    )


class CaseForm(AccessibleFormMixin, ProtectedFormMixin, forms.Form):
    """What every channel asks: who writes, how to reach them, what it is about."""

    name_label = "姓名"
    title_label = "标题"
    content_label = "内容"
    content_help = "请写清事情的经过、时间和您的诉求，至少 10 个字，最多 3000 字。"
    file_field_names = ()

    name = text_field("姓名", 60, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = text_field(
        "联系电话", 20, help_text="手机号码或带区号的固定电话，仅用于工作人员与您联系，不会公开。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254,
        error_messages={"invalid": "请填写正确的电子邮箱地址，如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = text_field("联系地址", 120, required=False, widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    title = text_field("标题", 80)
    content = text_field("内容", 3000, widget=forms.Textarea(attrs={"rows": 8}))
    consent_publish = forms.BooleanField(
        label="同意在网站公开我的来信和答复（个人信息将隐去）", required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels that differ per channel, on this instance's own copies of the fields.
        for name, label in (("name", self.name_label), ("title", self.title_label), ("content", self.content_label)):
            field = self.fields[name]
            field.label = label
            field.error_messages["required"] = f"请填写{label}。"
            field.error_messages["max_length"] = f"{label}最多 %(limit_value)d 个字（现在是 %(show_value)d 个字）。"
        self.fields["content"].help_text = self.content_help
        self._describe_fields()

    def clean_phone(self):
        return validators.clean_phone(self.cleaned_data["phone"])

    def clean_content(self):
        return validators.validate_meaningful_text(self.cleaned_data["content"])

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    @property
    def upload_again_notice(self):
        """Shown when a form that came with files is refused: browsers cannot keep chosen files."""
        files = self.files
        chosen = any(files.getlist(n) if hasattr(files, "getlist") else files.get(n) for n in self.file_field_names)
        return UPLOAD_AGAIN_MESSAGE if self.is_bound and self.errors and chosen else ""

    def case_fields(self):
        """Keyword arguments for workflow.submit."""
        data = self.cleaned_data
        names = ("name", "phone", "email", "address", "title", "content", "consent_publish")
        return {name: data[name] for name in names}

    def attachments(self):
        return []


class MailboxForm(CaseForm):
    title_label = "信件标题"
    content_label = "来信内容"
    content_help = "请写明您反映的问题、意见或建议，至少 10 个字，最多 3000 字。"


class ConsultationForm(CaseForm):
    title_label = "咨询标题"
    content_label = "咨询内容"
    content_help = "请写明您想了解的政策或办事事项，至少 10 个字，最多 3000 字。"


class ComplaintForm(CaseForm):
    title_label = "投诉标题"
    content_label = "投诉内容"
    content_help = "请写明发生的时间、具体情况和您的诉求，至少 10 个字，最多 3000 字。"
    file_field_names = ("photos",)

    category = forms.ChoiceField(
        label="投诉类别", choices=ComplaintCategory.choices, widget=forms.RadioSelect,
        error_messages={"required": "请选择投诉类别。", "invalid_choice": "请选择投诉类别。"},
    )
    location = text_field("发生地点", 120, help_text="如：浦东新区××路××号附近。")
    photos = MultipleFileField(
        label="现场照片", required=False,
        help_text="可选，最多 3 张，JPEG 或 PNG 格式，每张不超过 5 MB。",
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    field_order = [
        "name", "phone", "email", "address", "category", "location", "title", "content", "photos", "consent_publish",
    ]

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        errors = []
        for photo in photos:
            try:
                validators.validate_image(photo)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return photos

    def case_fields(self):
        data = self.cleaned_data
        return {**super().case_fields(), "category": data["category"], "location": data["location"]}

    def attachments(self):
        return list(self.cleaned_data.get("photos") or [])


ORGANISATION_TYPES = [t for t in ApplicantType.values if t != ApplicantType.PERSON]


class DisclosureRequestForm(CaseForm):
    name_label = "申请人姓名或名称"
    title_label = "所需信息的名称"
    content_label = "所需信息的内容描述"
    content_help = "请写明所需政府信息的名称、文号或便于查找的其他特征，至少 10 个字，最多 3000 字。"
    file_field_names = ("id_document",)

    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=ApplicantType.choices, widget=forms.RadioSelect, initial=ApplicantType.PERSON,
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "请选择申请人类型。"},
    )
    id_type = forms.ChoiceField(
        label="证件类型", choices=IdType.choices, initial=IdType.ID_CARD,
        help_text="公民选择身份证件；法人或其他组织选择统一社会信用代码。",
        error_messages={"required": "请选择证件类型。", "invalid_choice": "请选择证件类型。"},
    )
    id_number = text_field("证件号码", 30, widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    contact_person = text_field(
        "联系人", 30, required=False, help_text="法人或其他组织申请时必填。",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式", choices=Delivery.choices, widget=forms.RadioSelect, initial=Delivery.EMAIL,
        error_messages={"required": "请选择获取信息的方式。", "invalid_choice": "请选择获取信息的方式。"},
    )
    id_document = forms.FileField(
        label="身份证明材料",
        help_text="身份证件或营业执照等的照片或扫描件，JPEG、PNG 或 PDF 格式，不超过 5 MB。",
        error_messages={"required": "请上传身份证明材料。", "empty": "上传的文件是空的，请重新选择。"},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    field_order = [
        "applicant_type", "name", "id_type", "id_number", "contact_person", "phone", "email", "address",
        "title", "content", "delivery", "id_document", "consent_publish",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "选择通过电子邮件获取信息时必填。"
        self.fields["address"].help_text = "选择邮寄纸质件时必填。"
        self._describe_fields()

    def clean_id_document(self):
        document = self.cleaned_data.get("id_document")
        if document:
            validators.validate_document(document)
        return document

    def clean(self):
        data = super().clean()
        applicant_type = data.get("applicant_type")
        id_type = data.get("id_type")
        number = data.get("id_number")
        organisation = applicant_type in ORGANISATION_TYPES
        if applicant_type and id_type:
            if organisation and id_type != IdType.CREDIT_CODE:
                self.add_error("id_type", "法人或其他组织请选择“统一社会信用代码”。")
            elif not organisation and id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", "公民申请请选择身份证件类型。")
        if id_type and number and "id_type" not in self.errors:
            try:
                data["id_number"] = validators.clean_id_number(id_type, number)
            except ValidationError as error:
                self.add_error("id_number", error)
        if organisation and not (data.get("contact_person") or "").strip():
            self.add_error("contact_person", "法人或其他组织申请时，请填写联系人。")
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择通过电子邮件获取信息时，请填写电子邮箱。")
        if delivery == Delivery.POST and not data.get("address") and "address" not in self.errors:
            self.add_error("address", "选择邮寄纸质件时，请填写联系地址。")
        return data

    def case_fields(self):
        data = self.cleaned_data
        return {
            **super().case_fields(),
            "applicant_type": data["applicant_type"],
            "id_type": data["id_type"],
            "id_number": data["id_number"],
            "contact_person": data.get("contact_person", "") if data["applicant_type"] in ORGANISATION_TYPES else "",
            "delivery": data["delivery"],
        }

    def attachments(self):
        return [self.cleaned_data["id_document"]]


# The lookup and what the visitor does there ------------------------------------------------

LOOKUP_FAILED_MESSAGE = "编号或查询码不正确，请核对后重新输入。"


class LookupForm(AccessibleFormMixin, ProtectedFormMixin, forms.Form):
    reference = forms.CharField(
        label="编号", max_length=20,
        help_text="提交成功后页面上显示的编号，如 TS202611270001。",
        error_messages={"required": "请填写编号。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label="查询码", max_length=20,
        help_text="提交成功时显示的 8 位查询码，不区分大小写。",
        error_messages={"required": "请填写查询码。"},
        widget=forms.PasswordInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class RatingForm(AccessibleFormMixin, forms.Form):
    rating = forms.ChoiceField(
        label="您对答复是否满意", choices=Rating.choices, widget=forms.RadioSelect,
        error_messages={"required": "请选择满意、基本满意或不满意。", "invalid_choice": "请选择满意、基本满意或不满意。"},
    )
    comment = text_field("评价意见", 300, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SupplementForm(AccessibleFormMixin, forms.Form):
    supplement = text_field(
        "补正内容", 3000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请按补正告知的要求补充或更正申请内容，最多 3000 字。",
    )
