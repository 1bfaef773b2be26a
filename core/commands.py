"""The shape shared by the daily maintenance commands (reminders, retention, pruning): cron runs
them directly, or with --enqueue hands the same work to the django-tasks worker; --date computes
as on another day; --dry-run, where offered, changes nothing."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError


def parse_day(value):
    """A YYYY-MM-DD option as a date (None when absent); anything else is the operator's error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError("日期格式应为 YYYY-MM-DD。") from None


class ScheduledCommand(BaseCommand):
    task = None  # the django-tasks task that does the same work in a worker
    dated = True  # offer --date
    dry_run_help = None  # a help text offers --dry-run
    enqueue_help = "交给后台任务队列（django-tasks）执行"

    def add_arguments(self, parser):
        if self.dry_run_help:
            parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)
        if self.dated:
            parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--enqueue", action="store_true", help=self.enqueue_help)

    def handle(self, *args, **options):
        day = parse_day(options.get("date"))
        dry_run = options.get("dry_run", False)
        self.check_ready()
        if options["enqueue"]:
            if dry_run:
                raise CommandError("--dry-run 不能与 --enqueue 同时使用。")
            result = self.task.enqueue(*self.task_args(day))
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        self.run(day, dry_run=dry_run)

    def check_ready(self):
        """Raise CommandError when a setting makes the work impossible."""

    def task_args(self, day):
        """The task's arguments (JSON-serialisable) for the day asked, or today."""
        return (day.isoformat() if day else None,) if self.dated else ()

    def run(self, day, dry_run=False):
        raise NotImplementedError
