"""Public cases of the four channels (局长信箱, 网上投诉, 网上咨询, 政府信息公开申请) in one model.

The lifecycle lives in workflow.py (named transitions), deadlines in deadlines.py, masking of
personal data in masking.py. Views and templates never change a case's state themselves."""

from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case as CaseWhen, CharField, Q, Value, When
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.counters import next_value

from .. import codes, masking
from ..choices import (
    OPEN_STATES,
    PAUSED_STATES,
    REFERENCE_PREFIX,
    RESULT_REASON_CHOICES,
    ApplicantType,
    Channel,
    ComplaintCategory,
    Delivery,
    DeadlineState,
    DisclosureResult,
    ExtensionStatus,
    IdType,
    Rating,
    ReceivedVia,
    Status,
)

QUERY_CODE_ALPHABET = codes.ALPHABET  # no 0/O, 1/I: read aloud over the phone
QUERY_CODE_LENGTH = codes.LENGTH


def new_query_code():
    return codes.new_code()


# The deadline rule, defined once: a case's clock runs while it is open and not waiting for the
# applicant or a third party; a running case is overdue after its due date and due soon up to the
# reminder horizon (deadlines.deadline_bounds). The listing, its filters, the 办理 page, the
# dashboard, the statistics, the reminders (running()) and the public lookup all use these.

def running_q():
    return Q(status__in=OPEN_STATES) & ~Q(status__in=PAUSED_STATES)


def overdue_q(today):
    return running_q() & Q(due_date__lt=today)


def due_soon_q(today, horizon):
    """Running, not yet overdue, due on or before the reminder horizon."""
    return running_q() & Q(due_date__gte=today, due_date__lte=horizon)


def attention_q(today, horizon):
    """Overdue or due soon: what the dashboard and the reminders are about."""
    return running_q() & Q(due_date__lte=horizon)


# The columns the public archive reads: public texts only, never the original or personal data
# beyond the name it masks.
PUBLIC_ARCHIVE_FIELDS = (
    "id", "channel", "reference", "status", "name", "category", "result", "submitted_at", "accepted_at",
    "replied_at", "public_title", "public_content", "public_reply", "reply_department__name",
)


class CaseQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATES)

    def running(self):
        """Open cases whose clock runs (not waiting for the applicant or a third party)."""
        return self.filter(running_q())

    def overdue(self, today=None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def due_soon(self, today, horizon):
        return self.filter(due_soon_q(today, horizon))

    def needing_attention(self, today, horizon):
        return self.filter(attention_q(today, horizon))

    def with_deadline_state(self, today, horizon):
        """Add `deadline_state` (a DeadlineState value) to every row, in SQL."""
        return self.annotate(
            deadline_state=CaseWhen(
                When(overdue_q(today), then=Value(DeadlineState.OVERDUE.value)),
                When(due_soon_q(today, horizon), then=Value(DeadlineState.DUE_SOON.value)),
                default=Value(DeadlineState.NONE.value),
                output_field=CharField(),
            )
        )

    def published(self):
        return self.filter(is_public=True, consent_publish=True, status__in=[Status.REPLIED, Status.CLOSED])

    def public_archive(self, channel):
        """Replied cases of `channel` the visitor agreed to publish and staff published, newest
        reply first, with the public texts only."""
        return (
            self.published()
            .filter(channel=channel)
            .select_related("reply_department")
            .only(*PUBLIC_ARCHIVE_FIELDS)
            .order_by("-replied_at", "-id")
        )

    def find_by_code(self, channel, reference, code):
        """The case of `channel` with this reference whose query code matches, else None."""
        case = self.filter(channel=channel, reference=(reference or "").strip().upper()).first()
        if case is None:
            # The same work as a wrong code, so the response time does not tell the two apart.
            codes.verify(code or "x", codes.DUMMY_HASH)
            return None
        return case if case.check_query_code(code) else None

    def for_department(self, department):
        if department is None:
            return self.none()
        return self.filter(models.Q(department=department) | models.Q(co_departments=department)).distinct()


class Case(index.Indexed, models.Model):
    channel = models.CharField("渠道", max_length=24, choices=Channel.choices, db_index=True)
    received_via = models.CharField(
        "受理方式", max_length=10, choices=ReceivedVia.choices, default=ReceivedVia.ONLINE, db_index=True,
        help_text="网上提交，或由工作人员登记的热线 12369、来信、来访",
    )
    reference = models.CharField("编号", max_length=20, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True)

    # The person who wrote in. Shown masked everywhere except to staff with view_personal_data.
    name = models.CharField("姓名/名称", max_length=60)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("联系地址", max_length=120, blank=True)
    applicant_type = models.CharField(
        "申请人类型", max_length=20, choices=ApplicantType.choices, blank=True
    )
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=30, blank=True)
    contact_person = models.CharField("联系人", max_length=30, blank=True)

    title = models.CharField("标题", max_length=80)
    content = models.TextField("内容", max_length=3000)
    category = models.CharField("投诉类别", max_length=20, choices=ComplaintCategory.choices, blank=True, db_index=True)
    location = models.CharField("发生地点", max_length=120, blank=True)
    delivery = models.CharField("获取信息方式", max_length=10, choices=Delivery.choices, blank=True)
    consent_publish = models.BooleanField("同意公开", default=False)

    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    clock_start = models.DateField("计时起算日")
    due_date = models.DateField("办理期限", db_index=True)
    department = models.ForeignKey(
        "org.Department", verbose_name="承办部门", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    co_departments = models.ManyToManyField(
        "org.Department", verbose_name="协办部门", blank=True, related_name="co_handled_cases"
    )
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    rejection_reason = models.TextField("不予受理理由", blank=True)

    extension_days = models.PositiveSmallIntegerField("延期工作日", default=0)
    extension_status = models.CharField(
        "延期状态", max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.NONE, blank=True
    )
    extension_requested_days = models.PositiveSmallIntegerField("申请延期工作日", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    paused_days = models.PositiveSmallIntegerField("暂停计时工作日", default=0)
    paused_since = models.DateField("暂停起始日", null=True, blank=True)
    completion_notice = models.TextField("补正告知", blank=True)
    supplement = models.TextField("补正内容", blank=True, max_length=3000)

    reply = models.TextField("答复内容", blank=True)
    reply_department = models.ForeignKey(
        "org.Department", verbose_name="答复部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField("办理结果", max_length=20, choices=DisclosureResult.choices, blank=True, db_index=True)
    result_reason = models.CharField("结果理由", max_length=30, choices=RESULT_REASON_CHOICES, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    is_public = models.BooleanField("已公开", default=False, db_index=True)
    public_title = models.CharField("公开标题", max_length=80, blank=True, help_text="公开前可删改涉及隐私的内容，原文不受影响")
    public_content = models.TextField("公开内容", blank=True)
    public_reply = models.TextField("公开答复", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)

    rating = models.CharField("评价", max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField("评价意见", max_length=300, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    merged_into = models.ForeignKey(
        "self", verbose_name="合并至", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    last_reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    internal_note = models.TextField("内部备注", blank=True)
    personal_data_purged_at = models.DateTimeField("个人信息清除时间", null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    # Wagtail's reference index would record every case's department in the submission's
    # transaction (the write lock on SQLite) for no one's benefit: nothing links to a case, and a
    # department in use is protected by its foreign keys.
    wagtail_reference_index_ignore = True

    # Staff may change only these in the edit view; everything else goes through transitions.
    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("location")]),
        FieldPanel("internal_note"),
        MultiFieldPanel(
            [FieldPanel("public_title"), FieldPanel("public_content"), FieldPanel("public_reply")],
            heading="公开内容（删改隐私信息，原文保留）",
        ),
    ]

    # Only what the public may read is indexed: the site search finds published replies by their
    # redacted texts and never by a name, a phone number or the original wording. (Staff search
    # the admin inbox by reference and title with plain database lookups.)
    search_fields = [
        index.SearchField("public_title"),
        index.SearchField("public_content"),
        index.SearchField("public_reply"),
        index.FilterField("is_public"),
        index.FilterField("channel"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        """Only cases that were ever published have public texts to index. A new submission is
        not indexed at all: its transaction holds the reference counter's lock (on SQLite the
        database's write lock), and indexing an empty entry there cost more than the rest."""
        return super().get_indexed_objects().filter(published_at__isnull=False)

    def get_indexed_instance(self):
        # Once published, always indexed: an unpublished case keeps its entry with
        # is_public=False, so backends that filter on their own copy (Elasticsearch) drop it.
        return self if self.published_at else None

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["channel", "status", "-submitted_at"], name="case_channel_status_idx"),
            models.Index(fields=["status", "due_date"], name="case_status_due_idx"),
            models.Index(fields=["is_public", "channel", "-replied_at"], name="case_public_idx"),
        ]
        permissions = [
            ("dispatch_case", "受理、分派和转办办件"),
            ("review_case", "审核答复、批准延期、公开和办结办件"),
            ("view_all_cases", "查看全部部门的办件"),
            ("view_personal_data", "查看来信人完整个人信息"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    # Reference number and query code -------------------------------------------------------

    @staticmethod
    def make_reference(channel, when):
        day = timezone.localtime(when).strftime("%Y%m%d")
        prefix = REFERENCE_PREFIX[Channel(channel)]
        return f"{prefix}{day}{next_value(f'case/{prefix}/{day}'):04d}"

    def set_query_code(self, code):
        """Store a keyed hash of the code (see codes.py: HMAC-SHA256, no password hasher)."""
        self.query_code_hash = codes.make_hash(code)

    def check_query_code(self, code):
        """Does `code` open this case? A match stored in an older form (another key, or the
        former password hash) is rewritten in the current form, as Django does for passwords."""
        matches, stale = codes.verify(code, self.query_code_hash)
        if matches and stale and self.pk:
            old, self.query_code_hash = self.query_code_hash, codes.make_hash(code)
            # Conditional, so a concurrent rewrite or a purge in between is left alone.
            Case.objects.filter(pk=self.pk, query_code_hash=old).update(query_code_hash=self.query_code_hash)
        return matches

    # Display helpers ------------------------------------------------------------------------

    @property
    def masked_name(self):
        return masking.mask_name(self.name)

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)

    @property
    def is_open(self):
        return self.status in OPEN_STATES

    @property
    def display_title(self):
        return self.public_title or self.title


def private_storage():
    """STORAGES["private"]: a root outside MEDIA_ROOT, or the private bucket in production."""
    return storages["private"]


class CaseAttachment(models.Model):
    """Photos of a complaint, the identity document of a disclosure request. Never public: kept in
    private storage and streamed only by the case attachment view (views.CaseAttachmentView)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="cases/%Y/%m/", storage=private_storage)
    original_name = models.CharField("原文件名", max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "办件附件"
        verbose_name_plural = "办件附件"

    def __str__(self):
        return self.original_name


class ReplyTemplate(models.Model):
    """Standard wording staff start a reply from."""

    title = models.CharField("名称", max_length=60)
    channel = models.CharField("适用渠道", max_length=24, choices=Channel.choices, blank=True)
    body = models.TextField("答复正文")

    panels = [FieldPanel("title"), FieldPanel("channel"), FieldPanel("body")]

    class Meta:
        verbose_name = "答复模板"
        verbose_name_plural = "答复模板"
        ordering = ["channel", "title"]

    def __str__(self):
        return self.title


@register_setting(icon="time")
class CaseSettings(BaseGenericSetting):
    """Time limits in working days, editable by the information centre."""

    mailbox_days = models.PositiveSmallIntegerField("局长信箱办理时限（工作日）", default=15)
    complaint_days = models.PositiveSmallIntegerField("网上投诉办理时限（工作日）", default=15)
    consultation_days = models.PositiveSmallIntegerField("网上咨询办理时限（工作日）", default=5)
    disclosure_days = models.PositiveSmallIntegerField("依申请公开答复时限（工作日）", default=20)
    disclosure_extension_days = models.PositiveSmallIntegerField("依申请公开可延长（工作日）", default=20)
    completion_notice_days = models.PositiveSmallIntegerField("补正告知时限（工作日）", default=7)
    reminder_lead_days = models.PositiveSmallIntegerField("到期前提醒（工作日）", default=2)
    retention_years = models.PositiveSmallIntegerField(
        "个人信息保存期限（年）", default=3, validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="办件办结（或答复、不予受理、合并）满该年数后，清除来信人的姓名、联系方式、证件号码、原文和附件；"
        "统计数字和已公开的脱敏文本保留。由每日任务 purge_case_personal_data 执行。",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("mailbox_days"), FieldPanel("complaint_days"), FieldPanel("consultation_days")],
            heading="办理时限",
        ),
        MultiFieldPanel(
            [FieldPanel("disclosure_days"), FieldPanel("disclosure_extension_days"), FieldPanel("completion_notice_days")],
            heading="政府信息公开申请",
        ),
        FieldPanel("reminder_lead_days"),
        FieldPanel("retention_years"),
    ]

    class Meta:
        verbose_name = "办件时限与保存期限"

    def limit_for(self, channel):
        return {
            Channel.MAILBOX: self.mailbox_days,
            Channel.COMPLAINT: self.complaint_days,
            Channel.CONSULTATION: self.consultation_days,
            Channel.DISCLOSURE: self.disclosure_days,
        }[Channel(channel)]


__all__ = ["Case", "CaseAttachment", "CaseSettings", "ReplyTemplate", "new_query_code"]
