from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from columns.disclosure import TOPICS
from core.pagination import paginate
from core.visibility import visible
from intranet.org.models import Department

from .article import ArticlePage
from .base import SubColumnBase


class CatalogueFilterForm(forms.Form):
    topic = forms.ChoiceField(label="主题分类", required=False, choices=[("", "全部")] + TOPICS)
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    publisher = forms.TypedChoiceField(label="发布机构", required=False, coerce=int, empty_value=None)
    q = forms.CharField(label="标题或文号", required=False, max_length=50)

    def __init__(self, *args, years=(), publishers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部")] + [(y, f"{y}年") for y in years]
        self.fields["publisher"].choices = [("", "全部")] + [(d.pk, d.name) for d in publishers]


class DisclosureCataloguePage(SubColumnBase):
    """信息公开目录: every article of this site flagged for the catalogue, as a filterable table."""

    subpage_types = []
    column_type_label = "信息公开目录"

    class Meta:
        verbose_name = "信息公开目录"
        verbose_name_plural = "信息公开目录"

    def catalogue_items(self, request=None):
        home = self.get_parent().get_parent()  # sub-column -> column -> site home
        return visible(ArticlePage.objects.live().descendant_of(home).filter(in_catalogue=True), request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.catalogue_items(request)
        years = sorted(
            {y for y in items.annotate(y=ExtractYear("pub_date", tzinfo=timezone.get_current_timezone())).values_list("y", flat=True).distinct()},
            reverse=True,
        )
        publishers = Department.objects.filter(pk__in=items.values("publisher")).order_by("category", "sort_order")
        form = CatalogueFilterForm(request.GET or None, years=years, publishers=publishers)
        if form.is_valid():
            data = form.cleaned_data
            if data["topic"]:
                items = items.filter(topic=data["topic"])
            if data["year"]:
                items = items.filter(pub_date__year=data["year"])
            if data["publisher"]:
                items = items.filter(publisher_id=data["publisher"])
            if data["q"]:
                items = items.filter(Q(title__icontains=data["q"]) | Q(doc_number__icontains=data["q"]))
        context["filter_form"] = form
        context["items"] = paginate(
            request,
            items.select_related("publisher")
            .only(
                "id", "title", "url_path", "path", "depth", "pub_date", "index_no", "doc_number", "topic",
                "validity", "publisher__name", "publisher__short_name",
            )
            .order_by("-pub_date", "-id"),
        )
        return context
