"""Navigation of a site: its columns and their sub-columns, as a visitor may see them."""

from wagtail.models import Page, Site

from columns.models import ColumnPage


def site_navigation(site, user):
    """[(column, [sub_column, ...]), ...] in menu order, two queries in all.

    Anonymous visitors see only public pages, so an intranet column never shows up for them,
    not even by name."""
    if site is None:
        return []
    root = site.root_page
    columns = ColumnPage.objects.child_of(root).live().in_menu().order_by("path")
    subs = Page.objects.descendant_of(root).filter(depth=root.depth + 2).live().in_menu().order_by("path")
    if not user.is_authenticated:
        columns = columns.public()
        subs = subs.public()
    by_parent = {}
    steplen = Page.steplen
    for sub in subs.only("id", "title", "url_path", "path", "depth", "slug"):
        by_parent.setdefault(sub.path[:-steplen], []).append(sub)
    return [(col, by_parent.get(col.path, [])) for col in columns.only("id", "title", "url_path", "path", "depth", "slug")]


def utility_pages(site, user):
    if site is None:
        return []
    from home.models import UtilityPage

    qs = UtilityPage.objects.child_of(site.root_page).live()
    if not user.is_authenticated:
        qs = qs.public()
    return list(qs.only("id", "title", "url_path", "path", "depth", "kind"))


def site_for_request(request):
    return Site.find_for_request(request)
