from core.commands import ScheduledCommand
from intranet.notify.delivery import deliver
from intranet.notify.tasks import retry_deliveries


class Command(ScheduledCommand):
    help = "发送信息精灵中仍待发送或发送失败（未超过重试次数）的邮件和短信；供 cron 定时运行。"
    task = retry_deliveries
    dated = False
    enqueue_help = "交给后台任务队列（django-tasks）执行，而不是立即发送"

    def run(self, day, dry_run=False):
        result = deliver(None)
        self.stdout.write(f"已发送 {result['sent']} 条，失败 {result['failed']} 条，跳过 {result['skipped']} 条。")
