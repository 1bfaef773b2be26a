"""两会议案: the NPC deputies' suggestions and CPPCC proposals the bureau handles each year, and
their audit log (a table of its own, scoped like the proposals: see core.audit)."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models.audit_log import BaseLogEntry

from core.audit import ScopedLogEntryManager
from intranet.org.models import Department

from .choices import Body, Feedback, State


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
    def code(self):
        prefix = "人大" if self.body == Body.NPC else "政协"
        return f"{prefix}{self.year}-{self.number:03d}号"


class SupervisionLogEntryManager(ScopedLogEntryManager):
    record_field = "proposal"

    def scope(self, user):
        from .access import visible_proposals  # deferred: access imports this module's models

        return visible_proposals(user)


class SupervisionLogEntry(BaseLogEntry):
    proposal = models.ForeignKey(Proposal, on_delete=models.DO_NOTHING, db_constraint=False, related_name="log_entries")

    objects = SupervisionLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "议案日志"
        verbose_name_plural = "议案日志"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="suplog_uuid_action_idx"),
            models.Index(fields=["proposal", "timestamp"], name="suplog_proposal_time_idx"),
        ]

    def __str__(self):
        return f"{self.label}: {self.action}"

    @property
    def object_id(self):
        return self.proposal_id
