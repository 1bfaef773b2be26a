"""Traffic lights respect holidays and 调休 days (intranet.org.workdays)."""

from datetime import date

import pytest

from intranet.org.models import CalendarDay
from intranet.supervision.choices import Light
from intranet.supervision.deadlines import annotate_lights, due_date, light

NATIONAL_DAY = [date(2031, 10, d) for d in range(1, 8)]


def holidays():
    for day in NATIONAL_DAY:
        CalendarDay.objects.update_or_create(date=day, defaults={"kind": "holiday", "name": "国庆节"})
    CalendarDay.objects.update_or_create(date=date(2031, 10, 11), defaults={"kind": "workday", "name": "国庆节"})  # a Saturday


@pytest.mark.django_db
def test_a_week_long_holiday_makes_a_distant_looking_deadline_amber():
    today, deadline = date(2031, 9, 30), date(2031, 10, 9)  # Tuesday -> Thursday after the holiday
    CalendarDay.objects.filter(date__year=2031).delete()
    assert light(deadline, today) == Light.GREEN  # plain weekends: 6 working days left
    holidays()
    assert light(deadline, today) == Light.AMBER  # only Oct 8 and 9 are working days
    assert light(deadline, date(2031, 10, 10)) == Light.RED


@pytest.mark.django_db
def test_a_make_up_saturday_counts_as_a_working_day():
    CalendarDay.objects.filter(date__year=2031).delete()
    today, deadline = date(2031, 10, 10), date(2031, 10, 15)  # Friday -> Wednesday
    assert light(deadline, today) == Light.AMBER  # Mon, Tue, Wed
    holidays()
    assert light(deadline, today) == Light.GREEN  # plus the 调休 Saturday
    assert light(deadline, deadline) == Light.AMBER  # due today is not yet overdue


@pytest.mark.django_db
def test_due_dates_skip_the_holiday():
    CalendarDay.objects.filter(date__year=2031).delete()
    holidays()
    assert due_date(date(2031, 9, 30), 1) == date(2031, 10, 8)
    assert due_date(date(2031, 9, 30), 4) == date(2031, 10, 11)  # the 调休 Saturday


def test_lights_of_a_list_and_closed_items(bureau, django_assert_max_num_queries):
    holidays()
    open_one = bureau.proposal(number=1, deadline=date(2031, 10, 9))
    late = bureau.proposal(number=2, deadline=date(2031, 9, 29))
    done = bureau.proposal(number=3, deadline=date(2031, 9, 29))
    done.state = "closed"
    with django_assert_max_num_queries(1):
        items = annotate_lights([open_one, late, done], today=date(2031, 9, 30))
    assert [item.light for item in items] == [Light.AMBER, Light.RED, None]
