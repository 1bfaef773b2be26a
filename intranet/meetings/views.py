"""会议通知 in the admin: my notices, sending a notice, the notice page (回执 for recipients,
figures, the missing list and 催办 for the organiser), attachments and the printable 签到表.
Every meeting is fetched through visible_meetings, so another's notice is a 404 by typed URL."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.pagination import paginate
from intranet.oa.access import is_staff_member
from intranet.oa.attachments import download_response, store_document, upload_error

from . import services
from .access import may_manage, visible_meetings
from .forms import AttachmentForm, NoticeForm, ReplyForm
from .models import MeetingAttachment, Receipt
from .notifications import meeting_url

TABS = {"todo": "待我回执", "all": "全部会议", "mine": "我发起的"}


def require_staff(request):
    if not is_staff_member(request.user):
        raise PermissionDenied


def _page(title, **context):
    return {"page_title": title, "header_title": title, "header_icon": "date", **context}


def listing_rows(user, tab, now=None):
    """Meetings for the list, each with its reply counts and the user's own 回执 (one query)."""
    mine = Receipt.objects.filter(meeting=OuterRef("pk"), user=user)
    rows = visible_meetings(user).select_related("department").annotate(
        total=Count("receipts"),
        replied=Count("receipts", filter=~Q(receipts__status=Receipt.Status.PENDING)),
        my_status=Subquery(mine.values("status")[:1]),
    )
    if tab == "todo":
        rows = rows.filter(
            receipts__user=user, receipts__status=Receipt.Status.PENDING, reply_deadline__gte=now or timezone.now()
        )
    elif tab == "mine":
        rows = rows.filter(organiser=user)
    return rows.order_by("-sent_at", "-pk")


def meeting_list(request):
    require_staff(request)
    tab = request.GET.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    page = paginate(request, listing_rows(request.user, tab), per_page=20)
    return TemplateResponse(request, "meetings/list.html", _page(
        "会议通知", tab=tab, tabs=TABS, page=page, now=timezone.now(), statuses=dict(Receipt.Status.choices),
    ))


def meeting_new(request):
    require_staff(request)
    form = NoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("file")
        error = upload_error(uploaded) if uploaded else None
        if error:
            form.add_error("file", error)
        else:
            try:
                meeting = services.send(request.user, **data)
            except services.MeetingError as refused:
                form.add_error(None, str(refused))
            else:
                if uploaded:
                    _attach(meeting, uploaded, request.user)
                messages.success(request, f"会议通知已发送，共 {meeting.receipts.count()} 人。")
                return redirect(meeting_url(meeting))
    return TemplateResponse(request, "meetings/form.html", _page("发送会议通知", form=form))


def _meeting(request, pk):
    require_staff(request)
    return get_object_or_404(visible_meetings(request.user).select_related("department", "organiser__staff_profile"), pk=pk)


def meeting_detail(request, pk, reply_form=None):
    meeting = _meeting(request, pk)
    user = request.user
    receipt = meeting.receipts.filter(user=user).first()
    manage = may_manage(user, meeting)
    attachments = list(meeting.attachments.select_related("document"))
    context = _page(
        "会议通知", meeting=meeting, receipt=receipt, manage=manage, attachments=attachments,
        reply_open=meeting.reply_open(), counts=services.counts(meeting), now=timezone.now(),
    )
    if receipt is not None:
        context["reply_form"] = reply_form or ReplyForm(initial={
            "attending": "0" if receipt.status == Receipt.Status.DECLINED else "1",
            "attendees": receipt.attendees, "reason": receipt.reason,
        })
    if manage:
        receipts = meeting.receipts.select_related("user__staff_profile", "department").order_by("status", "department__sort_order", "pk")
        context.update(
            missing=[r for r in receipts if r.status == Receipt.Status.PENDING],
            answered=[r for r in receipts if r.status != Receipt.Status.PENDING],
            urged_today=meeting.last_urged_on == timezone.localdate(),
        )
    return TemplateResponse(request, "meetings/detail.html", context)


@require_POST
def meeting_reply(request, pk):
    meeting = _meeting(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择参加或不参加。")
        return meeting_detail(request, pk, reply_form=form)
    try:
        services.reply(meeting, request.user, **form.cleaned_data)
    except services.MeetingError as refused:
        messages.error(request, str(refused))
        return meeting_detail(request, pk, reply_form=form)
    messages.success(request, "回执已提交。")
    return redirect(meeting_url(meeting))


@require_POST
def meeting_urge(request, pk):
    meeting = _meeting(request, pk)
    try:
        missing = services.urge(meeting, request.user)
    except services.MeetingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"已通过信息精灵催办 {len(missing)} 位未回执人员。")
    return redirect(meeting_url(meeting))


def _attach(meeting, uploaded, user):
    with transaction.atomic():
        document = store_document(uploaded, user)
        MeetingAttachment.objects.create(meeting=meeting, document=document, added_by=user)
        services._log(meeting, "attach", user, file=uploaded.name[:100])


@require_POST
def meeting_upload(request, pk):
    meeting = _meeting(request, pk)
    if not may_manage(request.user, meeting):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    uploaded = request.FILES.get("file")
    error = upload_error(uploaded) if form.is_valid() else "请选择要上传的文件。"
    if error:
        messages.error(request, error)
    else:
        _attach(meeting, uploaded, request.user)
        messages.success(request, f"已上传附件：{uploaded.name}")
    return redirect(meeting_url(meeting))


def meeting_attachment(request, pk, attachment_id):
    meeting = _meeting(request, pk)
    attachment = get_object_or_404(meeting.attachments.select_related("document"), pk=attachment_id)
    services._log(meeting, "download", request.user, file=attachment.document.title[:100])
    return download_response(attachment.document)


def meeting_sign_in(request, pk):
    meeting = _meeting(request, pk)
    if not may_manage(request.user, meeting):
        raise Http404
    return TemplateResponse(request, "meetings/sign_in.html", {
        "meeting": meeting, "rows": services.sign_in_rows(meeting), "back_url": meeting_url(meeting),
    })
