"""The search form: the query, filters and sort a visitor may choose, read leniently (a
filter that does not make sense is dropped, never a server error). Dates outside
EARLIEST_DATE..LATEST_DATE, or not dates at all, are reported as errors of their field (the
page shows them beside the filter, the JSON answers 400) and are not applied."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from wagtail.models import Page

from columns.models import ColumnPage

from . import scopes
from .analysis import MAX_QUERY_LENGTH, analyse_query
from .engine import DATE, MAX_PAGES, RELEVANCE, SearchOptions
from .sources import TYPES, get_sources


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)  # far enough to mean "no end"; 9999-12-31 + 1 day overflows
DATE_FIELDS = ("date_from", "date_to")


class BoundedDateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE (further out, date arithmetic and time zone
    conversion overflow, and no document of this site is dated there)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid": "请输入有效的日期，格式如 2024-05-01。"})
        kwargs.setdefault(
            "validators",
            [
                MinValueValidator(EARLIEST_DATE, message=f"日期不能早于 {EARLIEST_DATE:%Y-%m-%d}。"),
                MaxValueValidator(LATEST_DATE, message=f"日期不能晚于 {LATEST_DATE:%Y-%m-%d}。"),
            ],
        )
        kwargs.setdefault(
            "widget",
            forms.DateInput(attrs={"type": "date", "min": f"{EARLIEST_DATE:%Y-%m-%d}", "max": f"{LATEST_DATE:%Y-%m-%d}"}),
        )
        super().__init__(**kwargs)


def column_choices(scope):
    """The columns (大栏目) of the searched sites, as the scope may see them: [(id, label)]."""
    columns = ColumnPage.objects.live().filter(scopes.under_any(scope.roots)).filter(
        depth__in=[root.depth + 1 for root in scope.roots]
    )
    columns = scope.visibility.pages(columns)
    names = {root.path: (root.title if len(scope.roots) > 1 else "") for root in scope.roots}
    choices = []
    for path, pk, title in columns.order_by("path").values_list("path", "pk", "title"):
        site_name = next((n for p, n in names.items() if path.startswith(p)), "")
        choices.append((pk, f"{site_name} · {title}" if site_name else title))
    return choices


def type_choices(scope):
    """The result types of the sources this scope searches: the built-in ones in their order,
    then those higher apps register (e.g. the OA's 公文 on the intranet)."""
    available = [t for source in get_sources() if scope.name in source.scopes for t in source.all_types]
    extra = [t for t in dict.fromkeys(available) if t not in TYPES]
    return [t for t in TYPES if t in available] + extra


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False)
    column = forms.TypedChoiceField(label="栏目", required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label="类别", required=False)
    date_from = BoundedDateField(label="起始日期")
    date_to = BoundedDateField(label="截止日期")
    sort = forms.ChoiceField(
        label="排序", required=False, choices=[(RELEVANCE, "按相关度"), (DATE, "按时间")], initial=RELEVANCE
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, scope, **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope
        self.fields["column"].choices = [("", "全部栏目")] + column_choices(scope)
        self.fields["type"].choices = [("", "全部类别")] + [(t, t) for t in type_choices(scope)]
        self.fields["q"].widget.attrs.update({"maxlength": MAX_QUERY_LENGTH, "type": "search"})

    def date_errors(self):
        """{field: [messages]} of the date filters that were given but cannot be used."""
        self.is_valid()
        return {name: list(self.errors[name]) for name in DATE_FIELDS if name in self.errors}

    def value(self, name, default=None):
        """The cleaned value of one field, or the default when it is missing or invalid."""
        if not self.is_bound or not hasattr(self, "cleaned_data") or name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    def options(self):
        """SearchOptions from whatever was submitted; invalid filters are left out."""
        self.is_valid()
        raw_query = self.data.get("q", "") if self.is_bound else ""
        column_id = self.value("column")
        column = Page.objects.filter(pk=column_id).first() if column_id else None
        date_from, date_to = self.value("date_from"), self.value("date_to")
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return SearchOptions(
            query=analyse_query(raw_query if isinstance(raw_query, str) else ""),
            column=column,
            type=self.value("type", ""),
            date_from=date_from,
            date_to=date_to,
            sort=self.value("sort", RELEVANCE),
            page=min(self.value("page", 1), MAX_PAGES),
        )
