import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.org import DEMO_PASSWORD, DEMO_USERS
from demo.registry import DemoContext, steps


class Command(BaseCommand):
    help = "建立两站、栏目树、角色与演示内容（可重复运行，只补齐缺少的部分）。仅用于开发和演示环境。"

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("load_demo 只能在开发或测试环境运行（设置 DEMO_CONTENT_ALLOWED）。")
        started = time.monotonic()
        context = DemoContext()
        for demo_step in steps():
            demo_step.run(context)
        for line in context.log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"演示数据就绪（用时 {time.monotonic() - started:.0f} 秒）。"))
        self.print_accounts()

    def print_accounts(self):
        self.stdout.write("演示账号（密码均为 %s，仅限开发环境）：" % DEMO_PASSWORD)
        users = get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).prefetch_related("groups")
        by_name = {u.username: u for u in users}
        for username, full_name, _dept, position, _groups, _superuser in DEMO_USERS:
            user = by_name[username]
            role = "超级管理员" if user.is_superuser else ("、".join(g.name for g in user.groups.all()) or "普通职工")
            self.stdout.write(f"  {username:<12} {full_name}（{position}，{role}）")
