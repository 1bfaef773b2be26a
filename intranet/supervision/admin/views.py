"""The 两会议案 admin views: the 办理 page (inspect) with the moves the user may make and the
audit trail, the transition endpoint, the notification link and the 办结率 page. Every object
is fetched through access.visible_proposals, so another department's proposal is a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.snippets.views import snippets as snippet_views

from core.admin_scope import ScopedInspectView
from core.pagination import paginate

from .. import stats, transitions
from ..access import is_staff_member, is_supervisor, visible_proposals, visible_tasks
from ..choices import OPEN_TASK_STATES, Feedback, Light
from ..deadlines import annotate_lights, light_of
from ..models import SupervisionLogEntry, SupervisionTask, TaskLogEntry


def inspect_url(proposal):
    return reverse("wagtailsnippets_supervision_proposal:inspect", args=[proposal.pk])


def proposal_redirect(request, pk):
    """/admin/supervision/proposal/<pk>/: links in notifications."""
    get_object_or_404(visible_proposals(request.user), pk=pk)
    return redirect(reverse("wagtailsnippets_supervision_proposal:inspect", args=[pk]))


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))


class CloseForm(forms.Form):
    feedback = forms.ChoiceField(label="代表/委员反馈", choices=Feedback.choices, widget=forms.RadioSelect)


ACTION_FORMS = {"reply": ReplyForm, "close": CloseForm}
DONE_MESSAGES = {"start": "已开始办理。", "reply": "已答复。", "close": "已办结。", "urge": "已催办，主办部门将收到信息精灵提醒。"}


class ProposalCreateView(snippet_views.CreateView):
    def get_initial_form_instance(self):
        return self.model(created_by=self.request.user, year=timezone.localdate().year)

    def save_instance(self):
        instance = super().save_instance()
        transitions.assigned(instance, self.request.user)
        return instance

    def get_success_url(self):
        return inspect_url(self.object)


class ProposalInspectView(ScopedInspectView):
    template_name = "supervision/admin/inspect.html"
    page_title = "议案办理"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scoped_queryset().select_related("lead_department", "created_by__staff_profile"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, user = self.object, self.request.user
        bound = kwargs.get("bound_forms", {})
        context.update(
            proposal=proposal,
            light=light_of(proposal),
            co_departments=list(proposal.co_departments.all()),
            actions=[
                {
                    "name": name,
                    "label": label,
                    "url": reverse("wagtailsnippets_supervision_proposal:action", args=[proposal.pk, name]),
                    "form": bound.get(name) or (ACTION_FORMS[name](prefix=name) if name in ACTION_FORMS else None),
                }
                for name, label in transitions.allowed(proposal, user).items()
            ],
            log_entries=SupervisionLogEntry.objects.for_instance(proposal).select_related("user__staff_profile")[:50],
            task=SupervisionTask.objects.filter(proposal=proposal).first(),
            may_spawn=is_supervisor(user) and proposal.is_open,
            spawn_url=reverse("supervision_spawn", args=[proposal.pk]),
            spawn_form=SpawnForm(prefix="spawn"),
        )
        return context


class ActionView(ProposalInspectView):
    """POST …/action/<pk>/<name>/: one move; a refused move shows the page again with the reason."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in transitions.TRANSITIONS:
            raise Http404
        form_class = ACTION_FORMS.get(name)
        form = form_class(request.POST, prefix=name) if form_class else None
        if form is not None and not form.is_valid():
            return self.show_again(name, form, "请检查填写的内容。")
        data = form.cleaned_data if form is not None else {}
        try:
            transitions.transition(self.object, request.user, name, **data)
        except transitions.TransitionError as error:
            return self.show_again(name, form, str(error))
        messages.success(request, DONE_MESSAGES[name])
        return redirect(inspect_url(self.object))

    def show_again(self, name, form, message):
        messages.error(self.request, message)
        context = self.get_context_data(bound_forms={name: form} if form is not None else {})
        context["open_form"] = name
        return TemplateResponse(self.request, self.template_name, context, status=400)


def rates(request):
    """办结率 per year and, for the chosen year, per department: leaders and 信息中心管理员 only."""
    if not is_supervisor(request.user):
        raise PermissionDenied
    years = stats.by_year()
    try:
        year = int(request.GET.get("year") or (years[-1]["year"] if years else timezone.localdate().year))
    except ValueError:
        raise Http404
    return TemplateResponse(request, "supervision/admin/rates.html", {
        "years": years, "year": year, "summary": stats.summary(year), "departments": stats.by_department(year),
        "page_title": "两会议案办结率", "feedback_choices": Feedback.choices,
    })



