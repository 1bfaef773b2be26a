"""网上征集: the sub-column page (an index of campaigns) and the campaign page, whose fields the
editor defines with Wagtail's form builder. Submissions and their files are kept here; files
live in the private storage and are streamed only by a permission-checked admin view."""

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField, StreamField
from wagtail.log_actions import log
from wagtail.search import index

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from interaction.protection.ratelimit import rate_limit_message, rate_limited

from .forms import SolicitationFormBuilder
from .phases import Phase, phase_of

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def private_storage():
    return storages["private"]


class SolicitationIndexPage(SubColumnBase):
    """The 网上征集 sub-column: the campaigns under it, newest first, each with its phase."""

    serves_app = "solicitation"
    intro = StreamField(BodyBlock(), verbose_name="栏目说明", blank=True)
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    column_type_label = "互动交流"
    subpage_types = ["solicitations.SolicitationPage"]
    max_count_per_parent = 1
    template = "solicitations/index_page.html"

    content_panels = SubColumnBase.content_panels + [FieldPanel("intro"), FieldPanel("contact")]

    class Meta:
        verbose_name = "网上征集栏目"
        verbose_name_plural = "网上征集栏目"

    def campaigns(self):
        return (
            SolicitationPage.objects.child_of(self).live().public()
            .only("id", "path", "depth", "url_path", "title", "slug", "summary", "opens_on", "closes_on",
                  "results_on", "has_results", "locale_id")
            .order_by("-opens_on", "-id")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.campaigns(), per_page=15)
        context["today"] = timezone.localdate()
        return context


class SolicitationFormField(AbstractFormField):
    page = ParentalKey("SolicitationPage", on_delete=models.CASCADE, related_name="form_fields")
    personal = models.BooleanField(
        "个人信息", default=False, help_text="勾选后，此项在后台的意见列表中打码显示（姓名、电话、邮箱、地址等）"
    )

    panels = AbstractFormField.panels + [FieldPanel("personal")]

    class Meta(AbstractFormField.Meta):
        verbose_name = "表单项"
        verbose_name_plural = "表单项"


