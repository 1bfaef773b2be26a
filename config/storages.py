"""Where files live (see README, 文件存储). Pure functions of the settings, no Django imports, so
base.py and the tests build the very same STORAGES.

Aliases:
- "default" and "private": originals of images, documents, case attachments (and anything a
  third-party app saves without saying where). Never under a public URL; read only through
  permission-checked views.
- "public": files anyone may fetch without the application (the public bucket in production).
- "renditions": Wagtail image renditions (WAGTAILIMAGES_RENDITION_STORAGE). Their URLs always point
  at the application's /media/images/<name> view, which serves a rendition only to someone who may
  see its image, so a rendition of an intranet image is never public.
"""

PRIVATE_FILE_MODE = 0o640
PRIVATE_DIRECTORY_MODE = 0o750


def filesystem_storages(media_root, media_url, private_root):
    private = {
        "BACKEND": "home.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": str(private_root),
            "file_permissions_mode": PRIVATE_FILE_MODE,
            "directory_permissions_mode": PRIVATE_DIRECTORY_MODE,
        },
    }
    public = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(media_root), "base_url": media_url},
    }
    return {"default": private, "private": dict(private), "public": public, "renditions": dict(public)}


def s3_storages(
    *,
    public_bucket,
    private_bucket,
    media_url="/media/",
    endpoint_url=None,
    region_name=None,
    public_domain=None,
    signed_url_seconds=300,
    addressing_style=None,
):
    """Object storage (django-storages, any S3-compatible service). Credentials come from the
    usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables (boto3's chain)."""
    common = {"file_overwrite": False, "signature_version": "s3v4"}
    if endpoint_url:
        common["endpoint_url"] = endpoint_url
    if region_name:
        common["region_name"] = region_name
    if addressing_style:
        common["addressing_style"] = addressing_style
    private_options = {
        **common,
        "bucket_name": private_bucket,
        "default_acl": "private",
        "querystring_auth": True,  # any URL of a private object is signed ...
        "querystring_expire": signed_url_seconds,  # ... and short-lived
    }
    private = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": private_options}
    public_options = {**common, "bucket_name": public_bucket, "querystring_auth": False}
    if public_domain:
        public_options["custom_domain"] = public_domain
    return {
        "default": private,
        "private": {"BACKEND": private["BACKEND"], "OPTIONS": dict(private_options)},
        "public": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": public_options},
        # Renditions sit in the private bucket too and are streamed by the checking view; public
        # renditions leave it with Cache-Control: public, so the front-end cache serves repeats.
        "renditions": {
            "BACKEND": "home.s3.AppServedS3Storage",
            "OPTIONS": {**private_options, "app_url": media_url},
        },
    }
