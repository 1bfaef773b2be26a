from core.commands import ScheduledCommand
from search.log import prune, retention_days
from search.tasks import prune_search_log


class Command(ScheduledCommand):
    help = "删除超过保存期限（SEARCH_LOG_RETENTION_DAYS 天）的搜索日志和前一天及更早的访客散列；供 cron 每日运行。"
    task = prune_search_log
    dry_run_help = "只统计将删除的行数，不做任何修改"

    def run(self, day, dry_run=False):
        result = prune(day, dry_run=dry_run)
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(
            f"{verb} {result['before']:%Y-%m-%d} 之前的搜索日志 {result['days']} 行（保存 {retention_days()} 天），"
            f"过期访客散列 {result['visitors']} 行。"
        )
