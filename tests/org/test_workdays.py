"""Working days with China's statutory holidays and 调休: the calendar the data migration seeded,
deadlines across holidays, years without data, staff entries, seeding and the admin warning.

Deadlines below were checked by hand against the State Council's 2026 schedule (国办发明电〔2025〕
7号): 春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班；中秋 9月25日至27日；国庆
10月1日至7日放假，9月20日（周日）、10月10日（周六）上班."""

import io
from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.management import CommandError, call_command

from intranet.org import workdays
from intranet.org.models import CalendarDay, CalendarSource, CalendarYear
from intranet.org.workdays import (
    WorkingCalendar,
    add_working_days,
    calendar_warning,
    is_working_day,
    working_days_between,
    years_without_data,
)

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command("seed_calendar", *args, stdout=io.StringIO())


def calendar_snapshot():
    days = list(CalendarDay.objects.order_by("date").values_list("date", "kind", "name", "note", "source"))
    years = list(CalendarYear.objects.order_by("year").values_list("year", "source", "complete", "note", "updated_at"))
    return days, years


# --- the seeded calendar -------------------------------------------------------------------


def test_migration_seeded_every_year_the_package_knows():
    assert list(CalendarYear.objects.filter(complete=True).values_list("year", flat=True).order_by("year")) == list(
        range(2004, 2027)
    )
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    # Only exceptions are stored: no working day on a weekday.
    assert not [d for d in CalendarDay.objects.filter(kind="workday") if d.date.weekday() < 5]


def test_2005_02_05_is_a_working_saturday():
    day = date(2005, 2, 5)
    assert day.weekday() == 5
    assert is_working_day(day)
    assert CalendarDay.objects.get(date=day).get_kind_display() == "调休上班"
    assert CalendarDay.objects.get(date=day).name == "春节"


def test_national_day_2026():
    for offset in range(7):
        day = date(2026, 10, 1) + timedelta(days=offset)
        assert not is_working_day(day), day
        assert CalendarDay.objects.get(date=day).name == "国庆节"
    assert is_working_day(date(2026, 10, 8))  # Thursday after the week off
    assert is_working_day(date(2026, 9, 20))  # Sunday worked before it
    assert is_working_day(date(2026, 10, 10))  # Saturday worked after it
    assert not is_working_day(date(2026, 10, 11))
    assert not is_working_day(date(2026, 9, 25))  # 中秋 on a Friday


def test_plain_weekdays_and_weekends_are_implicit():
    assert is_working_day(date(2026, 11, 27))  # Friday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not CalendarDay.objects.filter(date__range=(date(2026, 11, 1), date(2026, 11, 30))).exists()


# --- deadlines -----------------------------------------------------------------------------


def test_spring_festival_2026_deadline():
    received = date(2026, 2, 12)  # Thursday before the holiday
    # 2-13 Fri, 2-14 Sat (调休上班), then 2-15..23 off, 2-24 Tue, 2-25 Wed, 2-26 Thu
    assert add_working_days(received, 5) == date(2026, 2, 26)
    # ... 2-27 Fri, 2-28 Sat (调休上班), 3-2 .. 3-6, 3-9, 3-10, 3-11
    assert add_working_days(received, 15) == date(2026, 3, 11)
    assert working_days_between(received, date(2026, 3, 11)) == 15
    assert working_days_between(date(2026, 2, 14), date(2026, 2, 24)) == 1


def test_complaint_received_on_mid_autumn_friday_with_15_working_days_across_national_day():
    received = date(2026, 9, 25)  # Friday, 中秋 holiday: day 1 is the next working day, 9-28
    # 9-28, 9-29, 9-30 | 10-1..7 off | 10-8, 10-9, 10-10 (Sat, 调休上班), 10-12..16, 10-19..22
    assert add_working_days(received, 1) == date(2026, 9, 28)
    assert add_working_days(received, 3) == date(2026, 9, 30)
    assert add_working_days(received, 4) == date(2026, 10, 8)
    assert add_working_days(received, 6) == date(2026, 10, 10)
    assert add_working_days(received, 15) == date(2026, 10, 22)
    assert working_days_between(received, date(2026, 10, 22)) == 15


