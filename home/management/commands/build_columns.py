from django.core.management.base import BaseCommand

from columns.tree import build_columns
from home.sites import ensure_sites
from intranet.org.seed import ensure_departments

# The command lives in home, above columns: it builds both sites' home pages (home.sites) and then
# the column tree under them (columns.tree).


class Command(BaseCommand):
    help = "让两站的栏目树与 columns/taxonomy/*.toml 一致：只创建缺少的页面，从不修改或删除已有页面。"

    def handle(self, *args, **options):
        public_home, intranet_home, site_log = ensure_sites()
        departments = ensure_departments()
        report = build_columns({"public": public_home, "intranet": intranet_home})
        for line in site_log:
            self.stdout.write(line)
        for name in departments:
            self.stdout.write(f"创建部门 {name}")
        for line in report.created:
            self.stdout.write(f"创建 {line}")
        for line in report.swapped:
            self.stdout.write(f"启用互动页面 {line}")
        for line in report.warnings:
            self.stderr.write(self.style.WARNING(f"警告：{line}"))
        total = len(site_log) + len(departments) + len(report.created) + len(report.swapped)
        if total:
            self.stdout.write(
                self.style.SUCCESS(f"完成：新建 {len(report.created)} 个栏目页面，启用 {len(report.swapped)} 个互动页面。")
            )
        else:
            self.stdout.write(self.style.SUCCESS("栏目树已是最新，未做任何更改。"))
