"""Admin views of the case inboxes (互动交流).

Access is enforced where the data is fetched: every view that shows or changes one case looks it
up in `scoped_cases(user)`, the queryset the permission policy allows, so a case outside the
user's scope is a 404 whether its link was hidden or its URL typed by hand. State changes go
through workflow.perform() only (which checks again, and writes the audit log)."""

import os

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.snippets.views import snippets as snippet_views

from .. import masking, workflow
from ..choices import PAUSED_STATES, Channel, DeadlineState, DisclosureResult, ExtensionStatus, Rating, ReceivedVia
from ..deadlines import deadline_bounds
from ..models import Case, CaseLogEntry
from ..policy import CASE_POLICY, READ_ACTIONS, scoped_cases
from .forms import RegisterCaseForm, transition_form


def inspect_url(case):
    return reverse(Case.snippet_viewset.get_url_name("inspect"), args=[quote(case.pk)])


def local_datetime(value, fmt="%Y-%m-%d %H:%M"):
    return timezone.localtime(value).strftime(fmt) if value else ""


def deadline_label(state):
    return DeadlineState(state or "").label


class NoCreateMixin:
    """Cases come only from the public forms: nobody adds one in the admin, not even superusers."""

    def user_has_permission(self, permission):
        if permission == "add":
            return False
        return super().user_has_permission(permission)


# --- Listing ------------------------------------------------------------------------------------


class DueDateColumn(Column):
    """办理期限 with a 超期 / 即将到期 tag, from the row's `deadline_state` annotation."""

    cell_template_name = "cases/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = getattr(instance, "deadline_state", "")
        context["state_label"] = deadline_label(context["state"])
        return context


