"""System checks for the file split (README, 文件存储): private files must never sit where a
public root could expose them, and documents must go through the checking serve view."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import FileSystemStorage, storages


def _local_root(alias):
    try:
        storage = storages[alias]
    except Exception:  # noqa: BLE001 - a misconfigured alias is reported by Django itself
        return None
    return Path(storage.location).resolve() if isinstance(storage, FileSystemStorage) else None


def _overlap(a, b):
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


@register()
def check_private_storage(app_configs, **kwargs):
    errors = []
    private = _local_root("private")
    if private is not None:
        for name in ("MEDIA_ROOT", "STATIC_ROOT"):
            value = getattr(settings, name, None)
            if value and _overlap(private, Path(value).resolve()):
                errors.append(Error(
                    f"私有文件目录与 {name} 重叠：{private}",
                    hint="把 PRIVATE_MEDIA_ROOT 设在 MEDIA_ROOT、STATIC_ROOT 之外。",
                    id="home.E001",
                ))
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) != "serve_view":
        errors.append(Error(
            "WAGTAILDOCS_SERVE_METHOD 必须为 serve_view：文档下载要经过文件集查看限制的检查。",
            id="home.E002",
        ))
    return errors
