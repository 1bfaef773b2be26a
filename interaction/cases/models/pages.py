"""The public page of each channel: 局长信箱, 网上投诉, 网上咨询 and 依申请公开.

One abstract page holds everything the four share; each concrete page names the channel it
serves (`serves_app`, which build_columns matches against a sub-column's app type), its form and
its wording. The page serves its own routes, as a Wagtail routable page does: submit, show the
receipt once, look up, archive, stats. They stay thin: the rules they rely on are the queryset's
(Case.objects.find_by_code, public_archive), the audit log's (CaseLogEntry.objects.public_steps),
the workflow's (submit, rate, complete) and stats.py's."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from columns.blocks import BodyBlock
from columns.models import SubColumnBase
from core.pagination import paginate
from interaction.protection.ratelimit import rate_limit_message, rate_limited

# Modules of this app that do not import the models package (or import only its submodules
# case.py and log.py, loaded before this one): see models/__init__.py for the order.
from .. import deadlines, forms, stats, workflow
from ..choices import ANSWERED_STATES, PAUSED_STATES, RESULT_REASON_CHOICES, Channel, Status
from .case import Case
from .log import CaseLogEntry

ARCHIVE_PAGE_SIZE = 20
LATEST_REPLIES = 5
LOOKUP_RATE_LIMIT = (30, 3600)  # lookups per client IP per hour: plenty for people, too few to guess codes
LOOKUP_SESSION_KEY = "cases.lookup"
LOOKUP_VALID_FOR = timedelta(minutes=30)  # how long a successful lookup lets this browser act on the case
RECEIPT_SESSION_KEY = "cases.receipt.{page_id}"

# Wording of states for the person who wrote in: internal steps are not their concern.
PUBLIC_STATUS = {
    Status.SUBMITTED: "已提交，等待受理",
    Status.REPLY_PENDING: "办理中",
    Status.THIRD_PARTY: "征求第三方意见（暂停计时）",
    Status.AWAITING_COMPLETION: "待补正",
    Status.MERGED: "已与相同诉求合并办理",
}


def public_status(case):
    return PUBLIC_STATUS.get(case.status, case.get_status_display())


def result_reason_label(case):
    return dict(RESULT_REASON_CHOICES).get(case.result_reason, "")


def _authorised(request):
    """Case ids this browser proved it may see (right code) within LOOKUP_VALID_FOR."""
    stored = request.session.get(LOOKUP_SESSION_KEY) or {}
    now = timezone.now()
    valid = {}
    for pk, when in stored.items():
        try:
            if now - datetime.fromisoformat(when) < LOOKUP_VALID_FOR:
                valid[pk] = when
        except (TypeError, ValueError):
            continue
    return valid


def _authorise(request, case):
    valid = _authorised(request)
    valid[str(case.pk)] = timezone.now().isoformat()
    request.session[LOOKUP_SESSION_KEY] = dict(list(valid.items())[-10:])


def _private(response):
    """Pages with personal receipts, codes or per-visitor captchas are never cached."""
    add_never_cache_headers(response)
    return response


def _percent(rate):
    return f"{rate * 100:.1f}%" if rate is not None else ""


NOTICE_FEATURES = ["bold", "ol", "ul", "link"]


class CaseChannelPage(RoutablePageMixin, SubColumnBase):
    """A sub-column through which the public submits, follows and reads cases of one channel."""

    intro = StreamField(BodyBlock(), verbose_name="服务说明", blank=True)
    notice = RichTextField("填写须知", features=NOTICE_FEATURES, blank=True, help_text="留空时显示系统默认须知")
    contact = models.TextField("联系方式", blank=True, help_text="电话、地址、办公时间等，每行一项")

    # Set by each concrete page.
    serves_app = None  # the Channel value (= the sub-column app type) this page serves
    form_class = None
    form_heading = "在线提交"
    tab_label = None  # the first service tab; defaults to form_heading
    submit_label = "提交"
    archive_label = "选登"
    noun = "来信"  # what the visitor sends, in running text: 您的来信 / 您的投诉 ...
    default_notice = ()  # paragraphs shown when the editor leaves 填写须知 empty

    column_type_label = "互动交流"
    subpage_types = []
    max_count_per_parent = 1
    # Wagtail gives every page class a template named after it; all four share one.
    channel_template = "cases/channel_page.html"

    content_panels = SubColumnBase.content_panels + [
        FieldPanel("intro"),
        FieldPanel("notice"),
        MultiFieldPanel([FieldPanel("contact")], heading="联系方式"),
    ]

    class Meta:
        abstract = True

    @property
    def channel(self):
        return Channel(self.serves_app)

    @property
    def time_limit(self):
        return deadlines.time_limit(self.serves_app)

    @property
    def service_tab_label(self):
        return self.tab_label or self.form_heading

    def get_template(self, request, *args, **kwargs):
        return self.channel_template

    def route_url(self, request, name, *args):
        """A route of this page as a path on the current site (absolute only across sites)."""
        return self.get_url(request) + self.reverse_subpage(name, args=args).lstrip("/")

    def archive(self):
        return Case.objects.public_archive(self.serves_app)

    # Routes ---------------------------------------------------------------------------------

    @path("", name="index")
    def index_view(self, request):
        """GET: the service page with the form. POST: submit a case."""
        form = self.form_class(request.POST or None, request.FILES or None, request=request)
        status = 200
        if request.method == "POST" and form.is_valid():
            if rate_limited(request, f"case-{self.serves_app}"):
                form.add_error(None, rate_limit_message())
                status = 429
            else:
                try:
                    case, code = workflow.submit(self.serves_app, attachments=form.attachments(), **form.case_fields())
                except ValidationError as error:
                    # The form checks everything the model does; this is a last line of defence.
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    request.session[RECEIPT_SESSION_KEY.format(page_id=self.pk)] = {
                        "reference": case.reference,
                        "code": code,
                        "submitted_at": case.submitted_at.isoformat(),
                        "due_date": case.due_date.isoformat(),
                    }
                    # The fragment replaces the form's #form anchor and puts the receipt in view.
                    return HttpResponseRedirect(self.route_url(request, "submitted") + "#main")
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "latest_replies": self.archive()[:LATEST_REPLIES],
                "current_tab": "index",
            },
        )
        response.status_code = status
        return _private(response)

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        """The reference and query code, shown once: the session keeps them only until this view."""
        receipt = request.session.pop(RECEIPT_SESSION_KEY.format(page_id=self.pk), None)
        if receipt:
            receipt["submitted_at"] = datetime.fromisoformat(receipt["submitted_at"])
            receipt["due_date"] = datetime.fromisoformat(receipt["due_date"]).date()
        response = self.render(
            request,
            template="cases/submitted.html",
            context_overrides={"receipt": receipt, "trail_title": "提交成功", "current_tab": "index"},
        )
        return _private(response)

    @path("lookup/", name="lookup")
    def lookup_view(self, request):
        """Reference + query code (POSTed, never in the URL) → status, history, reply; then rate or 补正."""
        if request.method == "POST":
            action = request.POST.get("action", "lookup")
            if action in ("rate", "complete"):
                return self._follow_up(request, action)
            form = forms.LookupForm(request.POST, request=request)
            if form.is_valid():
                limit, window = LOOKUP_RATE_LIMIT
                if rate_limited(request, "case-lookup", limit=limit, window=window):
                    form.add_error(None, rate_limit_message())
                    return self._render_lookup(request, form, status=429)
                case = Case.objects.find_by_code(self.serves_app, form.cleaned_data["reference"], form.cleaned_data["code"])
                if case is None:
                    form.add_error(None, forms.LOOKUP_FAILED_MESSAGE)
                    return self._render_lookup(request, form)
                _authorise(request, case)
                return HttpResponseRedirect(self._result_url(request, case))
            return self._render_lookup(request, form)

        case = self._authorised_case(request, request.GET.get("ref"))
        if request.GET.get("ref") and case is None:
            messages.info(request, "为保护您的信息，查询结果只在查询后 30 分钟内显示，请重新输入编号和查询码。")
            return HttpResponseRedirect(self.route_url(request, "lookup"))
        return self._render_lookup(request, forms.LookupForm(request=request), case=case)

    def _authorised_case(self, request, reference):
        if not reference:
            return None
        case = (
            Case.objects.select_related("reply_department")
            .with_deadline_state(*deadlines.deadline_bounds())
            .filter(channel=self.serves_app, reference=reference.strip().upper())
            .first()
        )
        if case is None or str(case.pk) not in _authorised(request):
            return None
        return case

    def _result_url(self, request, case):
        return f"{self.route_url(request, 'lookup')}?ref={case.reference}"

    def _follow_up(self, request, action):
        case = self._authorised_case(request, request.POST.get("reference"))
        if case is None:
            messages.error(request, "查询已过期，请重新输入编号和查询码。")
            return HttpResponseRedirect(self.route_url(request, "lookup"))
        form_class = forms.RatingForm if action == "rate" else forms.SupplementForm
        form = form_class(request.POST)
        if form.is_valid():
            try:
                if action == "rate":
                    workflow.rate(case, form.cleaned_data["rating"], form.cleaned_data["comment"])
                    messages.success(request, "感谢您的评价！")
                else:
                    workflow.complete(case, form.cleaned_data["supplement"])
                    messages.success(request, "补正内容已提交，办理期限自今日起重新计算。")
            except workflow.TransitionError as error:
                messages.error(request, str(error))
            return HttpResponseRedirect(self._result_url(request, case))
        bound = {"rating_form": form} if action == "rate" else {"supplement_form": form}
        return self._render_lookup(request, forms.LookupForm(request=request), case=case, **bound)

    def _render_lookup(self, request, form, case=None, status=200, **bound):
        context = {"form": form, "case": case, "trail_title": "办理查询", "current_tab": "lookup"}
        if case is not None:
            context.update(
                status_label=public_status(case),
                history=CaseLogEntry.objects.public_steps(case),
                answered=case.status in ANSWERED_STATES,
                paused=case.status in PAUSED_STATES,
                result_reason=result_reason_label(case),
                rating_form=bound.get("rating_form") or forms.RatingForm(),
                supplement_form=bound.get("supplement_form") or forms.SupplementForm(),
            )
        response = self.render(request, template="cases/lookup.html", context_overrides=context)
        response.status_code = status
        return _private(response)

    @path("archive/", name="archive")
    def archive_view(self, request):
        items = paginate(request, self.archive(), per_page=ARCHIVE_PAGE_SIZE)
        return self.render(
            request,
            template="cases/archive.html",
            context_overrides={"items": items, "trail_title": self.archive_label, "current_tab": "archive"},
        )

    @path("archive/<str:reference>/", name="archive_detail")
    def archive_detail_view(self, request, reference):
        case = self.archive().filter(reference=reference.upper()).first()
        if case is None:
            raise Http404("没有找到该公开信件")
        return self.render(
            request,
            template="cases/archive_detail.html",
            context_overrides={
                "case": case,
                "trail_title": case.public_title,
                "archive_url": self.route_url(request, "archive"),
                "current_tab": "archive",
            },
        )

    @path("stats/", name="stats")
    def stats_view(self, request):
        rows = stats.monthly_public_stats(self.serves_app)
        for row in rows:
            row["on_time_pct"] = _percent(row["on_time_rate"])
        replied = sum(r["replied"] for r in rows)
        totals = {"received": sum(r["received"] for r in rows), "replied": replied, "avg_days": None, "on_time_pct": ""}
        if replied:
            # Weighted by each month's replies: the 12-month average and on-time rate.
            totals["avg_days"] = round(sum(r["avg_days"] * r["replied"] for r in rows if r["replied"]) / replied, 1)
            on_time = sum(round(r["on_time_rate"] * r["replied"]) for r in rows if r["replied"])
            totals["on_time_pct"] = _percent(on_time / replied)
        return self.render(
            request,
            template="cases/stats.html",
            context_overrides={"rows": rows, "totals": totals, "trail_title": "办理统计", "current_tab": "stats"},
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            base = urls[0]["location"]
            archive = base + self.reverse_subpage("archive").lstrip("/")
            urls.append({"location": archive, "lastmod": urls[0].get("lastmod")})
        return urls


class MailboxPage(CaseChannelPage):
    serves_app = Channel.MAILBOX.value
    form_class = forms.MailboxForm
    form_heading = "我要写信"
    submit_label = "提交信件"
    archive_label = "信件选登"
    noun = "来信"
    default_notice = (
        "局长信箱受理公民、法人和其他组织对本局工作的意见、建议和反映的问题。",
        "请如实填写姓名和联系电话，以便工作人员与您联系；您的个人信息受到保护，不会公开。",
        "涉及投诉举报的事项请通过“网上投诉”提交；依法应通过诉讼、仲裁、行政复议等途径解决的事项，请依法定途径办理。",
        "请勿提交涉及国家秘密、商业秘密和他人隐私的内容。",
    )

    class Meta:
        verbose_name = "局长信箱"
        verbose_name_plural = "局长信箱"


class ComplaintPage(CaseChannelPage):
    serves_app = Channel.COMPLAINT.value
    form_class = forms.ComplaintForm
    form_heading = "我要投诉"
    submit_label = "提交投诉"
    archive_label = "投诉选登"
    noun = "投诉"
    default_notice = (
        "本栏目受理大气、水、噪声、固废等环境污染以及市容、环卫、绿化方面的投诉。",
        "请写明发生地点和具体情况，可附现场照片（最多 3 张），便于工作人员核查。",
        "正在发生的紧急环境污染事件，请直接拨打环保举报热线 12369。",
        "您的姓名、电话等个人信息受到保护，不会公开。",
    )

    class Meta:
        verbose_name = "网上投诉"
        verbose_name_plural = "网上投诉"


class ConsultationPage(CaseChannelPage):
    serves_app = Channel.CONSULTATION.value
    form_class = forms.ConsultationForm
    form_heading = "我要咨询"
    submit_label = "提交咨询"
    archive_label = "咨询选登"
    noun = "咨询"
    default_notice = (
        "本栏目解答公众关于环境保护、市容环卫政策和办事事项的咨询。",
        "提交前可先查看“咨询选登”，常见问题可能已有答复。",
        "您的姓名、电话等个人信息受到保护，不会公开。",
    )

    class Meta:
        verbose_name = "网上咨询"
        verbose_name_plural = "网上咨询"


class DisclosureRequestPage(CaseChannelPage):
    serves_app = Channel.DISCLOSURE.value
    form_class = forms.DisclosureRequestForm
    form_heading = "提交政府信息公开申请"
    tab_label = "我要申请"
    submit_label = "提交申请"
    archive_label = "申请答复选登"
    noun = "申请"
    default_notice = (
        "根据《中华人民共和国政府信息公开条例》，公民、法人或者其他组织可以向本局申请获取相关政府信息。",
        "请准确描述所需政府信息的名称、文号或便于查询的其他特征，并上传身份证明材料。",
        "申请内容不明确的，本局将在收到申请之日起 7 个工作日内一次性告知补正，答复期限自收到补正之日起重新计算。",
        "本局收到申请后 20 个工作日内予以答复；需要延长答复期限的，经批准可延长不超过 20 个工作日，并告知申请人。",
        "征求第三方意见所需时间不计入答复期限。",
    )

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"


CHANNEL_PAGE_MODELS = [MailboxPage, ComplaintPage, ConsultationPage, DisclosureRequestPage]
