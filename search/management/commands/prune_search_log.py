from datetime import date

from django.core.management.base import BaseCommand, CommandError

from search.log import prune, retention_days
from search.tasks import prune_search_log


class Command(BaseCommand):
    help = "删除超过保存期限（SEARCH_LOG_RETENTION_DAYS 天）的搜索日志和前一天及更早的访客散列；供 cron 每日运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计将删除的行数，不做任何修改")
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--enqueue", action="store_true", help="交给后台任务队列（django-tasks）执行")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from None
        if options["enqueue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run 不能与 --enqueue 同时使用。")
            result = prune_search_log.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        result = prune(today, dry_run=options["dry_run"])
        verb = "将删除" if options["dry_run"] else "已删除"
        self.stdout.write(
            f"{verb} {result['before']:%Y-%m-%d} 之前的搜索日志 {result['days']} 行（保存 {retention_days()} 天），"
            f"过期访客散列 {result['visitors']} 行。"
        )
