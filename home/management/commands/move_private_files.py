from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from home.storage import move_private_files


class Command(BaseCommand):
    help = (
        "把旧版本放在公开媒体目录（MEDIA_ROOT）下的私有文件（图片原件、文档、办件附件、头像）移到私有目录"
        "（PRIVATE_MEDIA_ROOT）。可重复运行，不会丢失文件；migrate 时自动执行一次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", default=None, help="旧媒体目录，默认 MEDIA_ROOT")

    def handle(self, *args, source=None, **options):
        private = storages["private"]
        if not isinstance(private, FileSystemStorage):
            raise CommandError("私有存储不是本地目录（已配置对象存储），请用对象存储自带的工具复制文件。")
        report = move_private_files(source or settings.MEDIA_ROOT, private.location)
        self.stdout.write(
            f"移动 {report['moved']} 个文件，已存在相同文件 {report['duplicates']} 个，"
            f"冲突未移动 {len(report['conflicts'])} 个。"
        )
        for path in report["conflicts"]:
            self.stdout.write(f"  未移动（目标已有不同文件或为符号链接）：{path}")
