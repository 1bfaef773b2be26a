"""The personal-data scan a case's public texts must pass before they are published.

`find_personal_data(text)` lists what looks like a phone number (mobile or landline), a
resident ID number, an e-mail address, a vehicle plate or a bank card number, each with a
masked form to show staff. It aims at no false alarm on the ordinary text of a reply: dates
(2026-03-15, 20260315), 文号 (浦环保〔2005〕12号), 索引号, amounts and counts do not match,
because an ID number must carry a valid date and check digit, a bank card a valid Luhn digit in
4-digit groups, a bare 8-digit local number a word like 电话 before it, and so on.

The bureau's own published contacts (each department's phone and e-mail, and the numbers and
addresses in settings.CASE_PUBLIC_CONTACTS, such as hotlines) are not personal data and pass."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from intranet.org.models import Department

from . import masking
from .validators import id_card_check_digit

MOBILE = "手机号码"
LANDLINE = "固定电话"
ID_CARD = "身份证号码"
EMAIL = "电子邮箱"
PLATE = "车牌号码"
BANK_CARD = "银行卡号"

_ID_CARD_RE = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
_BANK_CARD_RE = re.compile(r"(?<![\d-])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![\d-])")
_MOBILE_RE = re.compile(r"(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:-\d{1,6})?(?!\d)")
# A local number without area code counts only right after a word that announces a phone.
_LOCAL_NUMBER_RE = re.compile(r"(?:电话|手机|座机|致电|拨打|联系方式|联系|号码|tel|phone)[^\d\n]{0,4}?([2-9]\d{7})(?!\d)", re.I)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PLATE_RE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][ ·・]?"
    r"(?:[A-HJ-NP-Za-hj-np-z0-9]{5,6}|[A-HJ-NP-Za-hj-np-z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    value: str
    masked: str

    def __str__(self):
        return f"{self.kind} {self.masked}"


def _digits(value):
    return "".join(ch for ch in value if ch.isdigit())


def _valid_id_card(number):
    number = number.upper()
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born <= date.today() and id_card_check_digit(number[:17]) == number[17]


def _luhn(digits):
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mask_middle(value, keep_start, keep_end):
    hidden = max(len(value) - keep_start - keep_end, 1)
    return f"{value[:keep_start]}{'*' * hidden}{value[-keep_end:] if keep_end else ''}"


def _allowed(kind, value, allowed):
    if kind == EMAIL:
        return value.lower() in allowed
    return _digits(value) in allowed


def find_personal_data(text, allowed=frozenset()):
    """What in `text` looks like personal data, in order of appearance, each value once.

    `allowed` holds the bureau's public contacts: e-mail addresses (lower case) and phone
    numbers (digits only, with and without area code)."""
    text = unicodedata.normalize("NFKC", text or "")
    taken = []  # spans already claimed by a finding: an ID number is not also a bank card
    found = []

    def claim(start, end, kind, value, masked):
        if any(start < b and a < end for a, b in taken):
            return
        taken.append((start, end))
        if not _allowed(kind, value, allowed):
            found.append((start, Finding(kind, value, masked)))

    for match in _ID_CARD_RE.finditer(text):
        if _valid_id_card(match.group()):
            claim(*match.span(), ID_CARD, match.group().upper(), masking.mask_id_number(match.group().upper()))
    for match in _EMAIL_RE.finditer(text):
        claim(*match.span(), EMAIL, match.group(), masking.mask_email(match.group()))
    for match in _BANK_CARD_RE.finditer(text):
        digits = _digits(match.group())
        if digits[0] in "3456" and _luhn(digits):
            claim(*match.span(), BANK_CARD, digits, _mask_middle(digits, 4, 4))
    for match in _MOBILE_RE.finditer(text):
        digits = _digits(match.group())[-11:]
        claim(*match.span(), MOBILE, digits, masking.mask_phone(digits))
    for match in _LANDLINE_RE.finditer(text):
        claim(*match.span(), LANDLINE, match.group(), _mask_middle(_digits(match.group()), 4, 2))
    for match in _LOCAL_NUMBER_RE.finditer(text):
        claim(*match.span(1), LANDLINE, match.group(1), _mask_middle(match.group(1), 2, 2))
    for match in _PLATE_RE.finditer(text):
        plate = re.sub(r"[ ·・]", "", match.group()).upper()
        if any(ch.isdigit() for ch in plate):
            claim(*match.span(), PLATE, plate, _mask_middle(plate, 2, 2))

    result, seen = [], set()
    for _start, finding in sorted(found, key=lambda pair: pair[0]):
        if (finding.kind, finding.value) not in seen:
            seen.add((finding.kind, finding.value))
            result.append(finding)
    return result


def public_contacts():
    """The bureau's own published phone numbers and e-mail addresses, as find_personal_data wants."""
    values = list(getattr(settings, "CASE_PUBLIC_CONTACTS", []))
    for phone, email in Department.objects.values_list("phone", "email"):
        values += [phone, email]
    allowed = set()
    for value in values:
        value = (value or "").strip()
        if "@" in value:
            allowed.add(value.lower())
            continue
        digits = _digits(value)
        if len(digits) >= 5:
            allowed.add(digits)
            if digits.startswith("0") and len(digits) > 9:
                # 021-58792001 is also written 58792001 inside Shanghai.
                allowed.add(digits[3:] if digits[:3] in ("010", "020", "021", "022", "023", "024", "025", "027",
                                                          "028", "029") else digits[4:])
    return frozenset(allowed)


def scan_public_texts(texts, allowed=None):
    """{label: text} -> [(label, [Finding, ...])] for the texts that contain personal data."""
    allowed = public_contacts() if allowed is None else allowed
    problems = []
    for label, text in texts.items():
        findings = find_personal_data(text, allowed)
        if findings:
            problems.append((label, findings))
    return problems


def describe(problems):
    """The refusal staff read, listing what was found (masked)."""
    parts = [f"{label}中有{'、'.join(str(f) for f in findings)}" for label, findings in problems]
    return f"公开文本中可能含有个人信息，请删改后再公开：{'；'.join(parts)}。"
