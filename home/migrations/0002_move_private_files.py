"""Move the private files that earlier versions kept under MEDIA_ROOT (image originals, documents,
case attachments, avatars) into the private root. Idempotent and loss-free (see
home.storage.move_private_files); the command `move_private_files` does the same by hand."""

from django.db import migrations


def move_files(apps, schema_editor):
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, storages

    from home.storage import move_private_files

    private = storages["private"]
    if not isinstance(private, FileSystemStorage):
        return  # object storage: files are copied with the provider's tools (README, 文件存储)
    report = move_private_files(settings.MEDIA_ROOT, private.location)
    if report["moved"] or report["conflicts"]:
        print(
            f"\n  私有文件迁移：移动 {report['moved']} 个，重复 {report['duplicates']} 个，"
            f"冲突未移动 {len(report['conflicts'])} 个"
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    # Reversing would put private files back under a public root: deliberately a no-op.
    operations = [migrations.RunPython(move_files, migrations.RunPython.noop, elidable=False)]
