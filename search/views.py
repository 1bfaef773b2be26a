from django.shortcuts import render
from wagtail.models import Page, Site

from columns.models.subcolumn import paginate

MAX_QUERY_LENGTH = 100


def search(request):
    """Search the current site. Anonymous visitors only ever see live public pages."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = None
    if query and site:
        pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
        if not request.user.is_authenticated:
            pages = pages.public()
        results = paginate(request, pages.search(query))
    return render(request, "search/search.html", {"query": query, "results": results})
