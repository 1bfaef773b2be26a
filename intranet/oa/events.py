"""What the OA tells people through 信息精灵 (intranet.notify): the events it registers and one
function per kind of message, so the routing engine says *what* happened and this module says
who hears it and in which words."""

from django.urls import reverse

from intranet.notify.api import notify

from .models import OfficeItem

NEW_TASK = "oa.task"
URGED = "oa.urge"
RETURNED = "oa.return"
OVERDUE = "oa.overdue"
EXCHANGE = "oa.exchange"

EVENTS = {
    NEW_TASK: "新的待办公文",
    URGED: "公文催办",
    RETURNED: "公文退回",
    OVERDUE: "公文办理超期",
    EXCHANGE: "公文交换收文",
}


def item_url(item):
    return reverse("oa_item", args=[item.pk])


def _say(users, event, item, text):
    # The source is always the base item, whatever instance the caller holds, so links and the
    # "same unread notification today" rule of notify see one item, not one per model class.
    source = OfficeItem(pk=item.pk)
    return notify(users, event=event, title=f"{text}：{item.title}", url=item_url(item), source=source)


def tasks_arrived(item, step, users):
    return _say(users, NEW_TASK, item, f"请{step.get_action_display()}")


def urged(item, step, users):
    return _say(users, URGED, item, f"催办（{step.get_action_display()}）")


def returned(item, users):
    return _say(users, RETURNED, item, "已退回")


def overdue(item, users):
    return _say(users, OVERDUE, item, "已超过办理时限")


def exchange_arrived(item, users):
    return _say(users, EXCHANGE, item, "收到交换公文")
