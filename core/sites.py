"""Which site a request is on, and whether it is the intranet: answered here, once.

The intranet is the site whose root page type says so (`is_intranet_home = True`, set by
home.models.IntranetHomePage), so this floor needs no import of the app that defines it."""

from wagtail.models import Site


def site_for_request(request):
    """The Wagtail Site the request is for (cached on the request by Wagtail), or None."""
    return Site.find_for_request(request)


def is_intranet_site(site):
    return site is not None and bool(getattr(site.root_page.specific_class, "is_intranet_home", False))


def is_intranet(request):
    """Whether the request is for the staff intranet."""
    return is_intranet_site(site_for_request(request))


def public_site():
    """The default site (浦东环境网), or None."""
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()
