from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.utils import timezone

from core.commands import ScheduledCommand
from security.retention import prune, retention_days
from security.tasks import prune_security_audit


class Command(ScheduledCommand):
    help = "删除超过保存期限（SECURITY_AUDIT_RETENTION_DAYS，默认 365 天，不少于 183 天）的安全审计记录；供 cron 每日运行。"
    task = prune_security_audit
    dated = False
    enqueue_help = "交给后台任务队列（django-tasks）执行，而不是立即删除"

    def check_ready(self):
        try:
            retention_days()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

    def run(self, day, dry_run=False):
        deleted, cutoff = prune()
        self.stdout.write(
            f"保存期限 {retention_days()} 天：已删除 {timezone.localtime(cutoff):%Y-%m-%d %H:%M} 之前的安全审计记录 {deleted} 条。"
        )
