"""Masking of personal data for public pages and staff listings (张** / 138****5678)."""


def mask_name(name):
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    if name.isascii():
        return name[0] + "***"
    return name[0] + "*" * min(len(name) - 1, 2)


def mask_phone(phone):
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "****" if digits else ""


def mask_email(email):
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_id_number(number):
    number = (number or "").strip()
    if len(number) <= 4:
        return "*" * len(number)
    return f"{number[:2]}{'*' * (len(number) - 4)}{number[-2:]}"


def mask_address(address):
    address = (address or "").strip()
    if len(address) <= 6:
        return "*" * len(address)
    return address[:6] + "****"
