from datetime import datetime, time

from django.utils import timezone

from core.commands import ScheduledCommand
from interaction.cases.retention import purge_personal_data
from interaction.cases.tasks import purge_case_personal_data


def noon(day):
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


class Command(ScheduledCommand):
    help = (
        "清除超过保存期限（后台“办件时限与保存期限”中设置，默认办结后 3 年）的办件中的个人信息和附件，"
        "统计数字保留。可重复运行；供 cron 每日运行。"
    )
    task = purge_case_personal_data
    dry_run_help = "只列出将被清除的办件编号，不做任何修改"

    def task_args(self, day):
        return (noon(day).isoformat() if day else None,)

    def run(self, day, dry_run=False):
        result = purge_personal_data(noon(day), dry_run=dry_run)
        cutoff = f"{timezone.localtime(result.cutoff):%Y-%m-%d}"
        if not result.count:
            self.stdout.write(f"没有需要清除个人信息的办件（办结早于 {cutoff} 的均已清除）。")
            return
        verb = "将清除" if result.dry_run else "已清除"
        self.stdout.write(f"{verb} {result.count} 件办件的个人信息（办结早于 {cutoff}）：")
        self.stdout.write("、".join(result.references))
        if result.dry_run:
            self.stdout.write("（试运行，未做任何修改）")
