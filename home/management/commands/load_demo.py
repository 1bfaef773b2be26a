import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from columns.demo import configure_home_blocks, load_columns_demo
from core.roles import setup_roles
from home.demo import INTRANET_IDENTITY, PUBLIC_IDENTITY, ensure_identity, ensure_utility_pages
from home.sites import ensure_sites
from interaction.cases.demo import load_cases_demo
from intranet.org.demo import DEMO_PASSWORD, DEMO_USERS, ensure_demo_users, ensure_directory_staff


class Command(BaseCommand):
    help = "建立两站、栏目树、角色与演示内容（可重复运行，只补齐缺少的部分）。仅用于开发和演示环境。"

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("load_demo 只能在开发或测试环境运行（设置 DEMO_CONTENT_ALLOWED）。")
        started = time.monotonic()
        call_command("build_columns", stdout=io.StringIO(), stderr=self.stderr)
        public_home, intranet_home, _ = ensure_sites()
        setup_roles()  # every app's registered roles part, as the setup_roles command does
        ensure_identity(Site.objects.get(root_page=public_home), PUBLIC_IDENTITY)
        ensure_identity(Site.objects.get(root_page=intranet_home), INTRANET_IDENTITY)
        ensure_utility_pages(public_home, "public")
        ensure_utility_pages(intranet_home, "intranet")
        ensure_demo_users()
        ensure_directory_staff()
        log = []
        load_columns_demo(public_home, intranet_home, log)
        load_cases_demo(log)
        configure_home_blocks(public_home.specific, intranet_home.specific)
        for line in log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"演示数据就绪（用时 {time.monotonic() - started:.0f} 秒）。"))
        self.stdout.write("演示账号（密码均为 %s，仅限开发环境）：" % DEMO_PASSWORD)
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).prefetch_related("groups")
        by_name = {u.username: u for u in users}
        for username, full_name, _dept, position, _groups, _superuser in DEMO_USERS:
            user = by_name[username]
            role = "超级管理员" if user.is_superuser else ("、".join(g.name for g in user.groups.all()) or "普通职工")
            self.stdout.write(f"  {username:<12} {full_name}（{position}，{role}）")
