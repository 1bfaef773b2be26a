"""The OA's records: routed items (公文, 工作联系单, 工作签报) with their route of steps and the
people on each step (tasks: one task is one 流转人次), attachments, exchanges between units and
the 文号 patterns.

`OfficeItem` is the concrete base every routed kind shares (multi-table inheritance): the routing
engine, access rule and statistics work on it alone; the three admin viewsets work on the kinds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from intranet.org.models import Department

from ..choices import (
    DOCUMENT_KINDS,
    OPEN_TASK_STATES,
    Action,
    ExchangeStatus,
    ItemStatus,
    Kind,
    Secrecy,
    StepStatus,
    TaskStatus,
    Urgency,
)


class OfficeItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class OfficeItem(index.Indexed, models.Model):
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, db_index=True, editable=False)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)
    owner = models.ForeignKey(
        Department, verbose_name="主办单位", on_delete=models.PROTECT, related_name="oa_items", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟稿/登记人", on_delete=models.PROTECT,
        related_name="oa_items_created", editable=False,
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    secrecy = models.CharField("密级", max_length=10, choices=Secrecy.choices, default=Secrecy.INTERNAL)
    urgency = models.CharField("缓急", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    deadline = models.DateTimeField("办理时限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.DRAFT, editable=False
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)

    objects = OfficeItemQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("secrecy"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = "流转件"
        verbose_name_plural = "流转件"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "created_at"], name="oa_item_kind_created"),
            models.Index(fields=["owner", "status"], name="oa_item_owner_status"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self):
        return self.status == ItemStatus.DRAFT

    @property
    def is_document(self):
        return self.kind in DOCUMENT_KINDS

    def get_indexed_instance(self):
        """Index each item once, as its kind (a save through the base model, as the routing
        engine does, would otherwise add a second entry and the item would be found twice)."""
        if type(self) is not OfficeItem:
            return self
        return KIND_MODELS[self.kind].objects.filter(pk=self.pk).first()

    def overdue(self, now=None):
        return bool(self.deadline and self.status != ItemStatus.CLOSED and self.deadline < (now or timezone.now()))


ITEM_PANELS = [
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("secrecy"), FieldPanel("urgency"), FieldPanel("deadline")]),
    FieldPanel("body"),
]


class OfficialDocument(OfficeItem):
    """公文: 阅件 (circulated for reading), 办件 (for handling, a result required) and 发文
    (outgoing: 拟稿 → 核稿 → 会签 → 签发 → 编号 → 印发)."""

    doc_kind = models.CharField(
        "公文类别", max_length=10, choices=[(k.value, k.label) for k in DOCUMENT_KINDS], default=Kind.READ
    )
    number = models.CharField("文号", max_length=60, unique=True, null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField("文号年份", null=True, blank=True, editable=False)
    number_seq = models.PositiveIntegerField("文号序号", null=True, blank=True, editable=False)
    source_unit = models.CharField("来文单位", max_length=100, blank=True, help_text="收文登记时填写")
    source_number = models.CharField("来文字号", max_length=60, blank=True)
    main_recipients = models.CharField("主送机关", max_length=200, blank=True)
    copy_to = models.CharField("抄送机关", max_length=200, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    issued_at = models.DateTimeField("印发时间", null=True, blank=True, editable=False)
    numbered_by = models.ForeignKey(
        Department, verbose_name="编号单位", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )

    panels = [
        FieldPanel("doc_kind"),
        *ITEM_PANELS,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source_unit"), FieldPanel("source_number")]),
                FieldRowPanel([FieldPanel("main_recipients"), FieldPanel("copy_to")]),
                FieldPanel("written_on"),
            ],
            heading="公文要素",
        ),
    ]

    class Meta:
        verbose_name = "公文"
        verbose_name_plural = "公文"
        constraints = [
            models.UniqueConstraint(
                fields=["doc_kind", "number_year", "number_seq", "numbered_by"],
                name="oa_document_number_unique",
                condition=models.Q(number_seq__isnull=False),
            )
        ]

    def save(self, *args, **kwargs):
        self.kind = self.doc_kind
        super().save(*args, **kwargs)


class ContactSheet(OfficeItem):
    """工作联系单: a request from one department to another, answered with a reply."""

    to_department = models.ForeignKey(
        Department, verbose_name="联系部门", on_delete=models.PROTECT, related_name="oa_contact_sheets_received"
    )
    reply = models.TextField("回复意见", blank=True, editable=False)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True, editable=False)

    panels = [FieldPanel("to_department"), *ITEM_PANELS]

    class Meta:
        verbose_name = "工作联系单"
        verbose_name_plural = "工作联系单"

    def save(self, *args, **kwargs):
        self.kind = Kind.CONTACT
        super().save(*args, **kwargs)


class SignReport(OfficeItem):
    """工作签报: a request for instructions sent up to the leaders, routed like a 办件."""

    request = models.TextField("请示事项", help_text="需要领导批示的具体事项")

    panels = [*ITEM_PANELS[:2], FieldPanel("request"), FieldPanel("body")]

    class Meta:
        verbose_name = "工作签报"
        verbose_name_plural = "工作签报"

    def save(self, *args, **kwargs):
        self.kind = Kind.SIGN
        super().save(*args, **kwargs)


class Step(models.Model):
    """One step of an item's route: an action for one person (串行 routes are a chain of such
    steps) or for several at once (并行, e.g. 会签)."""

    item = models.ForeignKey(OfficeItem, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField("顺序")
    action = models.CharField("环节", max_length=12, choices=Action.choices)
    status = models.CharField("状态", max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    due_at = models.DateTimeField("办理时限", null=True, blank=True)
    batch = models.PositiveIntegerField("发送批次", help_text="一次发送的各步骤同属一个批次，收回时一并收回")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发送人", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField("发送时间", default=timezone.now)
    activated_at = models.DateTimeField("到达时间", null=True, blank=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)
    last_urged_on = models.DateField("最近催办日期", null=True, blank=True)

    class Meta:
        verbose_name = "流转步骤"
        verbose_name_plural = "流转步骤"
        ordering = ["item", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="oa_step_item_seq")]

    def __str__(self):
        return f"{self.get_action_display()}（第{self.seq}步）"


class Task(models.Model):
    """One person's part in a step: one 流转人次."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="tasks")
    item = models.ForeignKey(OfficeItem, on_delete=models.CASCADE, related_name="tasks")  # for access and lists
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="oa_tasks")
    department = models.ForeignKey(
        Department, verbose_name="办理人部门", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="发送时办理人所在部门，用于统计和部门领导查阅",
    )
    status = models.CharField("状态", max_length=10, choices=TaskStatus.choices, default=TaskStatus.QUEUED)
    arrived_at = models.DateTimeField("到达时间", null=True, blank=True)
    opened_at = models.DateTimeField("打开时间", null=True, blank=True)
    completed_at = models.DateTimeField("办理时间", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)
    overdue_notified = models.BooleanField("已发超期提醒", default=False)

    class Meta:
        verbose_name = "流转人次"
        verbose_name_plural = "流转人次"
        ordering = ["step__seq", "pk"]
        indexes = [
            models.Index(fields=["user", "status"], name="oa_task_user_status"),
            models.Index(fields=["item", "user"], name="oa_task_item_user"),
            models.Index(fields=["department", "status"], name="oa_task_dept_status"),
        ]

    def __str__(self):
        return f"{self.user} · {self.step}"

    @property
    def is_open(self):
        return self.status in OPEN_TASK_STATES

    def overdue(self, now=None):
        due = self.step.due_at
        return bool(due and self.is_open and due < (now or timezone.now()))


