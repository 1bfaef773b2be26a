"""Settings shared by every environment. Values that differ per deployment come from the
environment (see README); dev.py, test.py and production.py adjust the rest."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from csp.constants import NONCE, NONE, SELF

from config.env import env, env_bool, env_int, env_list
from config.storages import filesystem_storages, s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")  # dev/test set a default; production requires it

PUBLIC_HOSTNAME = env("PUBLIC_HOSTNAME", "localhost")
INTRANET_HOSTNAME = env("INTRANET_HOSTNAME", "intranet.localhost")
SITE_PORT = env_int("SITE_PORT", 80)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [PUBLIC_HOSTNAME, INTRANET_HOSTNAME])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "columns",
    "intranet.org",
    "search",
    "interaction.protection",
    "interaction.cases",
    "interaction.polls",
    "interaction.specials",
    "interaction.solicitations",
    "interaction.volunteers",
    "interaction.board",
    "interaction.interviews",
    "intranet.notify",
    "intranet.oa",
    "intranet.supervision",
    "intranet.meetings",
    "security",
    "demo",  # top floor: demo content and load_demo (refused unless DEMO_CONTENT_ALLOWED)
    "captcha",
    "csp",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.headers.SecurityHeadersMiddleware",
    "security.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff authentication (security/): admin hosts, second factor, session timeouts, lockout.
    "security.middleware.AdminHostsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.StaffSessionMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "security.headers.AdminFramingMiddleware",
    "security.headers.RequestLimitsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.uploads.AdminRequestMiddleware",  # file storage: default collection of uploads
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a writer commits; a busy timeout makes concurrent
    # gunicorn workers wait for the write lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Keep each worker thread's connection between requests: opening one (and its PRAGMAs and
    # functions) cost about 4 ms of CPU per request in the submission benchmark (make bench-submit).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis that is down or unreachable means cache misses, not errors (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "pdenv"),
            "OPTIONS": {
                "socket_connect_timeout": float(env("REDIS_TIMEOUT", "1")),
                "socket_timeout": float(env("REDIS_TIMEOUT", "1")),
            },
        }
    }
    # Sessions are written to the database and cached in Redis: without Redis they still work.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Shared by every worker process on the host: a file cache under var/.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

LOGIN_URL = "/admin/login/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.StaffLoginForm"

# Staff authentication (security/, README 登录安全). One login for the whole platform: the admin's
# /admin/login/ (Wagtail's /_util/login/ redirects there).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out accounts and addresses first
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout (django-axes, database handler: shared by every process and host).
AXES_HANDLER = "security.lockout.StaffLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env_int("LOGIN_LOCKOUT_FAILURES", 5)  # per account
LOGIN_LOCKOUT_IP_FAILURES = env_int("LOGIN_LOCKOUT_IP_FAILURES", 20)  # per client address (an office's NAT)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_CLIENT_IP_CALLABLE = "interaction.protection.ratelimit.client_ip"  # NUM_PROXIES aware
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # logins are recorded in the security audit log instead
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
LOGIN_CAPTCHA_AFTER_FAILURES = env_int("LOGIN_CAPTCHA_AFTER_FAILURES", 2)  # per account or address
SECURITY_HELPDESK = env("SECURITY_HELPDESK", "信息中心")
# Sessions: logged out after SESSION_IDLE_TIMEOUT minutes without a request, and SESSION_MAX_AGE
# hours after logging in; the cookie never outlives the maximum age.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30)
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE", 12)
SESSION_COOKIE_AGE = SESSION_MAX_AGE * 3600 if SESSION_MAX_AGE > 0 else 14 * 24 * 3600
# Background pings are not activity: the editor's presence ping, 信息精灵's bell.
SESSION_IDLE_IGNORE_PATHS = ["/admin/editing-sessions/", "/admin/notify/status/"]
# Passwords: 10+ characters, 3 of 4 character classes, none of the last 5; expiry off unless set.
PASSWORD_HISTORY_COUNT = 5
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "security.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.passwords.PasswordHistoryValidator"},
]
# Second factor (django-otp, TOTP): optional for staff; OTP_REQUIRED makes it compulsory for
# superusers and OTP_REQUIRED_GROUPS (on in production).
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
OTP_REQUIRED_GROUPS = env_list("OTP_REQUIRED_GROUPS", ["信息中心管理员"])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "浦东环境局内网")
# The admin (and its login) answers only on these hosts; empty: every host.
ADMIN_HOSTS = env_list("ADMIN_HOSTS")
# Security audit log: kept this many days (at least 183: 网络安全法 asks for six months).
SECURITY_AUDIT_RETENTION_DAYS = env_int("SECURITY_AUDIT_RETENTION_DAYS", 365)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))

# --- File storage (README, 文件存储; config/storages.py) -------------------------------------
# Private files (image originals, documents, case attachments) live outside MEDIA_ROOT and are read
# only by permission-checked views; MEDIA_ROOT holds image renditions, served by the checking view
# /media/images/<name>. With both bucket names set, object storage replaces the two roots.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")  # the public bucket
AWS_PRIVATE_STORAGE_BUCKET_NAME = env("AWS_PRIVATE_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME and AWS_PRIVATE_STORAGE_BUCKET_NAME:
    STORAGES = s3_storages(
        public_bucket=AWS_STORAGE_BUCKET_NAME,
        private_bucket=AWS_PRIVATE_STORAGE_BUCKET_NAME,
        media_url=MEDIA_URL,
        endpoint_url=env("AWS_S3_ENDPOINT_URL"),
        region_name=env("AWS_S3_REGION_NAME"),
        public_domain=env("AWS_S3_PUBLIC_DOMAIN"),
        signed_url_seconds=env_int("AWS_PRIVATE_URL_SECONDS", 300),
        addressing_style=env("AWS_S3_ADDRESSING_STYLE"),
    )
else:
    STORAGES = filesystem_storages(MEDIA_ROOT, MEDIA_URL, PRIVATE_MEDIA_ROOT)
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.ImageForm"  # intranet pages' uploads: 局内网 collection
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.DocumentForm"
# --- end of file storage ---------------------------------------------------------------------

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds: a hung mail server fails the send, it does not hang it
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "浦东环境网 <noreply@localhost>")

# 信息精灵 (intranet/notify, README 信息精灵): e-mail through EMAIL_BACKEND; SMS through a backend
# chosen like EMAIL_BACKEND (console | file | http | a dotted path). The HTTP gateway's address,
# account and token come from the environment; a failed or timed-out send is retried by
# `send_notifications` up to NOTIFY_MAX_ATTEMPTS times.
NOTIFY_SMS_BACKEND = env("NOTIFY_SMS_BACKEND", "console")
NOTIFY_SMS_FILE_DIR = Path(env("NOTIFY_SMS_FILE_DIR", VAR_DIR / "sms"))
NOTIFY_SMS_URL = env("NOTIFY_SMS_URL", "")
NOTIFY_SMS_ACCOUNT = env("NOTIFY_SMS_ACCOUNT", "")
NOTIFY_SMS_TOKEN = env("NOTIFY_SMS_TOKEN", "")
NOTIFY_SMS_TIMEOUT = env_int("NOTIFY_SMS_TIMEOUT", 5)  # seconds
NOTIFY_SMS_SIGNATURE = env("NOTIFY_SMS_SIGNATURE", "【浦东环境局内网】")
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 3)

# Wagtail
WAGTAIL_SITE_NAME = "浦东环境网 · 局内网"
GOV_ORG_CODE = env("GOV_ORG_CODE", "11310115MB2F36455H")  # 统一社会信用代码 in every 索引号
# Links in notification e-mails point at the admin on the intranet host, where staff sign in.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", f"http://{INTRANET_HOSTNAME}" + ("" if SITE_PORT in (80, 443) else f":{SITE_PORT}")
)
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # page URLs in ASCII (article slugs: date + pinyin)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # privacy of collections is checked on every download
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip", "rar", "wps", "ofd", "mp4"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Search (see search/ and the README section 搜索): the database backend with Chinese analysis,
# or Elasticsearch when ELASTICSEARCH_URL is set (needs requirements-elasticsearch.txt).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", "pdenv_"),
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
            "CHINESE_ANALYZER": env("ELASTICSEARCH_CHINESE_ANALYZER", "auto"),  # auto | ik | cjk
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Public forms (interaction.protection). CAPTCHA_BACKEND "local": a captcha image generated on
# this server, nothing leaves it (the choice for an on-premises site); "recaptcha": Google's
# reCAPTCHA v2 through www.recaptcha.net (reachable from mainland China; it sends visitors' IP
# addresses to Google) and both keys are then required. Empty: reCAPTCHA when both keys are
# set, otherwise local.
CAPTCHA_BACKEND = env("CAPTCHA_BACKEND", "")
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_DOMAIN = "www.recaptcha.net"
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = env_int("RECAPTCHA_VERIFY_REQUEST_TIMEOUT", 5)
CAPTCHA_TIMEOUT = 30  # minutes: long forms take a while to fill in
PUBLIC_FORM_RATE_LIMIT = (5, 3600)  # submissions per client IP and form (scope) per window of seconds
NUM_PROXIES = env_int("NUM_PROXIES", 0)  # trusted reverse proxies that append to X-Forwarded-For

# Security headers and request limits (security/, README: 安全响应头与请求限制) ------------------
# Content-Security-Policy (django-csp 4) on both sites, without 'unsafe-inline': no inline
# script, style element or style attribute in any template; a template that must have inline
# script gets a nonce with {{ request.csp_nonce }}. The Wagtail admin needs inline code: excluded.
# reCAPTCHA's hosts are added while public forms use it (security.headers).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, *env_list("CSP_MEDIA_ORIGINS")],
        "media-src": [SELF, *env_list("CSP_MEDIA_ORIGINS")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"  # the admin gets SAMEORIGIN (security.headers.AdminFramingMiddleware)
SECURE_REFERRER_POLICY = env("REFERRER_POLICY", "strict-origin-when-cross-origin")
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "serial", "usb", "xr-spatial-tracking",
    )
} | {"fullscreen": ["self"]}
CSRF_FAILURE_VIEW = "security.errors.csrf_failure"
# Bodies over these sizes are refused with 413 before a byte is read (public forms: three 5 MB
# photos and the text; the admin: a 20 MB document and the form).
PUBLIC_REQUEST_MAX_SIZE = env_int("PUBLIC_REQUEST_MAX_MB", 20) * 1024 * 1024
ADMIN_REQUEST_MAX_SIZE = env_int("ADMIN_REQUEST_MAX_MB", 64) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields other than files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are streamed to a temporary file
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Public cases and the search log (see README 办件查询码、个人信息保存期限、搜索日志).
# Query codes are stored as HMAC-SHA256 under this key; unset, a key derived from SECRET_KEY.
CASE_CODE_KEY = env("CASE_CODE_KEY", "")
CASE_CODE_KEY_FALLBACKS = env_list("CASE_CODE_KEY_FALLBACKS")
# Published numbers and addresses (hotlines ...) a case's public text may contain; each
# department's phone and e-mail pass the personal-data scan without being listed here.
CASE_PUBLIC_CONTACTS = env_list("CASE_PUBLIC_CONTACTS")
# 大家都在搜 suggests a query only after this many distinct visitors searched it on one day.
SEARCH_POPULAR_MIN_VISITORS = env_int("SEARCH_POPULAR_MIN_VISITORS", 3)
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 730)  # prune_search_log deletes older days

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
