"""System checks of the security settings: the audit log's retention, and the settings production
refuses to start with (config/wsgi.py runs the system checks at start-up when RUN_CHECKS_AT_STARTUP
is set). The production checks are active only where settings.DEPLOYMENT_CHECKS is true, i.e. in
config.settings.production: dev and test may use DEBUG, short keys and ALLOWED_HOSTS = ["*"]."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .retention import retention_days


def check_security_settings(app_configs=None, **kwargs):
    errors = []
    try:
        retention_days()
    except ImproperlyConfigured as exc:
        errors.append(
            checks.Error(
                str(exc),
                hint="请把环境变量 SECURITY_AUDIT_RETENTION_DAYS 设为不少于 183 的天数（默认 365）。",
                id="security.E001",
            )
        )
    return errors


# The keys committed in config/settings/dev.py and test.py: public, so never good enough.
KNOWN_INSECURE_KEYS = frozenset({"dev-only-secret-key-not-for-production", "test-only-secret-key"})
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


def weak_secret_key(key):
    """True for a key anyone may know or guess: a committed one, Django's generated-for-dev
    prefix, fewer than 50 characters or fewer than 5 different characters."""
    key = key or ""
    return (
        key in KNOWN_INSECURE_KEYS
        or key.startswith("django-insecure-")
        or len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS
    )


def check_production_settings(app_configs=None, **kwargs):
    if not getattr(settings, "DEPLOYMENT_CHECKS", False):
        return []
    errors = []
    if settings.DEBUG:
        errors.append(
            checks.Error(
                "生产环境不得开启 DEBUG：出错时会向访问者显示源代码和配置。",
                hint="删除环境变量 DEBUG，或设为 0。",
                id="deploy.E001",
            )
        )
    if weak_secret_key(settings.SECRET_KEY):
        errors.append(
            checks.Error(
                "SECRET_KEY 不安全：使用了开发/测试密钥，或少于 50 个字符。",
                hint=(
                    "请为本部署生成专用的随机密钥并通过环境变量 SECRET_KEY 设置，例如："
                    "python -c \"import secrets; print(secrets.token_urlsafe(50))\""
                ),
                id="deploy.E002",
            )
        )
    if "*" in settings.ALLOWED_HOSTS or not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS 必须列出本站的域名，不能为空或使用通配符 *。",
                hint="设置环境变量 ALLOWED_HOSTS（逗号分隔），或 PUBLIC_HOSTNAME 和 INTRANET_HOSTNAME。",
                id="deploy.E003",
            )
        )
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and int(getattr(settings, "NUM_PROXIES", 0) or 0) <= 0:
        errors.append(
            checks.Error(
                "已信任反向代理的 X-Forwarded-Proto（SECURE_PROXY_SSL_HEADER），但没有配置反向代理的数量 NUM_PROXIES。",
                hint=(
                    "应用在反向代理（如 nginx）之后时，设置 NUM_PROXIES 为代理的层数（通常为 1），"
                    "并确保代理覆盖而不是透传客户端发来的 X-Forwarded-Proto；"
                    "应用直接对外提供 HTTPS 时，设置 TRUST_X_FORWARDED_PROTO=0。"
                ),
                id="deploy.E004",
            )
        )
    return errors
