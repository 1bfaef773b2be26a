"""System checks: a deployment that requires reCAPTCHA must be configured with both keys."""

from django.conf import settings
from django.core import checks


def check_recaptcha_keys(app_configs=None, **kwargs):
    if not getattr(settings, "RECAPTCHA_REQUIRED", False):
        return []
    missing = [
        name for name in ("RECAPTCHA_PUBLIC_KEY", "RECAPTCHA_PRIVATE_KEY") if not getattr(settings, name, "")
    ]
    if not missing:
        return []
    return [
        checks.Error(
            f"本环境要求使用 reCAPTCHA 人机验证，但缺少密钥：{'、'.join(missing)}。",
            hint="请在环境变量中设置 RECAPTCHA_PUBLIC_KEY 和 RECAPTCHA_PRIVATE_KEY（在 reCAPTCHA 管理后台为本站域名申请 v2 复选框密钥）。",
            id="protection.E001",
        )
    ]
