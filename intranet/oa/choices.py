"""The vocabulary of the OA: kinds of routed items, their states, step actions and the states of
one person's part in a step (one 流转人次)."""

from django.db import models


class Kind(models.TextChoices):
    READ = "read", "阅件"
    HANDLE = "handle", "办件"
    OUTGOING = "outgoing", "发文"
    CONTACT = "contact", "工作联系单"
    SIGN = "sign", "工作签报"


DOCUMENT_KINDS = (Kind.READ, Kind.HANDLE, Kind.OUTGOING)  # the three kinds of 公文


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "拟稿"
    ROUTING = "routing", "流转中"
    CLOSED = "closed", "已办结"


class Secrecy(models.TextChoices):
    PUBLIC = "public", "公开"
    INTERNAL = "internal", "内部"


class Urgency(models.TextChoices):
    VERY_URGENT = "very_urgent", "特急"
    URGENT = "urgent", "急件"
    NORMAL = "normal", "平件"


class Action(models.TextChoices):
    READ = "read", "阅"
    HANDLE = "handle", "办"
    CHECK = "check", "核稿"
    COUNTERSIGN = "countersign", "会签"
    SIGN_OFF = "sign_off", "签发"
    INSTRUCT = "instruct", "批示"
    REPLY = "reply", "回复"


# Actions whose holder must write something before the step counts as done.
OPINION_REQUIRED = {Action.HANDLE, Action.CHECK, Action.COUNTERSIGN, Action.SIGN_OFF, Action.INSTRUCT, Action.REPLY}


class StepStatus(models.TextChoices):
    PENDING = "pending", "未到达"
    ACTIVE = "active", "办理中"
    DONE = "done", "已完成"
    RETURNED = "returned", "已退回"
    RECALLED = "recalled", "已收回"


class TaskStatus(models.TextChoices):
    """One person's part in a step."""

    WAITING = "waiting", "待办"  # the step is active; not yet opened
    OPENED = "opened", "已打开"
    DONE = "done", "已办"
    RETURNED = "returned", "已退回"
    RECALLED = "recalled", "已收回"
    QUEUED = "queued", "未到达"  # the step has not been reached yet


OPEN_TASK_STATES = (TaskStatus.WAITING, TaskStatus.OPENED)
# States that count as one 流转人次: a task that reached its holder. Recalled tasks never were
# opened (收回 is only possible before that); queued ones have not arrived.
COUNTED_TASK_STATES = (TaskStatus.WAITING, TaskStatus.OPENED, TaskStatus.DONE, TaskStatus.RETURNED)


class ExchangeStatus(models.TextChoices):
    SENT = "sent", "待签收"
    ACCEPTED = "accepted", "已签收"
    DECLINED = "declined", "已退回"