def csv_safe(value):
    """Keep spreadsheet programs from running citizen-typed text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class CaseIndexView(NoCreateMixin, snippet_views.IndexView):
    # What the export contains: masked personal data only, never phone/ID/e-mail/address in full.
    EXPORT_FIELDS = {
        "reference": "编号",
        "channel": "渠道",
        "title": "标题",
        "masked_name": "来信人",
        "masked_phone": "联系电话",
        "department": "承办部门",
        "status": "状态",
        "submitted_at": "提交时间",
        "due_date": "办理期限",
        "deadline": "期限提示",
        "replied_at": "答复时间",
        "received_via": "受理方式",
    }

    def get_page_title(self):
        channel = self.request.GET.get("channel")
        if channel in Channel.values:
            return Channel(channel).label
        return "全部办件"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if CASE_POLICY.may_register(self.request.user):
            buttons.append(HeaderButton("登记来电来信来访", url=register_url(), icon_name="form"))
        return buttons

    @cached_property
    def columns(self):
        # No bulk actions on cases (the only one is delete, reserved to superusers).
        return [c for c in super().columns if not isinstance(c, BulkActionsCheckboxColumn)]

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the 办理 page, not the edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title", **kwargs,
        )

    def get_list_more_buttons(self, instance):
        buttons = []
        if url := self.get_inspect_url(instance):
            buttons.append(Button("办理", url=url, icon_name="form", priority=10))
        if url := self.get_edit_url(instance):
            buttons.append(Button("编辑公开内容与备注", url=url, icon_name="edit", priority=20))
        if url := self.get_delete_url(instance):
            buttons.append(Button("删除", url=url, icon_name="bin", priority=30))
        return buttons

    # Export ---------------------------------------------------------------------------------

    def get_filename(self):
        return f"cases-{timezone.localdate():%Y%m%d}"

    def get_heading(self, queryset, field):
        return self.EXPORT_FIELDS.get(field, field)

    def to_row_dict(self, item):
        values = {
            "reference": item.reference,
            "channel": item.get_channel_display(),
            "received_via": item.get_received_via_display(),
            "title": item.title,
            "masked_name": item.masked_name,
            "masked_phone": item.masked_phone,
            "department": item.department.name if item.department_id else "",
            "status": item.get_status_display(),
            "submitted_at": local_datetime(item.submitted_at),
            "due_date": item.due_date.isoformat() if item.due_date else "",
            "deadline": deadline_label(getattr(item, "deadline_state", "")),
            "replied_at": local_datetime(item.replied_at),
        }
        return {field: values[field] for field in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {k: csv_safe(v) for k, v in row_dict.items()})


# --- Registering a case received by phone, letter or visit (一网一线) ------------------------------


def register_url():
    return reverse(Case.snippet_viewset.get_url_name("register"))


class CaseRegisterView(WagtailAdminTemplateMixin, FormView):
    """A handler registers a case from the 12369 hotline, a letter or a visit. Refused (403) to
    anyone the policy does not let register, whether the link was shown or the URL typed. On
    an error the form comes back with everything typed; on success the 办理 page of the new
    case, with its reference and the query code to tell the caller."""

    form_class = RegisterCaseForm
    template_name = "cases/admin/register.html"
    page_title = "登记来电、来信、来访"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not CASE_POLICY.may_register(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(Case.snippet_viewset.get_url_name("list")), "label": "全部办件"},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_invalid(self, form):
        messages.error(self.request, "未能登记，请检查下面标出的内容。")
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            case, code = workflow.register(data["channel"], self.request.user, data["received_via"], **form.case_fields())
        except workflow.TransitionError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"已登记{case.get_received_via_display()}办件 {case.reference}，查询码 {code}。"
            "请告知来电（来信、来访）人编号和查询码，可在网站上查询办理进度；查询码不会再次显示。",
        )
        if scoped_cases(self.request.user).filter(pk=case.pk).exists():
            return redirect(inspect_url(case))
        return redirect(register_url())


# --- Single-object views ------------------------------------------------------------------------


class CaseCreateView(snippet_views.CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class CaseEditView(NoCreateMixin, snippet_views.EditView):
    """Only Case.panels: category, location, internal note and the redacted public texts."""

    def get_queryset(self):
        return scoped_cases(self.request.user, ["change"])

    def get_success_url(self):
        return inspect_url(self.object)

    def get_page_title(self):
        return "编辑公开内容与备注"

    def save_instance(self):
        """Save (inside the view's transaction); changed public texts of a published case take
        it off the website until a reviewer publishes it again (workflow.revise_public)."""
        changed = [name for name in workflow.PUBLIC_TEXT_FIELDS if name in self.form.changed_data]
        was_public = Case.objects.filter(pk=self.object.pk, is_public=True).exists()
        instance = super().save_instance()
        self.withdrawn = bool(changed and was_public)
        if self.withdrawn:
            try:
                workflow.revise_public(instance, self.request.user, changed)
            except workflow.TransitionError as error:
                raise PermissionDenied(str(error)) from error
            instance.refresh_from_db()
        return instance

    def get_success_message(self):
        if getattr(self, "withdrawn", False):
            return f"{self.object.reference} 的公开内容已修改，已撤回公开，需审核员审核后重新公开。"
        return super().get_success_message()


class CaseDeleteView(snippet_views.DeleteView):
    """Superusers only (a case is a record the bureau must keep); refused before any lookup."""

    def setup(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_queryset(self):
        return scoped_cases(self.request.user, ["delete"])


class CaseHistoryView(snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return scoped_cases(self.request.user)


class CaseUsageView(snippet_views.UsageView):
    def get_base_object_queryset(self):
        return scoped_cases(self.request.user)


# Fields of the person who wrote in, and how each is masked for those who may not see it.
PERSONAL_FIELDS = [
    ("name", "姓名/名称", masking.mask_name),
    ("contact_person", "联系人", masking.mask_name),
    ("phone", "联系电话", masking.mask_phone),
    ("email", "电子邮箱", masking.mask_email),
    ("address", "联系地址", masking.mask_address),
    ("id_number", "证件号码", masking.mask_id_number),
]

# How the details stored with each audit entry are shown.
LOG_DATA_LABELS = {
    "reason": "理由",
    "comment": "意见",
    "department": "承办部门",
    "co_departments": "协办部门",
    "from": "原承办部门",
    "to": "新承办部门",
    "into": "并入",
    "duplicate": "重复件",
    "days": "工作日数",
    "due": "办理期限",
    "notice": "补正告知",
    "note": "说明",
    "paused_days": "暂停计时工作日",
    "clock_start": "重新起算日",
    "result": "办理结果",
    "rating": "评价",
    "channel": "渠道",
    "received_via": "受理方式",
    "fields": "查看项目",
    "changed": "修改项目",
    "attachment": "附件",
    "retention_years": "保存期限（年）",
    "count": "件数",
    "cutoff": "办结早于",
}
LOG_VALUE_LABELS = {
    "result": dict(DisclosureResult.choices),
    "rating": dict(Rating.choices),
    "channel": dict(Channel.choices),
    "received_via": dict(ReceivedVia.choices),
}


def describe_log_data(data):
    rows = []
    for key, value in (data or {}).items():
        if value in (None, "", [], {}):
            continue
        if isinstance(value, (list, tuple)):
            value = "、".join(str(v) for v in value)
        value = LOG_VALUE_LABELS.get(key, {}).get(value, value)
        rows.append((LOG_DATA_LABELS.get(key, key), value))
    return rows


def attachment_is_personal(case):
    """The attachments of a disclosure request are the applicant's identity documents."""
    return case.channel == Channel.DISCLOSURE


class CaseInspectView(NoCreateMixin, snippet_views.InspectView):
    """The 办理 page: everything about the case, its history and the moves open to the user now."""

    page_title = "办理"
    reveal = False

    def get_object(self, queryset=None):
        queryset = scoped_cases(self.request.user).with_deadline_state(*deadline_bounds()).select_related(
            "department", "reply_department", "merged_into"
        ).prefetch_related("co_departments", "attachments", Prefetch("duplicates", Case.objects.only("pk", "reference", "merged_into_id")))
        return get_object_or_404(queryset, pk=self.pk)

    def get_fields(self):
        return []

    def get_page_subtitle(self):
        return f"{self.object.reference} {self.object.title}"

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if edit_url := self.get_edit_url():
            buttons.append(Button("编辑公开内容与备注", url=edit_url, icon_name="edit", priority=10))
        if self.user_has_any_permission(["change"]):
            history = reverse(Case.snippet_viewset.get_url_name("history"), args=[quote(self.object.pk)])
            buttons.append(Button("历史记录", url=history, icon_name="history", priority=20))
        if delete_url := self.get_delete_url():
            buttons.append(Button("删除", url=delete_url, icon_name="bin", priority=30))
        return buttons

    @cached_property
    def header_buttons(self):
        index = reverse(Case.snippet_viewset.get_url_name("list"))
        label = f"返回{self.object.get_channel_display()}"
        return [HeaderButton(label, url=f"{index}?channel={self.object.channel}", icon_name="arrow-left")]

    @cached_property
    def may_see_personal_data(self):
        return CASE_POLICY.may_see_personal_data(self.request.user, self.object)

    def personal_rows(self):
        case = self.object
        rows = []
        for field, label, mask in PERSONAL_FIELDS:
            value = getattr(case, field)
            if not value:
                continue
            rows.append((label, value if self.reveal else mask(value)))
        return rows

    def detail_rows(self):
        case = self.object
        rows = [
            ("渠道", case.get_channel_display()),
            ("受理方式", case.get_received_via_display()),
            ("状态", case.get_status_display()),
            ("提交时间", local_datetime(case.submitted_at)),
            ("受理时间", local_datetime(case.accepted_at)),
            ("计时起算日", case.clock_start.isoformat() if case.clock_start else ""),
            ("承办部门", case.department.name if case.department_id else "（待分派）"),
            ("协办部门", "、".join(d.name for d in case.co_departments.all())),
        ]
        if case.channel == Channel.COMPLAINT:
            rows += [("投诉类别", case.get_category_display()), ("发生地点", case.location)]
        elif case.category or case.location:
            rows += [("类别", case.get_category_display()), ("地点", case.location)]
        if case.channel == Channel.DISCLOSURE:
            rows += [
                ("申请人类型", case.get_applicant_type_display()),
                ("证件类型", case.get_id_type_display()),
                ("获取信息方式", case.get_delivery_display()),
            ]
        rows.append(("同意公开", "是" if case.consent_publish else "否"))
        if case.rejection_reason:
            rows.append(("不予受理理由", case.rejection_reason))
        if case.extension_status:
            rows.append(("延期", f"{case.get_extension_status_display()}：{case.extension_requested_days} 个工作日。{case.extension_reason}"))
        if case.paused_days or case.paused_since:
            since = f"（自 {case.paused_since:%Y-%m-%d} 起暂停中）" if case.paused_since else ""
            rows.append(("暂停计时", f"{case.paused_days} 个工作日{since}"))
        if case.completion_notice:
            rows.append(("补正告知", case.completion_notice))
        if case.supplement:
            rows.append(("补正内容", case.supplement))
        if case.merged_into_id:
            rows.append(("已并入", case.merged_into.reference))
        duplicates = [d.reference for d in case.duplicates.all()]
        if duplicates:
            rows.append(("并入本件的重复件", "、".join(duplicates)))
        if case.internal_note:
            rows.append(("内部备注", case.internal_note))
        if case.personal_data_purged_at:
            rows.append(("个人信息", f"已于 {local_datetime(case.personal_data_purged_at, '%Y-%m-%d')} 按保存期限清除"))
        return [(label, value) for label, value in rows if value not in (None, "")]

    def reply_rows(self):
        case = self.object
        rows = [
            ("答复内容", case.reply),
            ("答复部门", case.reply_department.name if case.reply_department_id else ""),
            ("办理结果", case.get_result_display() if case.result else ""),
            ("结果理由", case.get_result_reason_display() if case.result_reason else ""),
            ("审核意见", case.review_comment),
            ("答复时间", local_datetime(case.replied_at)),
            ("办结时间", local_datetime(case.closed_at)),
            ("评价", f"{case.get_rating_display()} {case.rating_comment}".strip() if case.rating else ""),
        ]
        return [(label, value) for label, value in rows if value]

    def public_rows(self):
        case = self.object
        if not (case.is_public or case.public_title or case.public_content or case.public_reply):
            return []
        if case.is_public:
            state = f"已公开（{local_datetime(case.published_at)}）"
        elif self._last_publication_action() == "cases.revise_public":
            state = "未公开：公开内容已修改，待审核后重新公开"
        else:
            state = "未公开"
        rows = [
            ("公开状态", state),
            ("公开标题", case.public_title),
            ("公开内容", case.public_content),
            ("公开答复", case.public_reply),
        ]
        return [(label, value) for label, value in rows if value]

    def _last_publication_action(self):
        return (
            CaseLogEntry.objects.for_instance(self.object)
            .filter(action__in=["cases.publish", "cases.unpublish", "cases.revise_public"])
            .order_by("-timestamp", "-id")
            .values_list("action", flat=True)
            .first()
        )

    def attachment_rows(self):
        case = self.object
        personal = attachment_is_personal(case)
        allowed = not personal or self.may_see_personal_data
        rows = []
        for attachment in case.attachments.all():
            url = reverse(
                Case.snippet_viewset.get_url_name("attachment"), args=[quote(case.pk), attachment.pk]
            ) if allowed else None
            rows.append({"attachment": attachment, "url": url, "personal": personal})
        return rows

    def history_entries(self):
        entries = (
            CaseLogEntry.objects.for_instance(self.object)
            .select_related("user", "user__staff_profile__department")
            .order_by("timestamp", "pk")
        )
        result = []
        for entry in entries:
            user = entry.user
            if user is None:
                who = "来信人" if entry.action in ("cases.submit", "cases.complete", "cases.rate") else "系统"
            else:
                profile = getattr(user, "staff_profile", None)
                if profile is not None:
                    who = f"{profile.full_name}（{profile.department.display_name}）"
                else:
                    who = get_user_display_name(user)
            formatter = log_registry.get_formatter(entry)  # (scans the registered actions first)
            result.append({
                "timestamp": local_datetime(entry.timestamp),
                "label": formatter.label if formatter else entry.action,
                "user": who,
                "details": describe_log_data(entry.data),
            })
        return result

    def transition_forms(self, active=None):
        """The forms for the moves available to the user now; `active` replaces one of them
        (a form coming back with errors, or with a template filled in)."""
        case = self.object
        user = self.request.user
        forms = []
        for name, _label in workflow.available_transitions(case, user):
            if active is not None and active.name == name:
                forms.append(active)
            else:
                forms.append(transition_form(name, case=case, user=user, scope=scoped_cases(user)))
        if active is not None and active.name not in [f.name for f in forms]:
            forms.insert(0, active)  # a crafted or outdated request: show it with the refusal
        return forms

    def get_context_data(self, **kwargs):
        active = kwargs.pop("active_form", None)
        context = super().get_context_data(**kwargs)
        case = self.object
        context.update({
            "case": case,
            "deadline_state": case.deadline_state,
            "deadline_label": deadline_label(case.deadline_state),
            "paused": case.is_open and case.status in PAUSED_STATES,
            "reveal": self.reveal,
            "may_see_personal_data": self.may_see_personal_data,
            "personal_rows": self.personal_rows(),
            "detail_rows": self.detail_rows(),
            "reply_rows": self.reply_rows(),
            "public_rows": self.public_rows(),
            "attachments": self.attachment_rows(),
            "history": self.history_entries(),
            "forms": self.transition_forms(active),
            "active_name": active.name if active is not None else "",
            "extension_pending": case.extension_status == ExtensionStatus.PENDING,
            "reveal_url": reverse(Case.snippet_viewset.get_url_name("personal_data"), args=[quote(case.pk)]),
            "action_url_name": Case.snippet_viewset.get_url_name("action"),
        })
        return context


class CaseActionView(CaseInspectView):
    """POST one transition (`action` in the URL) from the 办理 page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = self.kwargs["action"]
        if name not in workflow.TRANSITIONS:
            raise Http404
        case = self.object
        form = transition_form(name, case=case, user=request.user, data=request.POST, scope=scoped_cases(request.user))
        if name == "draft_reply" and "use_template" in request.POST:
            form = form.with_template()
            if form.template_applied is None:
                messages.warning(request, "请先选择一个答复模板。")
            return self.render_page(form)
        if not form.is_valid():
            messages.error(request, "未能提交，请检查下面标出的内容。")
            return self.render_page(form)
        try:
            workflow.perform(name, case, request.user, **form.transition_kwargs())
        except workflow.TransitionError as error:
            form.add_error(None, str(error))
            messages.error(request, str(error))
            return self.render_page(form)
        messages.success(request, f"“{form.label}”已完成：{case.reference}")
        return redirect(inspect_url(case))

    def render_page(self, form):
        return self.render_to_response(self.get_context_data(active_form=form))


class CasePersonalDataView(CaseInspectView):
    """POST: show the full personal data once, and write who looked into the audit log."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        case = self.object
        if not self.may_see_personal_data:
            raise PermissionDenied
        fields = [label for field, label, _mask in PERSONAL_FIELDS if getattr(case, field)]
        log(instance=case, action="cases.view_personal_data", user=request.user, data={"fields": fields})
        self.reveal = True
        return self.render_to_response(self.get_context_data())


SAFE_INLINE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


class CaseAttachmentView(PermissionCheckedMixin, View):
    """Attachments live in private storage (STORAGES["private"], outside MEDIA_ROOT): they are
    streamed here, to users who may open the case; identity documents of disclosure requests
    only to those who may see personal data, and each such download is audit-logged."""

    model = Case
    any_permission_required = list(READ_ACTIONS)

    def get(self, request, pk, attachment_id):
        case = get_object_or_404(scoped_cases(request.user), pk=pk)
        attachment = get_object_or_404(case.attachments.all(), pk=attachment_id)
        if attachment_is_personal(case):
            if not CASE_POLICY.may_see_personal_data(request.user, case):
                raise PermissionDenied
            log(instance=case, action="cases.view_personal_data", user=request.user,
                data={"attachment": attachment.original_name})
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError, ValueError):
            raise Http404("附件文件不存在") from None
        extension = os.path.splitext(attachment.file.name)[1].lower()
        content_type = SAFE_INLINE_TYPES.get(extension)
        response = FileResponse(
            handle,
            as_attachment=content_type is None,
            filename=attachment.original_name or os.path.basename(attachment.file.name),
            content_type=content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


def listing_queryset(request):
    """The inbox rows: the user's scope, the department in the same query, the deadline state."""
    return scoped_cases(request.user).select_related("department").with_deadline_state(*deadline_bounds())
