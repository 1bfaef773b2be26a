"""Storage classes for the file split described in config/storages.py, and the one-off move of
files that earlier versions kept under MEDIA_ROOT."""

import logging
import os
import shutil
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)

# Private files have no URL of their own: any link to one points here, and nothing serves it.
UNSERVED_PREFIX = "/private-files/"


@deconstructible(path="home.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT that no web server serves; permission-checked views read them."""

    def url(self, name):
        # A dead URL rather than an exception: a template that asks for it renders, and the link
        # leads nowhere instead of to the file.
        return UNSERVED_PREFIX + (name or "").lstrip("/")


# --- Moving files that earlier versions stored under MEDIA_ROOT ------------------------------

# Top-level folders of MEDIA_ROOT that held private files: Wagtail's originals and documents, case
# attachments, admin avatars. Renditions (images/) stay: they are served only by the checking view.
PRIVATE_FOLDERS = ("original_images", "documents", "cases", "avatar_images")


def _same_content(a, b):
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk_a, chunk_b = fa.read(1 << 20), fb.read(1 << 20)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


def move_private_files(media_root, private_root, folders=PRIVATE_FOLDERS):
    """Move the private folders of `media_root` into `private_root`, keeping relative names (the
    database stores names relative to the storage root, so nothing else changes).

    Idempotent and loss-free: a file already at the target with the same content is removed from
    the source; a different file at the target is left in place in both and reported; symlinks
    are never followed. Returns {"moved": n, "duplicates": n, "conflicts": [paths]}."""
    media_root, private_root = Path(media_root), Path(private_root)
    report = {"moved": 0, "duplicates": 0, "conflicts": []}
    if not media_root.is_dir() or media_root.resolve() == private_root.resolve():
        return report
    for folder in folders:
        source_dir = media_root / folder
        if not source_dir.is_dir() or source_dir.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(source_dir):
            dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
            for filename in filenames:
                source = Path(dirpath) / filename
                if source.is_symlink():
                    report["conflicts"].append(str(source))
                    continue
                target = private_root / source.relative_to(media_root)
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
                if target.exists():
                    if _same_content(source, target):
                        source.unlink()
                        report["duplicates"] += 1
                    else:
                        report["conflicts"].append(str(source))
                        logger.warning("Private file not moved, a different file exists at %s", target)
                    continue
                shutil.move(str(source), str(target))
                os.chmod(target, 0o640)
                report["moved"] += 1
        # Remove the emptied directory tree (only empty directories).
        for dirpath, _dirnames, _filenames in sorted(os.walk(source_dir), key=lambda t: -len(t[0])):
            try:
                Path(dirpath).rmdir()
            except OSError:
                pass
    return report
