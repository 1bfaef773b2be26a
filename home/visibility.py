"""Which pages a request may see: everything for staff, only public pages for anonymous visitors.

Wagtail's `.public()` queries the view restrictions each time it is called; a page render calls
it for the navigation, every block and the footer, so the restriction filter is built once per
request here and reused."""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def _restricted_q(request):
    cached = getattr(request, "_restricted_pages_q", None) if request is not None else None
    if cached is not None:
        return cached
    q = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        q |= Q(path__startswith=path)
    q = q if q else Q(pk__in=[])
    if request is not None:
        request._restricted_pages_q = q
    return q


def visible(queryset, request=None):
    """Filter a page queryset to what the request's user may see (anonymous: public pages only)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return queryset
    return queryset.exclude(_restricted_q(request))
