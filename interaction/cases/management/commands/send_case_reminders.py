from datetime import date

from django.core.management.base import BaseCommand, CommandError

from interaction.cases.tasks import send_case_reminders, send_reminders


class Command(BaseCommand):
    help = "向承办部门发送办件到期提醒邮件（每个部门每天至多一封；供 cron 每日运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument(
            "--enqueue", action="store_true", help="交给后台任务队列（django-tasks）执行，而不是立即发送"
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from None
        if options["enqueue"]:
            result = send_case_reminders.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        sent = send_reminders(today)
        if not sent:
            self.stdout.write("今天没有需要发送的办件提醒。")
            return
        for item in sent:
            cases = "、".join(item["cases"])
            if item["sent"]:
                self.stdout.write(f"已提醒 {item['department']}（{'，'.join(item['recipients'])}）：{cases}")
            elif item.get("error"):
                self.stderr.write(f"{item['department']}：{item['error']}：{cases}")
            else:
                self.stderr.write(f"{item['department']} 没有可用的收件地址，未发送：{cases}")
