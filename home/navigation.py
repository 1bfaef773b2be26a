"""Navigation of a site: its columns and their sub-columns, as a visitor may see them.

Every page shows the full menu (41 columns, 372 sub-columns over both sites), so the computed
menu — titles and URLs — is cached per site and audience in the shared cache, and the cache is
invalidated whenever the page tree changes (home/signals.py bumps the version)."""

from django.core.cache import cache
from wagtail.models import Page

from columns.models import ColumnPage
from core.visibility import for_request, visible

from .models import UtilityPage

NAV_VERSION_KEY = "site-nav-version"
NAV_TIMEOUT = 3600


def nav_version():
    version = cache.get(NAV_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(NAV_VERSION_KEY, version, None)
    return version


def bump_nav_version():
    try:
        cache.incr(NAV_VERSION_KEY)
    except ValueError:
        cache.set(NAV_VERSION_KEY, 2, None)


def _build_navigation(site, request):
    root = site.root_page
    columns = visible(ColumnPage.objects.child_of(root).live().in_menu().order_by("path"), request)
    subs = visible(
        Page.objects.descendant_of(root).filter(depth=root.depth + 2).live().in_menu().order_by("path"), request
    )
    by_parent = {}
    steplen = Page.steplen
    for sub in subs.only("id", "title", "url_path", "path", "depth"):
        by_parent.setdefault(sub.path[:-steplen], []).append(
            {"title": sub.title, "url": sub.get_url(request=request), "path": sub.path}
        )
    return [
        {
            "title": col.title,
            "url": col.get_url(request=request),
            "path": col.path,
            "subs": by_parent.get(col.path, []),
        }
        for col in columns.only("id", "title", "url_path", "path", "depth")
    ]


def site_navigation(site, request):
    """[{"title", "url", "path", "subs": [{"title", "url", "path"}]}] in menu order.

    Each visitor gets the columns the visibility rule (core/visibility.py) lets them see: an
    intranet column never shows up for an anonymous visitor, not even by name, nor a
    group-restricted one for staff outside the group. Menus are cached per set of restrictions
    the visitor does not pass, so visitors who see the same tree share one cache entry."""
    if site is None:
        return []
    audience = for_request(request).signature
    key = f"site-nav:{site.pk}:{audience}:{nav_version()}"
    menu = cache.get(key)
    if menu is None:
        menu = _build_navigation(site, request)
        cache.set(key, menu, NAV_TIMEOUT)
    return menu


def utility_pages(site, request):
    if site is None:
        return []
    qs = visible(UtilityPage.objects.child_of(site.root_page).live(), request)
    return list(qs.only("id", "title", "url_path", "path", "depth", "kind"))
