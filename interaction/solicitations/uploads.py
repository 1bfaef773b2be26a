"""What a campaign accepts as an attachment: PDF, JPEG, PNG or Word (.docx), judged by content."""

import zipfile

from django.core.exceptions import ValidationError

from interaction.cases.validators import MAX_UPLOAD_SIZE, validate_document

MAX_FILES = 3
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES_TEXT = "PDF、Word（.docx）、JPEG 或 PNG"


def _is_docx(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def validate_attachment(upload, max_size=MAX_UPLOAD_SIZE):
    """Returns the detected content type, or raises ValidationError with a Chinese message."""
    if (upload.name or "").lower().endswith(".docx"):
        if upload.size > max_size:
            raise ValidationError(
                f"文件“{upload.name}”有 {upload.size / 1024 / 1024:.1f} MB，超过了 {max_size // 1024 // 1024} MB 的上限。",
                code="file_size",
            )
        if not _is_docx(upload):
            raise ValidationError(f"文件“{upload.name}”不是有效的 Word 文档。", code="file_type")
        upload.content_type = DOCX_TYPE
        return DOCX_TYPE
    try:
        return validate_document(upload, max_size)
    except ValidationError as error:
        if error.code == "file_type" and not (upload.name or "").lower().endswith(".pdf"):
            raise ValidationError(
                f"文件“{upload.name}”的格式不在允许范围内，只接受 {TYPES_TEXT} 文件。", code="file_type"
            ) from None
        raise
