from django.db import models


class Body(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协提案"


class State(models.TextChoices):
    ASSIGNED = "assigned", "交办"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


OPEN_STATES = (State.ASSIGNED, State.HANDLING)


class Feedback(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Light(models.TextChoices):
    GREEN = "green", "按期"
    AMBER = "amber", "临期"
    RED = "red", "超期"


class Source(models.TextChoices):
    INSTRUCTION = "instruction", "领导批示"
    MEETING = "meeting", "会议决定"
    PROPOSAL = "proposal", "两会议案"


class TaskState(models.TextChoices):
    ASSIGNED = "assigned", "待签收"
    SIGNED = "signed", "办理中"
    CLOSED = "closed", "已办结"


OPEN_TASK_STATES = (TaskState.ASSIGNED, TaskState.SIGNED)