def test_deadline_counts_from_the_day_after_start():
    assert add_working_days(date(2026, 9, 23), 3) == date(2026, 9, 29)  # Wed -> Thu, Mon, Tue
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday -> Monday
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0
    assert working_days_between(date(2026, 12, 1), date(2026, 11, 30)) == 0
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 28), -1)


def test_results_agree_with_the_chinesecalendar_package_over_all_seeded_years():
    calendar = WorkingCalendar()
    start = date(2004, 1, 1)
    while start < date(2026, 10, 1):
        for n in (1, 3, 15, 20):
            expected, left = start, n
            while left:
                expected += timedelta(days=1)
                left -= chinese_calendar.is_workday(expected)
            assert calendar.add_working_days(start, n) == expected, (start, n)
            assert calendar.working_days_between(start, expected) == n
        assert calendar.is_working_day(start) == chinese_calendar.is_workday(start), start
        start += timedelta(days=5)


# --- years without data ----------------------------------------------------------------------


def test_2027_falls_back_to_plain_weekends_and_warns():
    assert years_without_data([2026, 2027, 2027]) == [2027]
    assert is_working_day(date(2027, 1, 1))  # a Friday; 元旦 not entered yet
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert add_working_days(date(2027, 2, 5), 5) == date(2027, 2, 12)  # 春节 week counted as work
    warning = calendar_warning(date(2027, 3, 1))
    assert warning is not None
    assert "2027年节假日安排尚未录入" in warning and "组织机构 › 节假日安排" in warning
    assert calendar_warning(date(2026, 5, 1)) is None


def test_next_year_is_checked_from_november():
    assert calendar_warning(date(2026, 10, 31)) is None
    assert "2027年" in calendar_warning(date(2026, 11, 1))
    CalendarYear.objects.filter(year=2026).update(complete=False)
    assert calendar_warning(date(2026, 12, 1)).startswith("2026年、2027年节假日安排尚未录入")


def test_calendar_warning_defaults_to_today(monkeypatch):
    monkeypatch.setattr(workdays, "current_date", lambda: date(2026, 6, 1))
    assert calendar_warning() is None
    monkeypatch.setattr(workdays, "current_date", lambda: date(2026, 11, 15))
    assert "2027年" in calendar_warning()


def test_staff_entered_2027_days_change_results():
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    CalendarDay.objects.create(date=date(2027, 2, 6), kind="workday", name="春节")  # a Saturday
    for offset in range(7):
        CalendarDay.objects.create(date=date(2027, 2, 6 + offset + 5), kind="holiday", name="春节")
    assert not is_working_day(date(2027, 1, 1))
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert is_working_day(date(2027, 2, 6))
    # 2-6 (Sat, 调休上班), 2-8 Mon, 2-9 Tue, 2-10 Wed, then 2-11..17 off, 2-18 Thu
    assert add_working_days(date(2027, 2, 5), 5) == date(2027, 2, 18)
    assert working_days_between(date(2027, 2, 5), date(2027, 2, 19)) == 6
    # Still warned until the year is marked complete.
    assert calendar_warning(date(2027, 3, 1)) is not None
    CalendarYear.objects.create(year=2027, complete=True)
    assert years_without_data([2027]) == []
    assert calendar_warning(date(2027, 3, 1)) is None


# --- query counts ------------------------------------------------------------------------------


def test_bounded_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert add_working_days(date(2026, 1, 5), 60) > date(2026, 3, 31)
    with django_assert_max_num_queries(1):
        working_days_between(date(2020, 1, 1), date(2026, 12, 31))
    with django_assert_max_num_queries(1):
        is_working_day(date(2026, 10, 1))
    with django_assert_max_num_queries(1):
        calendar_warning(date(2026, 11, 27))
    calendar = WorkingCalendar()
    with django_assert_max_num_queries(3):
        for offset in range(200):
            calendar.add_working_days(date(2026, 1, 1) + timedelta(days=offset), 15)


# --- seeding ----------------------------------------------------------------------------------


