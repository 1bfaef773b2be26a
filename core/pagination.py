"""Pagination of public lists (sub-columns, the catalogue, case archives)."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; a page number that is not a number or out of range shows the nearest page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
