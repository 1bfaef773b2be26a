"""Captcha and honeypot for public forms.

    class ComplaintForm(ProtectedFormMixin, forms.ModelForm):
        ...

    form = ComplaintForm(request.POST or None, request=request)   # request is optional

The mixin appends two fields, ``captcha`` and ``website`` (the honeypot). Render them with
``{% include "protection/includes/protection_fields.html" %}`` and the other fields with
``{% for field in form.unprotected_fields %}``. settings.CAPTCHA_BACKEND chooses the captcha
(see ``captcha_backend``): a reCAPTCHA v2 checkbox, or a locally generated image captcha
(django-simple-captcha) that needs no network and sends nothing abroad.
"""

import logging
from http.client import HTTPException

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox

from .ratelimit import client_ip

logger = logging.getLogger(__name__)

CAPTCHA_FIELD_NAME = "captcha"
HONEYPOT_FIELD_NAME = "website"

CAPTCHA_LABEL = "验证码"
CAPTCHA_REQUIRED_MESSAGE = "请输入验证码。"
CAPTCHA_INVALID_MESSAGE = "验证码不正确或已过期，请重新输入。"
RECAPTCHA_LABEL = "人机验证"
RECAPTCHA_REQUIRED_MESSAGE = "请先完成人机验证：勾选“进行人机身份验证”。"
RECAPTCHA_INVALID_MESSAGE = "人机验证未通过，请重新验证后再提交。"
RECAPTCHA_UNAVAILABLE_MESSAGE = "人机验证服务暂时无法连接，请稍后再试。您填写的内容已保留。"
HONEYPOT_LABEL = "请勿填写此项"
HONEYPOT_MESSAGE = "提交失败，请刷新页面后重试。"

# What urllib and http.client raise when the verification service cannot be reached, times out
# (socket.timeout is TimeoutError, an OSError) or answers with something that is not its JSON.
_SERVICE_ERRORS = (OSError, HTTPException, ValueError, KeyError)


LOCAL = "local"
RECAPTCHA = "recaptcha"
CAPTCHA_BACKENDS = (LOCAL, RECAPTCHA)


def recaptcha_keys_set():
    return bool(getattr(settings, "RECAPTCHA_PUBLIC_KEY", "") and getattr(settings, "RECAPTCHA_PRIVATE_KEY", ""))


def captcha_backend():
    """"local" or "recaptcha": settings.CAPTCHA_BACKEND, or when it is empty, reCAPTCHA if both
    keys are set. reCAPTCHA chosen without its keys falls back to the local captcha (the system
    check protection.E001 reports it, and production refuses to start with it)."""
    chosen = (getattr(settings, "CAPTCHA_BACKEND", "") or "").strip().lower()
    if chosen == LOCAL:
        return LOCAL
    if chosen in ("", RECAPTCHA) and recaptcha_keys_set():
        return RECAPTCHA
    return LOCAL


def recaptcha_enabled():
    return captcha_backend() == RECAPTCHA


class LocalCaptchaInput(CaptchaTextInput):
    template_name = "protection/widgets/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["image_2x"] = (
            reverse("captcha-image-2x", kwargs={"key": self._key}) if captcha_settings.CAPTCHA_2X_IMAGE else None
        )
        context["refresh_url"] = self.refresh_url()
        # MultiWidget renders as a fieldset for Django, which then skips aria-describedby: point
        # the answer box at the error and help text the include renders (a missing id is ignored).
        if attrs and attrs.get("id"):
            answer = context["widget"]["subwidgets"][1]["attrs"]
            answer.setdefault("aria-describedby", f"{attrs['id']}_error {attrs['id']}_helptext")
        return context


class LocalCaptchaField(CaptchaField):
    """Image captcha generated on this server (Pillow and the bundled font, no network)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", CAPTCHA_LABEL)
        kwargs.setdefault("help_text", "请输入图片中的字母，不区分大小写。")
        kwargs.setdefault(
            "error_messages",
            {
                "required": CAPTCHA_REQUIRED_MESSAGE,
                "incomplete": CAPTCHA_REQUIRED_MESSAGE,
                "invalid": CAPTCHA_INVALID_MESSAGE,
            },
        )
        kwargs.setdefault("widget", LocalCaptchaInput())
        super().__init__(**kwargs)
        self.widget.widgets[1].attrs.update({"size": 8, "maxlength": 32, "enterkeyhint": "send"})


class RecaptchaWidget(ReCaptchaV2Checkbox):
    """The checkbox with no inline script (the Content-Security-Policy allows none): the
    library's empty data-callback function is dropped, the token reaches the form as usual."""

    template_name = "protection/widgets/recaptcha_v2_checkbox.html"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("api_params", {"hl": "zh-CN"})
        super().__init__(*args, **kwargs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class RecaptchaField(ReCaptchaField):
    """reCAPTCHA v2 checkbox whose failures are always a form error, never a server error."""

    widget = RecaptchaWidget
    default_error_messages = {
        "required": RECAPTCHA_REQUIRED_MESSAGE,
        "captcha_invalid": RECAPTCHA_INVALID_MESSAGE,
        # The library raises this for HTTP errors from the verification service.
        "captcha_error": RECAPTCHA_UNAVAILABLE_MESSAGE,
        "captcha_unavailable": RECAPTCHA_UNAVAILABLE_MESSAGE,
    }

    def __init__(self, *, remote_ip=None, **kwargs):
        kwargs.setdefault("label", RECAPTCHA_LABEL)
        super().__init__(**kwargs)
        self.remote_ip = remote_ip

    def get_remote_ip(self):
        return self.remote_ip or super().get_remote_ip()

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            if getattr(error, "code", None) == "captcha_error":
                logger.warning("reCAPTCHA verification service returned an HTTP error")
            raise
        except _SERVICE_ERRORS as exc:
            logger.warning("reCAPTCHA verification service unreachable: %r", exc)
            raise ValidationError(self.error_messages["captcha_unavailable"], code="captcha_unavailable") from exc


class HoneypotInput(forms.TextInput):
    """A text input humans never see: its template wraps it (and its label) in a hidden box, and
    it counts as a hidden field, so ``{{ form }}`` or ``form.visible_fields`` never show it."""

    template_name = "protection/widgets/honeypot.html"
    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})


def make_captcha_field(request=None):
    if recaptcha_enabled():
        return RecaptchaField(remote_ip=client_ip(request) if request is not None else None)
    return LocalCaptchaField()


class ProtectedFormMixin:
    """Adds a captcha field (``captcha``) and a honeypot field (``website``) to a form."""

    captcha_field_name = CAPTCHA_FIELD_NAME
    honeypot_field_name = HONEYPOT_FIELD_NAME
    protection_field_names = (CAPTCHA_FIELD_NAME, HONEYPOT_FIELD_NAME)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.captcha_mode = "recaptcha" if recaptcha_enabled() else "local"
        self.fields[self.captcha_field_name] = make_captcha_field(request)
        self.fields[self.honeypot_field_name] = forms.CharField(
            label=HONEYPOT_LABEL, required=False, strip=False, widget=HoneypotInput()
        )

    def unprotected_fields(self):
        """The form's own fields, for templates that render the protection fields separately."""
        return [field for field in self if field.name not in self.protection_field_names]

    def honeypot_filled(self):
        return self.is_bound and bool((self[self.honeypot_field_name].data or "").strip())

    def full_clean(self):
        super().full_clean()
        if self.honeypot_filled():
            logger.info("Public form %s refused: honeypot filled", type(self).__name__)
            self.add_error(None, ValidationError(HONEYPOT_MESSAGE, code="refused"))
