from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interaction.cases.retention import purge_personal_data
from interaction.cases.tasks import purge_case_personal_data


class Command(BaseCommand):
    help = (
        "清除超过保存期限（后台“办件时限与保存期限”中设置，默认办结后 3 年）的办件中的个人信息和附件，"
        "统计数字保留。可重复运行；供 cron 每日运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将被清除的办件编号，不做任何修改")
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--enqueue", action="store_true", help="交给后台任务队列（django-tasks）执行")

    def handle(self, *args, **options):
        now = None
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from None
            now = timezone.make_aware(datetime.combine(day, time(12)))
        if options["enqueue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run 不能与 --enqueue 同时使用。")
            result = purge_case_personal_data.enqueue(now.isoformat() if now else None)
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        result = purge_personal_data(now, dry_run=options["dry_run"])
        cutoff = f"{timezone.localtime(result.cutoff):%Y-%m-%d}"
        if not result.count:
            self.stdout.write(f"没有需要清除个人信息的办件（办结早于 {cutoff} 的均已清除）。")
            return
        verb = "将清除" if result.dry_run else "已清除"
        self.stdout.write(f"{verb} {result.count} 件办件的个人信息（办结早于 {cutoff}）：")
        self.stdout.write("、".join(result.references))
        if result.dry_run:
            self.stdout.write("（试运行，未做任何修改）")