def test_seed_calendar_twice_changes_nothing():
    before = calendar_snapshot()
    seed()
    seed()
    assert calendar_snapshot() == before


def test_seed_calendar_never_overwrites_manual_edits():
    edited = CalendarDay.objects.get(date=date(2026, 10, 7))
    edited.kind, edited.name, edited.note, edited.source = "holiday", "国庆节（调整）", "按区政府通知", "manual"
    edited.save()
    CalendarYear.objects.filter(year=2025).update(source=CalendarSource.MANUAL)
    CalendarDay.objects.filter(date__year=2025, name="春节").delete()
    seed()
    seed("--year", "2025", "--year", "2026")
    edited.refresh_from_db()
    assert (edited.name, edited.note, edited.source) == ("国庆节（调整）", "按区政府通知", "manual")
    assert not CalendarDay.objects.filter(date__year=2025, name="春节").exists()


def test_seed_calendar_restores_package_days_of_package_years():
    CalendarDay.objects.filter(date=date(2026, 10, 1)).delete()
    CalendarDay.objects.filter(date=date(2026, 10, 2)).update(name="旧名称")
    seed("--year", "2026")
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆节"
    assert CalendarDay.objects.get(date=date(2026, 10, 2)).name == "国庆节"


def test_seed_calendar_refuses_years_the_package_does_not_know():
    with pytest.raises(CommandError, match="2027年"):
        seed("--year", "2027")


# --- admin ------------------------------------------------------------------------------------


def test_dashboard_warns_every_admin_user_while_2027_is_missing(client, login, monkeypatch, superuser, staff_member):
    monkeypatch.setattr(workdays, "current_date", lambda: date(2027, 3, 1))
    login(client, superuser)
    html = client.get("/admin/").content.decode()
    assert "2027年节假日安排尚未录入" in html
    assert "/admin/snippets/org/calendarday/" in html
    client.logout()
    login(client, staff_member)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "2027年节假日安排尚未录入" in response.content.decode()


def test_dashboard_is_quiet_when_the_calendar_is_complete(client, login, monkeypatch, superuser):
    monkeypatch.setattr(workdays, "current_date", lambda: date(2026, 5, 1))
    login(client, superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "节假日安排尚未录入" not in response.content.decode()


def test_admin_lists_days_by_year_and_kind(client, login, superuser):
    login(client, superuser)
    response = client.get("/admin/snippets/org/calendarday/", {"year": "2026", "kind": "workday"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026年9月20日" in html and "2026年2月14日" in html and "周日" in html
    assert "2026年10月1日" not in html  # a holiday, filtered out by kind
    assert "2025年10月11日" not in html  # a 2025 working Saturday, filtered out by year
    assert client.get("/admin/snippets/org/calendaryear/").status_code == 200


def test_day_edited_in_admin_becomes_manual_and_survives_seeding(client, login, superuser):
    login(client, superuser)
    day = CalendarDay.objects.get(date=date(2026, 10, 7))
    response = client.post(
        f"/admin/snippets/org/calendarday/edit/{day.pk}/",
        {"date": "2026-10-07", "kind": "holiday", "name": "国庆节", "note": "补充说明"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    day.refresh_from_db()
    assert (day.note, day.source) == ("补充说明", "manual")
    seed()
    day.refresh_from_db()
    assert (day.note, day.source) == ("补充说明", "manual")


def test_admin_rejects_a_weekday_marked_as_adjusted_working_day(client, login, superuser):
    login(client, superuser)
    response = client.post(
        "/admin/snippets/org/calendarday/add/", {"date": "2027-01-05", "kind": "workday", "name": "", "note": ""}
    )
    assert response.status_code == 200
    assert "调休上班日应为周六或周日" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2027, 1, 5)).exists()


def test_deleting_a_seeded_day_in_admin_keeps_it_deleted(client, login, superuser):
    login(client, superuser)
    day = CalendarDay.objects.get(date=date(2026, 1, 3))
    response = client.post(f"/admin/snippets/org/calendarday/delete/{day.pk}/")
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2026).source == "manual"
    seed()
    assert not CalendarDay.objects.filter(date=date(2026, 1, 3)).exists()
