from django.utils.functional import SimpleLazyObject

from core.sites import is_intranet, site_for_request

from .navigation import site_navigation, utility_pages


def site_context(request):
    """Site, navigation and footer links for the shared templates; computed only when used."""
    site = SimpleLazyObject(lambda: site_for_request(request))

    return {
        "current_site": site,
        "site_is_intranet": SimpleLazyObject(lambda: is_intranet(request)),
        "site_nav": SimpleLazyObject(lambda: site_navigation(site_for_request(request), request)),
        "utility_links": SimpleLazyObject(lambda: utility_pages(site_for_request(request), request)),
    }
