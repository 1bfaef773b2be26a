"""What other apps register with 信息精灵: the kinds of notification (events) users can choose
channels for, and the to-do counters shown on the intranet home. Filled at import time by the
registering apps (their wagtail_hooks / AppConfig.ready); read per request, never written then."""

from dataclasses import dataclass
from typing import Callable

EMAIL = "email"
SMS = "sms"
CHANNELS = ((EMAIL, "电子邮件"), (SMS, "短信"))


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    email: bool = True  # default of the e-mail channel until the user chooses
    sms: bool = False  # SMS costs money and interrupts: off unless the user turns it on

    def default(self, channel):
        return {EMAIL: self.email, SMS: self.sms}[channel]


@dataclass(frozen=True)
class TodoCounter:
    key: str
    label: str
    url: object  # a path, a lazy reverse, or a function returning one (called per request)
    count: Callable  # fn(user) -> int, or None when the counter does not apply to the user
    order: int = 100


_events = {}
_counters = {}


def register_event(key, label, *, email=True, sms=False):
    """Declare a kind of notification. Registering the same key again replaces it (re-imports)."""
    if not key or len(key) > 60:
        raise ValueError("event key must be 1-60 characters")
    _events[key] = Event(key, label, email=email, sms=sms)
    return _events[key]


def get_event(key):
    try:
        return _events[key]
    except KeyError:
        raise LookupError(f"notification event {key!r} is not registered (register_event)") from None


def events():
    """The registered events in the order of their labels' registration."""
    return list(_events.values())


def register_todo_counter(label, url, fn, *, key=None, order=100):
    """A to-do count shown on the intranet home with a link into the admin: fn(user) returns an
    int, or None when it does not apply to that user (then it is not shown)."""
    counter = TodoCounter(key or label, label, url, fn, order)
    _counters[counter.key] = counter
    return counter


def todo_counters():
    return sorted(_counters.values(), key=lambda c: (c.order, c.label))
