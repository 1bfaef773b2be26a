"""Listing filters of the case inboxes, and the deadline annotation the listing, the dashboard
and the filters share (one definition of "overdue" and "due soon" for all of them)."""

import django_filters
from django import forms
from django.db.models import Case as CaseWhen, CharField, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from intranet.org.models import Department

from .choices import OPEN_STATES, PAUSED_STATES, Channel, ComplaintCategory, Status
from .deadlines import reminder_horizon
from .models import Case, ReplyTemplate

OVERDUE = "overdue"
DUE_SOON = "soon"


def running_q():
    """Open cases whose clock runs (the same rule as CaseQuerySet.running())."""
    return Q(status__in=OPEN_STATES) & ~Q(status__in=PAUSED_STATES)


def overdue_q(today):
    return running_q() & Q(due_date__lt=today)


def due_soon_q(today, horizon):
    """Running, not yet overdue, due on or before the reminder horizon."""
    return running_q() & Q(due_date__gte=today, due_date__lte=horizon)


def attention_q(today, horizon):
    """Overdue or due soon: what the dashboard and the reminders are about."""
    return running_q() & Q(due_date__lte=horizon)


def deadline_bounds(today=None):
    """(today, reminder horizon) — computed once per request, never per row."""
    today = today or timezone.localdate()
    return today, reminder_horizon(today)


def annotate_deadline(queryset, today, horizon):
    """Add `deadline_state` ("overdue", "soon" or "") to every row, in SQL."""
    return queryset.annotate(
        deadline_state=CaseWhen(
            When(overdue_q(today), then=Value(OVERDUE)),
            When(due_soon_q(today, horizon), then=Value(DUE_SOON)),
            default=Value(""),
            output_field=CharField(),
        )
    )


class CaseFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(
        label="渠道", choices=Channel.choices, empty_label="全部", widget=forms.RadioSelect
    )
    status = django_filters.MultipleChoiceFilter(
        label="状态", choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    department = django_filters.ModelChoiceFilter(
        label="承办部门", queryset=Department.objects.filter(is_active=True), empty_label="全部"
    )
    category = django_filters.ChoiceFilter(
        label="投诉类别", choices=ComplaintCategory.choices, empty_label="全部", widget=forms.RadioSelect
    )
    overdue = django_filters.ChoiceFilter(
        label="是否超期",
        choices=[("yes", "已超期"), ("no", "未超期")],
        empty_label="全部",
        widget=forms.RadioSelect,
        method="filter_overdue",
    )
    due_soon = django_filters.ChoiceFilter(
        label="即将到期",
        choices=[("yes", "即将到期（尚未超期）"), ("attention", "已超期或即将到期")],
        empty_label="全部",
        widget=forms.RadioSelect,
        method="filter_due_soon",
    )
    submitted = django_filters.DateFromToRangeFilter(
        label="提交日期", field_name="submitted_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Case
        fields = []

    @cached_property
    def bounds(self):
        return deadline_bounds()

    def filter_overdue(self, queryset, name, value):
        today, _horizon = self.bounds
        if value == "yes":
            return queryset.filter(overdue_q(today))
        if value == "no":
            return queryset.exclude(overdue_q(today))
        return queryset

    def filter_due_soon(self, queryset, name, value):
        today, horizon = self.bounds
        if value == "yes":
            return queryset.filter(due_soon_q(today, horizon))
        if value == "attention":
            return queryset.filter(attention_q(today, horizon))
        return queryset


class ReplyTemplateFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(
        label="适用渠道", choices=Channel.choices, empty_label="全部", widget=forms.RadioSelect
    )

    class Meta:
        model = ReplyTemplate
        fields = []
