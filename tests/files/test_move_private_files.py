"""Moving the private files earlier versions kept under MEDIA_ROOT: idempotent, nothing lost."""

import io
import os

import pytest
from django.core.management import call_command

from home.storage import move_private_files


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def roots(tmp_path):
    media, private = tmp_path / "media", tmp_path / "private"
    write(media / "documents" / "a.pdf", b"doc a")
    write(media / "original_images" / "p.jpg", b"photo")
    write(media / "cases" / "2026" / "05" / "id.png", b"identity")
    write(media / "images" / "p.fill-10x10.jpg", b"rendition")
    return media, private


def test_private_folders_move_and_renditions_stay(roots):
    media, private = roots
    report = move_private_files(media, private)
    assert report == {"moved": 3, "duplicates": 0, "conflicts": []}
    assert (private / "documents" / "a.pdf").read_bytes() == b"doc a"
    assert (private / "cases" / "2026" / "05" / "id.png").read_bytes() == b"identity"
    assert (private / "cases" / "2026" / "05" / "id.png").stat().st_mode & 0o777 == 0o640
    assert not (media / "documents").exists() and not (media / "cases").exists()
    assert (media / "images" / "p.fill-10x10.jpg").read_bytes() == b"rendition"


def test_running_again_changes_nothing(roots):
    media, private = roots
    move_private_files(media, private)
    assert move_private_files(media, private) == {"moved": 0, "duplicates": 0, "conflicts": []}
    assert (private / "original_images" / "p.jpg").read_bytes() == b"photo"


def test_nothing_is_lost_when_the_target_already_exists(roots):
    media, private = roots
    write(private / "documents" / "a.pdf", b"doc a")  # the same file, copied earlier
    write(media / "documents" / "b.pdf", b"new b")
    write(private / "documents" / "b.pdf", b"other b")  # a different file of the same name
    report = move_private_files(media, private)
    assert report["duplicates"] == 1 and report["moved"] == 2
    assert report["conflicts"] == [str(media / "documents" / "b.pdf")]
    assert (media / "documents" / "b.pdf").read_bytes() == b"new b"
    assert (private / "documents" / "b.pdf").read_bytes() == b"other b"
    assert not (media / "documents" / "a.pdf").exists()


def test_symlinks_are_not_followed(tmp_path, roots):
    media, private = roots
    secret = write(tmp_path / "elsewhere" / "passwd", b"root:x")
    os.symlink(secret, media / "documents" / "link.pdf")
    report = move_private_files(media, private)
    assert str(media / "documents" / "link.pdf") in report["conflicts"]
    assert not (private / "documents" / "link.pdf").exists()
    assert secret.read_bytes() == b"root:x"


@pytest.mark.django_db
def test_the_command_moves_into_the_private_storage(roots, settings, tmp_path):
    from config.storages import filesystem_storages

    media, _private = roots
    target = tmp_path / "private-root"
    settings.STORAGES = {**filesystem_storages(tmp_path / "unused", "/media/", target), "staticfiles": settings.STORAGES["staticfiles"]}
    out = io.StringIO()
    call_command("move_private_files", "--from", str(media), stdout=out)
    assert "移动 3 个文件" in out.getvalue()
    assert (target / "documents" / "a.pdf").read_bytes() == b"doc a"
    out = io.StringIO()
    call_command("move_private_files", "--from", str(media), stdout=out)
    assert "移动 0 个文件" in out.getvalue()


def test_a_private_root_inside_media_root_fails_the_system_check(settings, tmp_path):
    from config.storages import filesystem_storages
    from home.checks import check_private_storage

    assert check_private_storage(None) == []
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **filesystem_storages(tmp_path / "media", "/media/", tmp_path / "media" / "private"),
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    assert [e.id for e in check_private_storage(None)] == ["home.E001"]
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    assert "home.E002" in [e.id for e in check_private_storage(None)]
