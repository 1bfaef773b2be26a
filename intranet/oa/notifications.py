"""The OA's part of 信息精灵 (found by intranet.notify's autodiscovery of `notifications` modules):
the events the routing engine reports and the to-do counters on the intranet home."""

from django.urls import reverse

from intranet.notify.api import register_event, register_todo_counter

from .access import is_registrar, is_staff_member
from .admin.views import office_counts, pending_exchange_count
from .events import EVENTS

for _key, _label in EVENTS.items():
    register_event(_key, _label)


def todo(user):
    return office_counts(user)["todo"] if is_staff_member(user) else None


def overdue(user):
    return office_counts(user)["overdue"] if is_staff_member(user) else None


def to_register(user):
    return pending_exchange_count(user) if is_registrar(user) else None


register_todo_counter("待办公文", lambda: reverse("oa_office"), todo, key="oa", order=10)
register_todo_counter("超期公文", lambda: reverse("oa_office") + "?tab=overdue", overdue, key="oa-overdue", order=11)
register_todo_counter("待签收交换公文", lambda: reverse("oa_register"), to_register, key="oa-register", order=12)
