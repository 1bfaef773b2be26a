from core.commands import ScheduledCommand
from interaction.cases.tasks import send_case_reminders, send_reminders


class Command(ScheduledCommand):
    help = "向承办部门发送办件到期提醒邮件（每个部门每天至多一封；供 cron 每日运行）。"
    task = send_case_reminders
    enqueue_help = "交给后台任务队列（django-tasks）执行，而不是立即发送"

    def run(self, day, dry_run=False):
        sent = send_reminders(day)
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
