"""TOTP second factor (django-otp) after the password.

A staff member with a confirmed authenticator (TOTPDevice) enters its six-digit code after the
password; until then every page sends her to the code page. Where OTP_REQUIRED is on
(production), superusers and members of OTP_REQUIRED_GROUPS (信息中心管理员) who have no
authenticator yet are sent to set one up before anything else. Anyone else may set one up from
their account page. django-otp throttles wrong codes (1, 2, 4 ... seconds between tries) and
refuses a code that has been used once.
"""

import io
import re
from base64 import b32encode

import django_otp
from django.conf import settings
import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_KEY = "security_otp_pending"
VERIFY = "verify"
ENROL = "enrol"
DEVICE_NAME = "身份验证器"


def required_for(user):
    if not getattr(settings, "OTP_REQUIRED", False) or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "OTP_REQUIRED_GROUPS", [])
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_step(user):
    """What a freshly logged-in user still has to do: VERIFY a code, ENROL an authenticator,
    or nothing ("")."""
    if confirmed_device(user) is not None:
        return VERIFY
    if required_for(user):
        return ENROL
    return ""


def is_verified(request):
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def new_device(user):
    """A fresh, unconfirmed authenticator for ``user`` (replacing any earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def unconfirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def clean_token(value):
    """Digits only (people type spaces, or paste "123 456")."""
    return re.sub(r"\s+", "", value or "")


def throttled(device):
    allowed, _info = device.verify_is_allowed()
    return not allowed


def check_token(device, token):
    token = clean_token(token)
    if not re.fullmatch(r"\d{6}", token):
        return False
    return device.verify_token(token)


def mark_verified(request, device):
    django_otp.login(request, device)
    request.session.pop(PENDING_KEY, None)


def remove_devices(user):
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    return count


def secret_text(device):
    """The base32 secret, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device):
    """The otpauth:// URI of ``device`` as an SVG QR code to put inline in the page: one path in
    a viewBox, so CSS sizes it (the namespaced <svg:rect> form is not drawn inside HTML)."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.find("<svg") :]  # drop the XML declaration
