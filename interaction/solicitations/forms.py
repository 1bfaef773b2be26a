"""The public form of a campaign: the editor's fields (Wagtail's form builder), optional
attachments, and the shared protection (captcha, honeypot). Forms only validate; the page
stores the submission (models.SolicitationPage.process_form_submission)."""

from django.core.exceptions import ValidationError
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from interaction.cases.forms import UPLOAD_AGAIN_MESSAGE, AccessibleFormMixin, MultipleFileField
from interaction.protection.forms import ProtectedFormMixin

from .uploads import MAX_FILES, TYPES_TEXT, validate_attachment

FILES_FIELD = "solicitation_files"


class AttachmentsField(MultipleFileField):
    """Up to MAX_FILES files, each checked by content and size."""

    def __init__(self, **kwargs):
        super().__init__(max_files=MAX_FILES, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > self.max_files:
            raise ValidationError(f"最多上传 {self.max_files} 个文件，您选择了 {len(files)} 个。", code="too_many")
        files = super().clean(files, initial)
        errors = []
        for upload in files:
            try:
                validate_attachment(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class SolicitationForm(AccessibleFormMixin, ProtectedFormMixin, BaseForm):
    """Base of every campaign's form class (the builder adds the editor's fields)."""

    upload_again_notice = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.page is not None and getattr(self.page, "allow_uploads", False):
            protection = {name: self.fields.pop(name) for name in self.protection_field_names}
            self.fields[FILES_FIELD] = AttachmentsField(
                label=self.page.upload_label or "附件",
                required=False,
                help_text=f"可选，最多 {MAX_FILES} 个文件，每个不超过 5 MB，只接受 {TYPES_TEXT}。",
            )
            self.fields.update(protection)
            self._describe_fields()

    def full_clean(self):
        super().full_clean()
        if self._errors and self.files:
            self.upload_again_notice = UPLOAD_AGAIN_MESSAGE

    def answers(self):
        """The editor's fields as stored in the submission (no captcha, honeypot or files)."""
        skip = {*self.protection_field_names, FILES_FIELD}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def uploads(self):
        return self.cleaned_data.get(FILES_FIELD) or []


class SolicitationFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("SolicitationForm", (SolicitationForm,), self.formfields)
