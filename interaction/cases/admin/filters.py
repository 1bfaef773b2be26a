"""Listing filters of the case inboxes. Overdue and due soon are the model's own rule
(models/case.py: overdue_q, due_soon_q, attention_q), compared against deadlines.deadline_bounds."""

import django_filters
from django import forms
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from intranet.org.models import Department

from ..choices import Channel, ComplaintCategory, ReceivedVia, Status
from ..deadlines import deadline_bounds
from ..models import Case, ReplyTemplate
from ..models.case import attention_q, due_soon_q, overdue_q


class CaseFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(
        label="渠道", choices=Channel.choices, empty_label="全部", widget=forms.RadioSelect
    )
    status = django_filters.MultipleChoiceFilter(
        label="状态", choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    received_via = django_filters.ChoiceFilter(
        label="受理方式", choices=ReceivedVia.choices, empty_label="全部", widget=forms.RadioSelect
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
