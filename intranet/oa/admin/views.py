"""The OA's admin views: the 办理 page (inspect) with the route and the moves the user may make,
the transition endpoint, the printable 公文, attachments, the personal office (我的办公) and the
收文 register. Every object is fetched through the access rule, so another person's item is a
404 by a typed URL as by a hidden link; every move goes through the routing engine."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.admin_scope import ScopedInspectView
from core.pagination import paginate
from intranet.org.models import department_of

from .. import routing
from ..attachments import download_response, store_document, upload_error
from ..access import is_registrar, is_staff_member, may_manage, visible_items
from ..choices import COUNTED_TASK_STATES, OPEN_TASK_STATES, ExchangeStatus, ItemStatus, StepStatus, TaskStatus
from ..forms import ACTION_FORMS, AcceptExchangeForm, AttachmentForm, ReasonForm
from ..models import KIND_MODELS, Attachment, Exchange, OfficeItem, OfficialDocument, Task


def viewset_for(item):
    """The admin viewset that shows items of this kind (Wagtail sets `snippet_viewset` on the
    model when the viewset is registered)."""
    return KIND_MODELS[item.kind].snippet_viewset


def inspect_url(item):
    return reverse(viewset_for(item).get_url_name("inspect"), args=[item.pk])


def require_staff(request):
    if not is_staff_member(request.user):
        raise PermissionDenied


def item_redirect(request, pk):
    """/admin/oa/item/<pk>/: the item's 办理 page, whatever its kind (links in notifications)."""
    require_staff(request)
    item = get_object_or_404(visible_items(request.user), pk=pk)
    return redirect(inspect_url(item))


def route_rows(item):
    """The route for display: steps in order with their tasks, two queries."""
    steps = list(item.steps.order_by("seq"))
    tasks = Task.objects.filter(item=item).select_related("user__staff_profile__department").order_by("pk")
    by_step = {}
    for task in tasks:
        by_step.setdefault(task.step_id, []).append(task)
    now = timezone.now()
    return [
        {"step": step, "tasks": by_step.get(step.pk, []), "overdue": bool(step.due_at and step.status == StepStatus.ACTIVE and step.due_at < now)}
        for step in steps
    ]


