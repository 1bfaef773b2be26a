"""Deadlines in working days (intranet.org.workdays: holidays and 调休 days count as they do in
the office) and the traffic light of an open item:

- red (超期): today is past the deadline;
- amber (临期): the deadline is today or within the next 3 working days;
- green (按期): otherwise.

Closed or answered items have no light. One WorkingCalendar serves a whole list."""

from intranet.org.workdays import WorkingCalendar, current_date

from .choices import Light

AMBER_WORKING_DAYS = 3


def due_date(start, working_days, calendar=None):
    """The deadline `working_days` working days after `start`."""
    return (calendar or WorkingCalendar()).add_working_days(start, working_days)


def light(deadline, today=None, calendar=None):
    today = today or current_date()
    if today > deadline:
        return Light.RED
    calendar = calendar or WorkingCalendar()
    if calendar.working_days_between(today, deadline) <= AMBER_WORKING_DAYS:
        return Light.AMBER
    return Light.GREEN


def light_of(item, today=None, calendar=None):
    """The light of an item with `is_open` and `deadline`, or None once it is no longer open."""
    if not item.is_open:
        return None
    return light(item.deadline, today, calendar)


def annotate_lights(items, today=None):
    """Set `.light` on each item of a list, with one calendar for all (at most two queries)."""
    today = today or current_date()
    calendar = WorkingCalendar()
    items = list(items)
    if items:
        calendar.load(today, max(item.deadline for item in items))
    for item in items:
        item.light = light_of(item, today, calendar)
    return items
