"""Seeding the working-day calendar from the `chinesecalendar` package (pinned in requirements.txt).

Used by the data migration (with historical models) and by `manage.py seed_calendar`. The rules:
- only exceptions are stored: every date the package lists as a holiday, and every weekend day it
  lists as a working day (调休上班); plain weekends and weekdays stay implicit;
- a year whose CalendarYear has source "manual" is never touched;
- a day whose source is "manual" (entered or edited by staff) is never touched;
- running it again changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date

import chinese_calendar
from django.db import transaction

from .models import CalendarDay, CalendarYear

# Mirrors CalendarDay.Kind / CalendarSource; plain strings so historical models work too.
HOLIDAY = "holiday"
WORKDAY = "workday"
PACKAGE = "chinesecalendar"
MANUAL = "manual"

# Fuller Chinese names than the package's short ones; anything else keeps the package's name.
HOLIDAY_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
IN_LIEU_NOTE = "调休"


def package_version():
    return chinese_calendar.__version__


def package_years():
    """The years the installed package has an official schedule for, ascending."""
    return sorted({day.year for day in chinese_calendar.holidays})


def package_days(year):
    """{date: (kind, name, note)} for one year, exceptions only, as the package gives them."""
    names = {h.value: HOLIDAY_NAMES.get(h.chinese, h.chinese) for h in chinese_calendar.Holiday}
    days = {}
    for day, holiday in chinese_calendar.holidays.items():
        if day.year == year:
            note = IN_LIEU_NOTE if day in chinese_calendar.in_lieu_days else ""
            days[day] = (HOLIDAY, names.get(holiday, holiday), note)
    for day, holiday in chinese_calendar.workdays.items():
        # The package lists only weekend days here; a weekday "workday" would be no exception.
        if day.year == year and day.weekday() >= 5:
            days[day] = (WORKDAY, names.get(holiday, holiday), "")
    return days


@dataclass
class YearResult:
    year: int
    status: str  # "created", "updated", "unchanged", "manual", "unknown"
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_manual: list = field(default_factory=list)  # dates left alone because staff own them

    STATUS_TEXT = {
        "created": "已导入",
        "updated": "已更新",
        "unchanged": "无变化",
        "manual": "手工录入的年份，未改动",
        "unknown": "数据包中没有该年数据",
    }

    def describe(self):
        text = f"{self.year}年：{self.STATUS_TEXT[self.status]}"
        counts = [
            f"{label}{n}天" for label, n in (("新增", self.created), ("更新", self.updated), ("删除", self.deleted)) if n
        ]
        if counts:
            text += "（" + "，".join(counts) + "）"
        if self.kept_manual:
            text += f"；保留手工修改的{len(self.kept_manual)}天"
        return text


def _models(apps):
    if apps is None:
        return CalendarDay, CalendarYear
    return apps.get_model("org", "CalendarDay"), apps.get_model("org", "CalendarYear")


def seed_calendar(years=None, *, apps=None):
    """Add (or bring up to date) the package's years; return one YearResult per requested year.

    `years`: an iterable of years, default every year the package knows. `apps`: the migration
    state's app registry when called from a data migration, None for the live models.
    """
    day_model, year_model = _models(apps)
    known = set(package_years())
    requested = sorted(set(years)) if years is not None else sorted(known)
    results = []
    with transaction.atomic():
        year_records = {y.year: y for y in year_model.objects.filter(year__in=requested)}
        for year in requested:
            if year not in known:
                results.append(YearResult(year, "unknown"))
                continue
            record = year_records.get(year)
            if record is not None and record.source == MANUAL:
                results.append(YearResult(year, "manual"))
                continue
            result = _sync_year(day_model, year, package_days(year))
            if record is None:
                year_model.objects.create(
                    year=year, source=PACKAGE, complete=True, note=f"chinesecalendar {package_version()}"
                )
                result.status = "created"
            elif not record.complete:
                record.complete = True
                record.save(update_fields=["complete", "updated_at"])
                result.status = "updated"
            results.append(result)
    return results


def _sync_year(day_model, year, wanted):
    """Make the package-owned days of one year equal `wanted`, leaving staff-owned days alone."""
    existing = {d.date: d for d in day_model.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))}
    result = YearResult(year, "unchanged")
    to_create, to_update = [], []
    for day, (kind, name, note) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            to_create.append(day_model(date=day, kind=kind, name=name, note=note, source=PACKAGE))
        elif row.source == MANUAL:
            if (row.kind, row.name, row.note) != (kind, name, note):
                result.kept_manual.append(day)
        elif (row.kind, row.name, row.note) != (kind, name, note):
            row.kind, row.name, row.note = kind, name, note
            to_update.append(row)
    stale = [row.pk for day, row in existing.items() if row.source == PACKAGE and day not in wanted]
    if to_create:
        day_model.objects.bulk_create(to_create)
    if to_update:
        day_model.objects.bulk_update(to_update, ["kind", "name", "note"])
    if stale:
        day_model.objects.filter(pk__in=stale).delete()
    result.created, result.updated, result.deleted = len(to_create), len(to_update), len(stale)
    if to_create or to_update or stale:
        result.status = "updated"
    return result