class Attachment(models.Model):
    """A file of an item: a Wagtail document in the OA's restricted collection, opened only
    through the OA's attachment view, which applies the item's access rule."""

    item = models.ForeignKey(OfficeItem, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["added_at", "pk"]


class Exchange(models.Model):
    """公文交换: a document sent to another unit's 收文 register."""

    document = models.ForeignKey(OfficialDocument, verbose_name="公文", on_delete=models.CASCADE, related_name="exchanges")
    from_unit = models.ForeignKey(Department, verbose_name="发送单位", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Department, verbose_name="接收单位", on_delete=models.PROTECT, related_name="oa_exchanges_received")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField("发送时间", default=timezone.now)
    status = models.CharField("状态", max_length=10, choices=ExchangeStatus.choices, default=ExchangeStatus.SENT)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField("签收时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    received = models.OneToOneField(
        OfficialDocument, verbose_name="收文", null=True, blank=True, on_delete=models.SET_NULL, related_name="received_from"
    )

    class Meta:
        verbose_name = "公文交换"
        verbose_name_plural = "公文交换"
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["document", "to_unit"], name="oa_exchange_once_per_unit")]
        indexes = [models.Index(fields=["to_unit", "status"], name="oa_exchange_inbox")]

    def __str__(self):
        return f"{self.document} → {self.to_unit}"


class NumberPattern(models.Model):
    """How an issuing unit numbers its documents of one kind, e.g. 浦环保〔{year}〕{seq}号."""

    unit = models.ForeignKey(Department, verbose_name="发文单位", on_delete=models.CASCADE, related_name="oa_number_patterns")
    doc_kind = models.CharField("公文类别", max_length=10, choices=[(k.value, k.label) for k in DOCUMENT_KINDS], default=Kind.OUTGOING)
    pattern = models.CharField(
        "文号格式", max_length=60, help_text="用 {year} 表示年份、{seq} 表示序号，如：浦环保〔{year}〕{seq}号"
    )

    panels = [FieldRowPanel([FieldPanel("unit"), FieldPanel("doc_kind")]), FieldPanel("pattern")]

    class Meta:
        verbose_name = "文号格式"
        verbose_name_plural = "文号格式"
        constraints = [models.UniqueConstraint(fields=["unit", "doc_kind"], name="oa_number_pattern_unique")]

    def __str__(self):
        return f"{self.unit} · {self.get_doc_kind_display()}：{self.pattern}"

    def clean(self):
        if "{seq}" not in self.pattern:
            raise ValidationError({"pattern": "文号格式必须包含 {seq}（序号）。"})
        try:
            self.pattern.format(year=2005, seq=1, unit="浦环保")
        except (KeyError, IndexError, ValueError):
            raise ValidationError({"pattern": "文号格式只能使用 {unit}、{year} 和 {seq} 占位符。"})


KIND_MODELS = {
    Kind.READ: OfficialDocument,
    Kind.HANDLE: OfficialDocument,
    Kind.OUTGOING: OfficialDocument,
    Kind.CONTACT: ContactSheet,
    Kind.SIGN: SignReport,
}

__all__ = [
    "Action", "Attachment", "ContactSheet", "Exchange", "NumberPattern", "OfficeItem", "OfficialDocument",
    "SignReport", "Step", "Task", "StepStatus", "TaskStatus",
]

