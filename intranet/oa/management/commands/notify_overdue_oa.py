from datetime import datetime, time

from django.utils import timezone

from core.commands import ScheduledCommand
from intranet.oa.overdue import notify_overdue, notify_overdue_tasks


class Command(ScheduledCommand):
    help = "通过信息精灵提醒已超过办理时限的公文待办（每个待办只提醒一次；供 cron 每日运行）。"
    task = notify_overdue_tasks

    def run(self, day, dry_run=False):
        now = timezone.make_aware(datetime.combine(day, time.max)) if day else None
        told = notify_overdue(now)
        if not told:
            self.stdout.write("没有新超期的公文待办。")
        for title, holder in told:
            self.stdout.write(f"已提醒 {holder}：{title}")