# --- 督办 ----------------------------------------------------------------------------------------


def task_inspect_url(task):
    return reverse("wagtailsnippets_supervision_supervisiontask:inspect", args=[task.pk])


def task_redirect(request, pk):
    """/admin/supervision/task/<pk>/: links in notifications."""
    get_object_or_404(visible_tasks(request.user), pk=pk)
    return redirect(task_inspect_url(SupervisionTask(pk=pk)))


class ReportForm(forms.Form):
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}))


class SpawnForm(forms.Form):
    working_days = forms.IntegerField(label="办理时限（工作日）", min_value=1, max_value=250, initial=10)


TASK_FORMS = {"report": ReportForm}
TASK_DONE = {"sign": "已签收。", "report": "已反馈进展。", "close": "已办结。", "urge": "已催办，牵头部门将收到信息精灵提醒。"}


class TaskCreateView(snippet_views.CreateView):
    def get_initial_form_instance(self):
        return self.model(created_by=self.request.user, start_date=timezone.localdate())

    def save_instance(self):
        instance = super().save_instance()
        transitions.task_assigned(instance, self.request.user)
        return instance

    def get_success_url(self):
        return task_inspect_url(self.object)


class TaskInspectView(ScopedInspectView):
    template_name = "supervision/admin/task_inspect.html"
    page_title = "督办事项"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scoped_queryset().select_related("lead_department", "proposal", "signed_by__staff_profile"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        bound = kwargs.get("bound_forms", {})
        context.update(
            task=task,
            light=light_of(task),
            co_departments=list(task.co_departments.all()),
            reports=list(task.reports.select_related("author__staff_profile", "department")),
            actions=[
                {
                    "name": name,
                    "label": label,
                    "url": reverse("wagtailsnippets_supervision_supervisiontask:action", args=[task.pk, name]),
                    "form": bound.get(name) or (TASK_FORMS[name](prefix=name) if name in TASK_FORMS else None),
                }
                for name, label in transitions.allowed(task, user).items()
            ],
            log_entries=TaskLogEntry.objects.for_instance(task).select_related("user__staff_profile")[:50],
        )
        return context


class TaskActionView(TaskInspectView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in transitions.TASK_TRANSITIONS:
            raise Http404
        form_class = TASK_FORMS.get(name)
        form = form_class(request.POST, prefix=name) if form_class else None
        if form is not None and not form.is_valid():
            return self.show_again(name, form, "请检查填写的内容。")
        try:
            transitions.task_transition(self.object, request.user, name, **(form.cleaned_data if form else {}))
        except transitions.TransitionError as error:
            return self.show_again(name, form, str(error))
        messages.success(request, TASK_DONE[name])
        return redirect(task_inspect_url(self.object))

    def show_again(self, name, form, message):
        messages.error(self.request, message)
        context = self.get_context_data(bound_forms={name: form} if form is not None else {})
        return TemplateResponse(self.request, self.template_name, context, status=400)


def spawn(request, pk):
    """POST: put a proposal under 督办 (leaders, 信息中心管理员)."""
    if request.method != "POST":
        raise Http404
    proposal = get_object_or_404(visible_proposals(request.user), pk=pk)
    form = SpawnForm(request.POST, prefix="spawn")
    if not form.is_valid():
        messages.error(request, "请填写 1 至 250 个工作日的办理时限。")
        return redirect(inspect_url(proposal))
    try:
        task = transitions.spawn_task(proposal, request.user, form.cleaned_data["working_days"])
    except transitions.TransitionError as error:
        messages.error(request, str(error))
        return redirect(inspect_url(proposal))
    messages.success(request, "已列入督办。")
    return redirect(task_inspect_url(task))


def board(request):
    """督办看板: the open items the user may see, by lead department, with traffic lights."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    items = (
        visible_tasks(request.user)
        .filter(state__in=OPEN_TASK_STATES)
        .select_related("lead_department")
        .order_by("lead_department__sort_order", "lead_department__pk", "deadline", "pk")
    )
    page = paginate(request, items, per_page=50)
    rows = annotate_lights(page.object_list)
    for row in rows:
        row.url = task_inspect_url(row)
    counts = {light: sum(1 for row in rows if row.light == light) for light in Light}
    return TemplateResponse(request, "supervision/admin/board.html", {
        "page_title": "督办看板", "rows": rows, "page": page, "counts": counts, "lights": Light,
    })