class ItemInspectView(ScopedInspectView):
    """The 办理 page. Opening it is audit-logged and marks the user's waiting task opened."""

    template_name = "oa/admin/inspect.html"
    page_title = "办理"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scoped_queryset().select_related("owner", "created_by__staff_profile"), pk=self.pk
        )

    def get(self, request, *args, **kwargs):
        routing.open_item(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        viewset = viewset_for(item)
        bound = kwargs.get("bound_forms", {})
        actions = [
            {
                "name": name,
                "label": label,
                "url": reverse(viewset.get_url_name("action"), args=[item.pk, name]),
                "form": bound.get(name) or (ACTION_FORMS[name](prefix=name) if name in ACTION_FORMS else None),
            }
            for name, label in routing.allowed(item, user).items()
        ]
        attachments = list(item.attachments.select_related("document"))
        for attachment in attachments:
            attachment.url = reverse(viewset.get_url_name("attachment"), args=[item.pk, attachment.pk])
        rows = route_rows(item)
        context.update(
            item=item,
            rows=rows,
            routings=sum(1 for row in rows for task in row["tasks"] if task.status in COUNTED_TASK_STATES),
            actions=actions,
            my_task=routing.open_task_of(item, user),
            attachments=attachments,
            may_attach=may_manage(user, item) and item.status != ItemStatus.CLOSED,
            upload_url=reverse(viewset.get_url_name("upload"), args=[item.pk]),
            exchanges=Exchange.objects.filter(document_id=item.pk).select_related("to_unit", "received") if item.is_document else [],
            print_url=reverse(viewset.get_url_name("print"), args=[item.pk]) if item.is_document else None,
            contact=getattr(item, "contactsheet", None) if item.kind == "contact" else None,
            report=getattr(item, "signreport", None) if item.kind == "sign" else None,
            document=getattr(item, "officialdocument", None) if item.is_document else None,
        )
        return context


def _engine_call(name, item, user, form):
    data = form.cleaned_data if form is not None else {}
    if name == "send":
        return routing.send(item, user, data["plan"])
    if name == "complete":
        return routing.complete(item, user, data["opinion"])
    if name == "forward":
        return routing.complete(item, user, data["opinion"], plan=data["plan"])
    if name == "return":
        return routing.return_step(item, user, data["reason"])
    if name == "exchange":
        return routing.send_exchange(item, user, list(data["units"]), data["note"])
    return {"recall": routing.recall, "urge": routing.urge, "close": routing.close, "number": routing.number}[name](item, user)


DONE_MESSAGES = {
    "send": "已发送。", "complete": "已办理完毕。", "forward": "已办理并加签。", "return": "已退回。",
    "recall": "已收回。", "urge": "已催办，办理人将收到信息精灵提醒。", "close": "已办结。", "number": "已编号。",
    "exchange": "已发送至对方单位收文登记。",
}


class ActionView(ItemInspectView):
    """POST /…/action/<pk>/<name>/: one move of the routing engine. A refused move or a form
    error shows the 办理 page again with the message and the text the user typed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        item = self.object
        if name not in routing.TRANSITIONS:
            raise Http404
        form_class = ACTION_FORMS.get(name)
        form = form_class(request.POST, prefix=name) if form_class else None
        if form is not None and not form.is_valid():
            return self.show_again(name, form, "请检查填写的内容。")
        try:
            _engine_call(name, item, request.user, form)
        except routing.RoutingError as error:
            return self.show_again(name, form, str(error))
        messages.success(request, DONE_MESSAGES.get(name, "已完成。"))
        if name == "recall" or not visible_items(request.user).filter(pk=item.pk).exists():
            return redirect(reverse("oa_office"))
        return redirect(inspect_url(item))

    def show_again(self, name, form, message):
        messages.error(self.request, message)
        context = self.get_context_data(bound_forms={name: form} if form is not None else {})
        context["open_form"] = name
        return TemplateResponse(self.request, self.template_name, context, status=400)


class PrintView(ItemInspectView):
    """The 公文 laid out after GB/T 9704 for printing."""

    def get_template_names(self):
        return ["oa/print.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = OfficialDocument.objects.select_related("owner").get(pk=self.object.pk)
        context["document"] = document
        context["issuer"] = document.owner.name
        context["back_url"] = inspect_url(document)
        return context


def add_attachment(request, pk):
    require_staff(request)
    item = get_object_or_404(visible_items(request.user), pk=pk)
    if request.method != "POST":
        raise Http404
    if not may_manage(request.user, item) or item.status == ItemStatus.CLOSED:
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    uploaded = request.FILES.get("file")
    error = upload_error(uploaded) if form.is_valid() else "请选择要上传的文件。"
    if error:
        messages.error(request, error)
        return redirect(inspect_url(item))
    with transaction.atomic():
        document = store_document(uploaded, request.user)
        Attachment.objects.create(item=item, document=document, added_by=request.user)
        routing._log(item, "attach", request.user, file=uploaded.name[:100])
    messages.success(request, f"已上传附件：{uploaded.name}")
    return redirect(inspect_url(item))


def download_attachment(request, pk, attachment_id):
    require_staff(request)
    item = get_object_or_404(visible_items(request.user), pk=pk)
    attachment = get_object_or_404(item.attachments.select_related("document"), pk=attachment_id)
    routing._log(item, "download", request.user, file=attachment.document.title[:100])
    return download_response(attachment.document)


# --- personal office ------------------------------------------------------------------------

TABS = {
    "todo": "待办",
    "done": "已办",
    "mine": "我发起的",
    "overdue": "超期",
}


def my_open_tasks(user):
    return Task.objects.filter(user=user, status__in=OPEN_TASK_STATES, step__status=StepStatus.ACTIVE)


def office_counts(user, now=None):
    """{tab: count} for the menu, the dashboard and the intranet home: two queries."""
    now = now or timezone.now()
    open_counts = my_open_tasks(user).aggregate(
        todo=Count("pk"), overdue=Count("pk", filter=Q(step__due_at__lt=now))
    )
    return {"todo": open_counts["todo"], "overdue": open_counts["overdue"]}


def office_rows(user, tab, now=None):
    now = now or timezone.now()
    tasks = Task.objects.select_related("item__owner", "step", "step__sent_by__staff_profile")
    if tab == "todo":
        return my_open_tasks(user).select_related("item__owner", "step", "step__sent_by__staff_profile").order_by("-arrived_at")
    if tab == "overdue":
        return my_open_tasks(user).filter(step__due_at__lt=now).select_related("item__owner", "step").order_by("step__due_at")
    if tab == "done":
        return tasks.filter(user=user, status__in=(TaskStatus.DONE, TaskStatus.RETURNED)).order_by("-completed_at")
    return OfficeItem.objects.filter(created_by=user).select_related("owner").order_by("-created_at")


def office(request):
    require_staff(request)
    tab = request.GET.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    page = paginate(request, office_rows(request.user, tab), per_page=20)
    return TemplateResponse(request, "oa/admin/office.html", {
        "tab": tab, "tabs": TABS, "page": page, "counts": office_counts(request.user),
        "now": timezone.now(), "page_title": "我的办公", "header_title": "我的办公", "header_icon": "tasks",
    })


# --- 收文登记: exchanges addressed to my unit ----------------------------------------------------


def register(request):
    require_staff(request)
    department = department_of(request.user)
    if not is_registrar(request.user, department):
        raise PermissionDenied
    exchanges = (
        Exchange.objects.filter(to_unit=department).select_related("document", "from_unit", "received", "handled_by")
        .order_by("status", "-sent_at")
    )
    return TemplateResponse(request, "oa/admin/register.html", {
        "page": paginate(request, exchanges, per_page=20), "accept_form": AcceptExchangeForm(),
        "decline_form": ReasonForm(), "department": department, "page_title": "收文登记", "header_title": "收文登记", "header_icon": "download",
    })


@require_POST
def register_action(request, pk, action):
    require_staff(request)
    department = department_of(request.user)
    exchange = get_object_or_404(Exchange.objects.filter(to_unit=department), pk=pk)
    try:
        if action == "accept":
            form = AcceptExchangeForm(request.POST)
            if not form.is_valid():
                raise routing.RoutingError("请选择登记为阅件或办件。")
            received = routing.accept_exchange(exchange, request.user, form.cleaned_data["doc_kind"])
            messages.success(request, "已签收，请安排内部流转。")
            return redirect(inspect_url(received))
        if action == "decline":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise routing.RoutingError("退回须说明理由。")
            routing.decline_exchange(exchange, request.user, form.cleaned_data["reason"])
            messages.success(request, "已退回发送单位。")
        else:
            raise Http404
    except routing.RoutingError as error:
        messages.error(request, str(error))
    return HttpResponseRedirect(reverse("oa_register"))


def pending_exchange_count(user):
    department = department_of(user)
    if not is_registrar(user, department):
        return 0
    return Exchange.objects.filter(to_unit=department, status=ExchangeStatus.SENT).count()

