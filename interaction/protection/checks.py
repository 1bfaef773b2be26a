"""System checks of the captcha choice (settings.CAPTCHA_BACKEND). Production runs the checks at
start-up and refuses to start on an error: reCAPTCHA chosen without both keys, or an unknown
backend. The local captcha needs nothing and is a valid production choice."""

from django.conf import settings
from django.core import checks

from .forms import CAPTCHA_BACKENDS, RECAPTCHA


def check_recaptcha_keys(app_configs=None, **kwargs):
    chosen = (getattr(settings, "CAPTCHA_BACKEND", "") or "").strip().lower()
    if chosen and chosen not in CAPTCHA_BACKENDS:
        return [
            checks.Error(
                f"CAPTCHA_BACKEND 的值“{chosen}”无效。",
                hint="请设为 local（本机生成的图片验证码）或 recaptcha（reCAPTCHA，需要密钥）；留空时有密钥则用 reCAPTCHA，否则用本机验证码。",
                id="protection.E002",
            )
        ]
    if chosen != RECAPTCHA:
        return []
    missing = [
        name for name in ("RECAPTCHA_PUBLIC_KEY", "RECAPTCHA_PRIVATE_KEY") if not getattr(settings, name, "")
    ]
    if not missing:
        return []
    return [
        checks.Error(
            f"CAPTCHA_BACKEND=recaptcha 要求使用 reCAPTCHA 人机验证，但缺少密钥：{'、'.join(missing)}。",
            hint=(
                "请在环境变量中设置 RECAPTCHA_PUBLIC_KEY 和 RECAPTCHA_PRIVATE_KEY（在 reCAPTCHA 管理后台为本站域名申请 v2 复选框密钥），"
                "或设置 CAPTCHA_BACKEND=local 使用本机生成的图片验证码。"
            ),
            id="protection.E001",
        )
    ]