class SolicitationPage(AbstractForm):
    """One campaign (e.g. 征求《浦东新区生活垃圾分类管理办法（草案）》意见)."""

    summary = models.CharField("摘要", max_length=200, help_text="显示在征集列表中")
    intro = RichTextField("征集说明", features=TEXT_FEATURES)
    draft_name = models.CharField("征求意见稿标题", max_length=120, blank=True)
    draft_text = RichTextField(
        "征求意见稿", features=TEXT_FEATURES, blank=True, help_text="可选：如法规草案全文，与意见表单一同显示"
    )
    opens_on = models.DateField("开始日期", db_index=True)
    closes_on = models.DateField("截止日期", help_text="当天仍可提交")
    results_on = models.DateField("结果公示日期", null=True, blank=True, help_text="留空则截止后写好结果即公示")
    results_text = RichTextField("征集结果", features=TEXT_FEATURES, blank=True, help_text="征集截止后填写，公示后显示")
    has_results = models.BooleanField(default=False, editable=False)
    owner_group = models.ForeignKey(
        "auth.Group",
        verbose_name="负责用户组",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="只有该用户组的成员能查看、导出和删除收到的意见（其他能编辑页面的人看不到）",
    )
    allow_uploads = models.BooleanField("允许上传附件", default=True)
    upload_label = models.CharField("附件项名称", max_length=40, default="附件", blank=True)
    thank_you_text = RichTextField("提交成功提示", features=["bold", "link"], blank=True)

    form_builder = SolicitationFormBuilder
    parent_page_types = ["solicitations.SolicitationIndexPage"]
    subpage_types = []
    template = "solicitations/solicitation_page.html"
    landing_page_template = "solicitations/solicitation_page_landing.html"

    content_panels = AbstractForm.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("draft_name"), FieldPanel("draft_text")], heading="征求意见稿（可选）"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("results_on")])],
            heading="征集时间",
        ),
        FieldPanel("owner_group"),
        InlinePanel("form_fields", label="表单项"),
        MultiFieldPanel([FieldPanel("allow_uploads"), FieldPanel("upload_label")], heading="附件"),
        FieldPanel("thank_you_text"),
        FieldPanel("results_text"),
    ]
    search_fields = AbstractForm.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("draft_text"),
        index.SearchField("public_results"),
    ]

    class Meta:
        verbose_name = "征集活动"
        verbose_name_plural = "征集活动"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})
        if self.results_on and self.closes_on and self.results_on <= self.closes_on:
            raise ValidationError({"results_on": "结果公示日期应在截止日期之后。"})

    def save(self, *args, **kwargs):
        self.has_results = bool(strip_tags(self.results_text or "").strip())
        return super().save(*args, **kwargs)

    def phase(self, today=None):
        return phase_of(
            self.opens_on, self.closes_on, today or timezone.localdate(),
            has_results=self.has_results, results_on=self.results_on,
        )

    @property
    def phase_label(self):
        return Phase(self.phase()).label

    def public_results(self):
        """The results text once it is public (what search indexes)."""
        return strip_tags(self.results_text) if self.phase() == Phase.RESULTS else ""

    # Form builder ---------------------------------------------------------------------------

    def get_submission_class(self):
        return SolicitationSubmission

    def get_submissions_list_view_class(self):
        # deferred: Wagtail's listing views load models at import, so (as Wagtail's FormMixin does) not while models load
        from .submissions import SolicitationSubmissionsListView

        return SolicitationSubmissionsListView

    def get_data_fields(self):
        return [("reference", "编号"), *super().get_data_fields(), ("attachments", "附件")]

    def personal_field_names(self):
        return {f.clean_name for f in self.get_form_fields() if f.personal}

    def process_form_submission(self, form):
        """Files are written first, outside the transaction; the rows then in one short
        transaction (written files are removed again if it fails)."""
        stored = []
        try:
            for upload in form.uploads():
                name = private_storage().save(f"solicitations/{timezone.now():%Y/%m}/{upload.name}", upload)
                stored.append((name, upload.name, upload.content_type, upload.size))
            with transaction.atomic():
                submission = SolicitationSubmission.objects.create(
                    page=self, form_data=form.answers(), attachment_count=len(stored)
                )
                SolicitationFile.objects.bulk_create(
                    SolicitationFile(submission=submission, file=name, original_name=original[:200],
                                     content_type=content_type, size=size)
                    for name, original, content_type, size in stored
                )
                log(instance=self, action="solicitations.submit", data={"submission": submission.pk})
        except Exception:
            for name, *_rest in stored:
                private_storage().delete(name)
            raise
        return submission

    def serve(self, request, *args, **kwargs):
        """GET: the campaign and, while it is open, its form. POST: submit an opinion (409 when
        the campaign is not or no longer open). Never cached: the form carries a captcha."""
        phase = self.phase()
        form = None
        status = 200
        if phase == Phase.OPEN:
            if request.method == "POST":
                form = self.get_form(request.POST, request.FILES, page=self, user=request.user, request=request)
                if form.is_valid():
                    if rate_limited(request, "solicitation"):
                        form.add_error(None, rate_limit_message())
                        status = 429
                    else:
                        submission = self.process_form_submission(form)
                        response = self.render_landing_page(request, submission)
                        add_never_cache_headers(response)
                        return response
            else:
                form = self.get_form(page=self, user=request.user, request=request)
        elif request.method == "POST":
            status = 409  # the campaign is not (or no longer) accepting opinions
        context = self.get_context(request)
        context.update(form=form, phase=phase, Phase=Phase, closed_post=status == 409)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        add_never_cache_headers(response)
        return response


class SolicitationSubmission(AbstractFormSubmission):
    attachment_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"
        indexes = [models.Index(fields=["page", "submit_time"], name="solicit_sub_page_time")]

    @property
    def reference(self):
        return f"ZJ{self.pk:06d}"

    def get_data(self):
        data = super().get_data()
        data["reference"] = self.reference
        names = getattr(self, "_file_names", None)
        if names is None:
            names = [f.original_name for f in self.files.all()]
        data["attachments"] = "、".join(names)
        return data


class SolicitationFile(models.Model):
    submission = models.ForeignKey(SolicitationSubmission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to="solicitations/%Y/%m/", storage=private_storage, max_length=255)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = "征集附件"
        verbose_name_plural = "征集附件"

    def __str__(self):
        return self.original_name

