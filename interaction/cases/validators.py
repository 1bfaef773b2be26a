"""Validation of what visitors type and upload in the public case forms.

Plain functions: each returns the normalised value (or the detected content type of an upload)
and raises ValidationError with a Chinese message the form shows next to the field."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from PIL import Image

from .choices import IdType

MAX_UPLOAD_SIZE = 5 * 1024 * 1024
MAX_PHOTOS = 3

# Phones ------------------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx or 0xxx, a 7- or 8-digit number, an optional extension: 021-58792001, 0512-6521234-801.
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
PHONE_MESSAGE = "请填写正确的联系电话：11 位手机号码，或带区号的固定电话（如 021-58792001）。"


def clean_phone(value):
    """A mainland mobile number (13800138000) or a landline with area code (021-58792001)."""
    phone = re.sub(r"[\s()（）]", "", value or "").replace("—", "-").replace("－", "-")
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    if _MOBILE_RE.match(phone) or _LANDLINE_RE.match(phone):
        return phone
    raise ValidationError(PHONE_MESSAGE, code="phone")


# 居民身份证 (GB 11643-1999) -------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_CARD_MESSAGE = "身份证号码不正确，请核对后重新填写（18 位，最后一位可能是 X）。"


def id_card_check_digit(first17):
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def clean_id_card(value, today=None):
    """An 18-character resident ID number with a real birth date and the right check digit."""
    number = (value or "").strip().upper().replace(" ", "")
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", number):
        raise ValidationError(ID_CARD_MESSAGE, code="id_card")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(ID_CARD_MESSAGE, code="id_card") from None
    if born.year < 1900 or born > (today or date.today()):
        raise ValidationError(ID_CARD_MESSAGE, code="id_card")
    if id_card_check_digit(number[:17]) != number[17]:
        raise ValidationError(ID_CARD_MESSAGE, code="id_card")
    return number


# 统一社会信用代码 (GB 32100-2015) --------------------------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_MESSAGE = "统一社会信用代码不正确，请核对后重新填写（18 位数字或大写字母）。"


def credit_code_check_char(first17):
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def clean_credit_code(value):
    """An 18-character unified social credit code with the right check character."""
    code = (value or "").strip().upper().replace(" ", "")
    if len(code) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in code):
        raise ValidationError(CREDIT_CODE_MESSAGE, code="credit_code")
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(CREDIT_CODE_MESSAGE, code="credit_code")
    return code


OTHER_ID_MESSAGE = "证件号码应为 5 至 30 位字母、数字或连字符。"


def clean_other_id(value):
    """Passports and other documents: only a plausible shape can be checked."""
    number = (value or "").strip().upper().replace(" ", "")
    if not re.fullmatch(r"[A-Z0-9-]{5,30}", number):
        raise ValidationError(OTHER_ID_MESSAGE, code="id_number")
    return number


# Uploads -------------------------------------------------------------------------------------

IMAGE_TYPES = {"JPEG": ("image/jpeg", (".jpg", ".jpeg")), "PNG": ("image/png", (".png",))}
PDF_TYPE = ("application/pdf", (".pdf",))


def clean_id_number(id_type, value):
    """The identity number checked by its type's rule (身份证 check digit, 统一社会信用代码 ...)."""
    checker = {IdType.ID_CARD: clean_id_card, IdType.CREDIT_CODE: clean_credit_code}.get(id_type, clean_other_id)
    return checker(value)


def _size_in_mb(size):
    return f"{size / 1024 / 1024:.1f}"


def _check_size(upload, max_size):
    if upload.size > max_size:
        raise ValidationError(
            f"文件“{upload.name}”有 {_size_in_mb(upload.size)} MB，超过了 {max_size // 1024 // 1024} MB 的上限。",
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(f"文件“{upload.name}”是空文件。", code="file_empty")


def _extension(upload):
    name = (upload.name or "").lower()
    return name[name.rfind("."):] if "." in name else ""


def _image_format(upload):
    """The format Pillow reads from the file's bytes, or None when it is not a readable image."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            fmt = image.format
    except Exception:  # noqa: BLE001 - any failure to decode means "not an image we accept"
        return None
    finally:
        upload.seek(0)
    return fmt


def _is_pdf(upload):
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"


def validate_image(upload, max_size=MAX_UPLOAD_SIZE):
    """A JPEG or PNG photo, judged by its content, not its name. Returns its content type."""
    _check_size(upload, max_size)
    fmt = _image_format(upload)
    if fmt not in IMAGE_TYPES or _extension(upload) not in IMAGE_TYPES[fmt][1]:
        raise ValidationError(f"文件“{upload.name}”不是 JPEG 或 PNG 格式的图片。", code="file_type")
    upload.content_type = IMAGE_TYPES[fmt][0]
    return upload.content_type


def validate_document(upload, max_size=MAX_UPLOAD_SIZE):
    """A JPEG, PNG or PDF file (an identity document), judged by its content. Returns its content type."""
    _check_size(upload, max_size)
    if _extension(upload) in PDF_TYPE[1]:
        if not _is_pdf(upload):
            raise ValidationError(f"文件“{upload.name}”不是有效的 PDF 文件。", code="file_type")
        upload.content_type = PDF_TYPE[0]
        return upload.content_type
    fmt = _image_format(upload)
    if fmt not in IMAGE_TYPES or _extension(upload) not in IMAGE_TYPES[fmt][1]:
        raise ValidationError(f"文件“{upload.name}”不是 JPEG、PNG 或 PDF 格式。", code="file_type")
    upload.content_type = IMAGE_TYPES[fmt][0]
    return upload.content_type


# Texts ---------------------------------------------------------------------------------------

def validate_meaningful_text(value, min_length=10):
    """At least `min_length` characters once whitespace is removed."""
    if len(re.sub(r"\s", "", value or "")) < min_length:
        raise ValidationError(f"内容过短，请至少写 {min_length} 个字，把情况说清楚。", code="too_short")
    return value
