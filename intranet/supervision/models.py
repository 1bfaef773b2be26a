"""两会议案: the NPC deputies' suggestions and CPPCC proposals the bureau handles each year, and
their audit log (a table of its own, scoped like the proposals: see core.audit)."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.audit import ScopedLogEntry, ScopedLogEntryManager
from intranet.org.models import Department

from .choices import OPEN_STATES, OPEN_TASK_STATES, Body, Feedback, Source, State, TaskState
from .deadlines import due_date


class Proposal(models.Model):
    body = models.CharField("类别", max_length=8, choices=Body.choices)
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("编号", help_text="人大、政协各自按年度编号。")
    title = models.CharField("案由", max_length=200)
    proposer = models.CharField("代表/委员", max_length=100, help_text="领衔提出人；联名的可写“张三等5人”。")
    bureau_leads = models.BooleanField(
        "本局主办", default=True, help_text="不勾选：本局为协办单位（主办单位为其他部门），仍须答复主办单位。"
    )
    category = models.CharField("内容分类", max_length=40, blank=True, help_text="如：水环境、大气、市容环卫、绿化。")
    lead_department = models.ForeignKey(
        Department, verbose_name="承办部门", on_delete=models.PROTECT, related_name="led_proposals"
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name="配合部门", blank=True, related_name="co_proposals"
    )
    deadline = models.DateField("答复期限")
    content = models.TextField("内容", blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.ASSIGNED, editable=False)
    reply = models.TextField("答复内容", blank=True, editable=False)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    feedback = models.CharField("代表/委员反馈", max_length=12, choices=Feedback.choices, blank=True, editable=False)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="交办人", on_delete=models.PROTECT, editable=False, related_name="+"
    )
    created_at = models.DateTimeField("交办时间", auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("year"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("proposer"), FieldPanel("category"), FieldPanel("bureau_leads")]),
        FieldPanel("content"),
        MultiFieldPanel(
            [FieldPanel("lead_department"), FieldPanel("co_departments"), FieldPanel("deadline")], heading="交办"
        ),
    ]

    class Meta:
        verbose_name = "两会议案"
        verbose_name_plural = "两会议案"
        ordering = ["-year", "body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="proposal_unique_number"),
        ]
        indexes = [
            models.Index(fields=["year", "state"], name="proposal_year_state_idx"),
            models.Index(fields=["lead_department", "state"], name="proposal_lead_state_idx"),
            models.Index(fields=["deadline"], name="proposal_deadline_idx"),
        ]

    def __str__(self):
        return f"{self.code}　{self.title}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def code(self):
        prefix = "人大" if self.body == Body.NPC else "政协"
        return f"{prefix}{self.year}-{self.number:03d}号"


class SupervisionTask(models.Model):
    """督办事项: a leader's instruction, a meeting's decision or a proposal to follow up, with a
    deadline in working days."""

    source = models.CharField("来源", max_length=12, choices=Source.choices, default=Source.INSTRUCTION)
    proposal = models.OneToOneField(
        Proposal, verbose_name="来源议案", null=True, blank=True, on_delete=models.PROTECT,
        related_name="supervision_task", editable=False,
    )
    title = models.CharField("督办事项", max_length=200)
    content = models.TextField("督办要求", blank=True)
    lead_department = models.ForeignKey(
        Department, verbose_name="牵头部门", on_delete=models.PROTECT, related_name="led_supervision_tasks"
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name="配合部门", blank=True, related_name="co_supervision_tasks"
    )
    start_date = models.DateField("交办日期")
    working_days = models.PositiveSmallIntegerField("办理时限（工作日）", default=10)
    deadline = models.DateField("办结期限", editable=False)
    state = models.CharField("状态", max_length=10, choices=TaskState.choices, default=TaskState.ASSIGNED, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签收人", null=True, blank=True, on_delete=models.PROTECT,
        editable=False, related_name="+",
    )
    signed_at = models.DateTimeField("签收时间", null=True, blank=True, editable=False)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    last_urged_on = models.DateField("最近催办", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="交办人", on_delete=models.PROTECT, editable=False, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    panels = [
        FieldPanel("source"),
        FieldPanel("title"),
        FieldPanel("content"),
        MultiFieldPanel(
            [FieldPanel("lead_department"), FieldPanel("co_departments"),
             FieldRowPanel([FieldPanel("start_date"), FieldPanel("working_days")])],
            heading="交办",
        ),
    ]

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["state", "deadline"], name="svtask_state_deadline_idx"),
            models.Index(fields=["lead_department", "state"], name="svtask_lead_state_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.state in OPEN_TASK_STATES

    def save(self, *args, **kwargs):
        self.deadline = due_date(self.start_date, self.working_days)
        super().save(*args, **kwargs)


class ProgressReport(models.Model):
    """反馈: one progress report of a 督办 item by its lead or a co department."""

    task = models.ForeignKey(SupervisionTask, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("进展情况")
    created_at = models.DateTimeField("反馈时间", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["task", "created_at"], name="svreport_task_time_idx")]


class SupervisionLogEntryManager(ScopedLogEntryManager):
    record_field = "proposal"

    def scope(self, user):
        from .access import visible_proposals  # deferred: access imports this module's models

        return visible_proposals(user)


class SupervisionLogEntry(ScopedLogEntry):
    proposal = models.ForeignKey(Proposal, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = SupervisionLogEntryManager()

    class Meta(ScopedLogEntry.Meta):
        verbose_name = "议案日志"
        verbose_name_plural = "议案日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="suplog_uuid_action_idx"),
            models.Index(fields=["proposal", "timestamp"], name="suplog_proposal_time_idx"),
        ]



class TaskLogEntryManager(ScopedLogEntryManager):
    record_field = "task"

    def scope(self, user):
        from .access import visible_tasks  # deferred: access imports this module's models

        return visible_tasks(user)


class TaskLogEntry(ScopedLogEntry):
    task = models.ForeignKey(SupervisionTask, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = TaskLogEntryManager()

    class Meta(ScopedLogEntry.Meta):
        verbose_name = "督办日志"
        verbose_name_plural = "督办日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="svtasklog_uuid_action_idx"),
            models.Index(fields=["task", "timestamp"], name="svtasklog_task_time_idx"),
        ]

