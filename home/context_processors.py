from django.utils.functional import SimpleLazyObject

from .navigation import site_for_request, site_navigation, utility_pages


def site_context(request):
    """Site, navigation and footer links for the shared templates; computed only when used."""
    site = SimpleLazyObject(lambda: site_for_request(request))

    def is_intranet():
        from home.models import IntranetHomePage

        current = site_for_request(request)
        return bool(current) and current.root_page.specific_class is IntranetHomePage

    return {
        "current_site": site,
        "site_is_intranet": SimpleLazyObject(is_intranet),
        "site_nav": SimpleLazyObject(lambda: site_navigation(site_for_request(request), request)),
        "utility_links": SimpleLazyObject(lambda: utility_pages(site_for_request(request), request)),
    }
