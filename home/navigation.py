"""Navigation of a site: its columns and their sub-columns, as a visitor may see them."""

from wagtail.models import Page, Site

from columns.models import ColumnPage
from home.visibility import visible


def site_navigation(site, request):
    """[(column, [sub_column, ...]), ...] in menu order, two queries in all.

    Anonymous visitors see only public pages, so an intranet column never shows up for them,
    not even by name."""
    if site is None:
        return []
    root = site.root_page
    columns = ColumnPage.objects.child_of(root).live().in_menu().order_by("path")
    subs = Page.objects.descendant_of(root).filter(depth=root.depth + 2).live().in_menu().order_by("path")
    columns = visible(columns, request)
    subs = visible(subs, request)
    by_parent = {}
    steplen = Page.steplen
    for sub in subs.only("id", "title", "url_path", "path", "depth", "slug"):
        by_parent.setdefault(sub.path[:-steplen], []).append(sub)
    return [(col, by_parent.get(col.path, [])) for col in columns.only("id", "title", "url_path", "path", "depth", "slug")]


def utility_pages(site, request):
    if site is None:
        return []
    from home.models import UtilityPage

    qs = visible(UtilityPage.objects.child_of(site.root_page).live(), request)
    return list(qs.only("id", "title", "url_path", "path", "depth", "kind"))


def site_for_request(request):
    return Site.find_for_request(request)
