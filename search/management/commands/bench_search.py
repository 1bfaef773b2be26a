import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from columns.models import ArticlePage, ColumnPage
from search import bench
from search.analysis import warm_up


class Command(BaseCommand):
    help = "搜索性能测试：在单独的数据库中生成一年量的信息（默认 30,000 条），全量重建索引并测量两词中文查询的首页耗时。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=30_000, help="信息总条数（默认 30000）")
        parser.add_argument("--rounds", type=int, default=5, help="每个查询测量的轮数（默认 5）")
        parser.add_argument("--skip-reindex", action="store_true", help="不重建索引（数据未变时复测查询）")
        parser.add_argument("--force", action="store_true", help="允许在名称不含 bench 的数据库上运行")

    def handle(self, *args, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name and not options["force"]:
            raise CommandError(
                f"数据库 {name} 的名称不含“bench”。性能测试会写入数万条信息，请使用单独的数据库"
                "（make bench-search 默认使用 var/bench-search.sqlite3）。"
            )
        out = self.stdout.write
        out(f"数据库：{connection.vendor} {name}")
        call_command("migrate", verbosity=0, interactive=False)

        if not ColumnPage.objects.exists():
            out("建立栏目树与演示数据（load_demo）……")
            call_command("load_demo", stdout=io.StringIO())
        missing = options["articles"] - ArticlePage.objects.count()
        if missing > 0:
            out(f"生成 {missing} 条信息……")
            started = time.monotonic()
            bench.add_articles(missing, log=out)
            out(f"  用时 {time.monotonic() - started:.0f} 秒")
        total = ArticlePage.objects.count()

        warm_up()
        reindex_seconds = None
        if not options["skip_reindex"]:
            out("全量重建索引（update_index）……")
            started = time.monotonic()
            call_command("update_index", verbosity=0)
            reindex_seconds = time.monotonic() - started
            out(f"  用时 {reindex_seconds:.0f} 秒")
        bench.refresh_statistics()

        out("测量查询（预热一轮后计时）……")
        figures = bench.measure(rounds=options["rounds"])
        out("")
        out(f"信息总数：{total} 条（{connection.vendor}）")
        if reindex_seconds is not None:
            out(f"全量重建索引：{reindex_seconds:.0f} 秒（{reindex_seconds / 60:.1f} 分钟）")
        for label, stats in figures:
            out(
                f"{label}：p50 {stats['p50']:.1f} ms，p95 {stats['p95']:.1f} ms，最大 {stats['max']:.1f} ms"
                f"（{stats['n']} 次）"
            )
