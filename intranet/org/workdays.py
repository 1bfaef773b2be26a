"""Working days in China: Monday to Friday, minus statutory holidays, plus 调休上班 weekend days.

The exceptions come from CalendarDay (seeded from the chinesecalendar package, extended by staff);
a year without any entered exceptions simply falls back to plain weekends, and calendar_warning()
says so. Every function fetches the exceptions of the date range it needs in one query (a long
add_working_days may need one more), never one query per day.

For many dates at once (a list of cases, a report), use one WorkingCalendar instance: it keeps what
it has loaded and only queries for dates outside that range.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from .models import CalendarDay, CalendarYear

HOLIDAY = "holiday"  # CalendarDay.Kind.HOLIDAY
WORKDAY = "workday"  # CalendarDay.Kind.WORKDAY
ONE_DAY = timedelta(days=1)
CALENDAR_MENU_PATH = "组织机构 › 节假日安排"


def current_date():
    """Today in the site's time zone (Asia/Shanghai); tests monkeypatch this."""
    return timezone.localdate()


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _weekdays_through(day):
    """Number of Mondays-to-Fridays from 0001-01-01 (a Monday) through `day` inclusive."""
    ordinal = day.toordinal()
    return ordinal // 7 * 5 + min(ordinal % 7, 5)


def _span_for(n):
    """Calendar days that almost always hold n working days (weekends plus a long holiday)."""
    return n * 3 // 2 + 21


class WorkingCalendar:
    """The calendar exceptions for a growing, contiguous date range, answered in memory."""

    def __init__(self):
        self._kinds = {}
        self._first = None
        self._last = None

    def _fetch(self, first, last):
        self._kinds.update(CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "kind"))

    def load(self, first, last):
        """Make sure [first, last] is loaded: at most two queries, none if it already is.

        Whole calendar years are loaded (a few dozen rows each), so a caller walking through many
        dates of the same years queries once."""
        first, last = _as_date(first), _as_date(last)
        if last < first:
            return
        if self._first is not None and self._first <= first and last <= self._last:
            return
        first, last = date(first.year, 1, 1), date(last.year, 12, 31)
        if self._first is None:
            self._fetch(first, last)
            self._first, self._last = first, last
            return
        if first < self._first:
            self._fetch(first, self._first - ONE_DAY)
            self._first = first
        if last > self._last:
            self._fetch(self._last + ONE_DAY, last)
            self._last = last

    def _is_working(self, day):
        kind = self._kinds.get(day)
        if kind == HOLIDAY:
            return False
        if kind == WORKDAY:
            return True
        return day.weekday() < 5

    def is_working_day(self, day):
        day = _as_date(day)
        self.load(day, day)
        return self._is_working(day)

    def add_working_days(self, start, n):
        start = _as_date(start)
        if n < 0:
            raise ValueError("n must be zero or positive")
        if n == 0:
            return start
        self.load(start + ONE_DAY, start + timedelta(days=_span_for(n)))
        day, remaining = start, n
        while remaining:
            day += ONE_DAY
            if day > self._last:
                self.load(day, day + timedelta(days=_span_for(remaining)))
            if self._is_working(day):
                remaining -= 1
        return day

    def working_days_between(self, start, end):
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        self.load(start + ONE_DAY, end)
        count = _weekdays_through(end) - _weekdays_through(start)
        for day, kind in self._kinds.items():
            if start < day <= end:
                weekday = day.weekday() < 5
                if kind == HOLIDAY and weekday:
                    count -= 1
                elif kind == WORKDAY and not weekday:
                    count += 1
        return count


def is_working_day(day: date) -> bool:
    """Whether staff work on `day` (one query)."""
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The date n working days after `start`: the n-th working day strictly after it.

    `start` itself is never counted, whether it is a working day or not, so for a case received
    on a Saturday or during a holiday the first working day after it is day 1. n=0 returns `start`
    unchanged. Consistent with working_days_between: working_days_between(s, add_working_days(s, n))
    == n. One query (a second one only for spans far longer than a year).
    """
    return WorkingCalendar().add_working_days(start, n)


def working_days_between(start: date, end: date) -> int:
    """The number of working days in (start, end]; 0 if end <= start (one query at most)."""
    return WorkingCalendar().working_days_between(start, end)


def years_without_data(years) -> list[int]:
    """Which of `years` have no complete CalendarYear, ascending (one query)."""
    wanted = sorted({int(y) for y in years})
    if not wanted:
        return []
    known = set(CalendarYear.objects.filter(year__in=wanted, complete=True).values_list("year", flat=True))
    return [y for y in wanted if y not in known]


def years_to_check(today: date) -> list[int]:
    """The current year, and from November on next year as well."""
    return [today.year, today.year + 1] if today.month >= 11 else [today.year]


def calendar_warning(today: date | None = None) -> str | None:
    """Chinese warning text when a year the deadlines depend on has no official schedule yet."""
    today = _as_date(today) if today is not None else current_date()
    missing = years_without_data(years_to_check(today))
    if not missing:
        return None
    years = "、".join(f"{y}年" for y in missing)
    return (
        f"{years}节假日安排尚未录入，工作日按普通周末计算。"
        f"请在“{CALENDAR_MENU_PATH}”中录入国务院公布的安排。"
    )
