"""Add the statutory holidays and 调休上班 days the chinesecalendar package knows.

Never overwrites a year entered by hand (节假日年份 with source 手工录入) nor a day staff edited;
running it twice changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from intranet.org.calendar_seed import package_version, package_years, seed_calendar


class Command(BaseCommand):
    help = "从 chinesecalendar 数据包导入法定节假日和调休上班日（不覆盖手工录入或修改的内容）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", dest="years", help="只导入该年份，可重复指定")

    def handle(self, *args, years=None, **options):
        known = package_years()
        if years:
            unknown = sorted(set(years) - set(known))
            if unknown:
                listed = "、".join(f"{y}年" for y in unknown)
                raise CommandError(
                    f"chinesecalendar {package_version()} 没有{listed}的数据（收录 {known[0]}–{known[-1]} 年），"
                    "请在后台“组织机构 › 节假日安排”中手工录入。"
                )
        results = seed_calendar(years)
        changed = [r for r in results if r.status in ("created", "updated") or r.kept_manual]
        for result in changed:
            self.stdout.write(result.describe())
        manual = [r.year for r in results if r.status == "manual"]
        if manual:
            self.stdout.write("手工录入的年份未改动：" + "、".join(str(y) for y in manual))
        if not changed:
            self.stdout.write(f"节假日安排已是最新（chinesecalendar {package_version()}）。")
