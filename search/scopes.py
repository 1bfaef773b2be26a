"""Who may find what: the scope of a search, decided where the data is fetched.

- public: the public site, anyone (logged in or not) — live pages under its root without any
  view restriction, and public sources (interaction archives);
- intranet: logged-in staff on the intranet host — live intranet and public pages whose view
  restrictions the user passes, plus files and other sources the user may open.

What a viewer may see is decided by the site-wide rule in core/visibility.py (Wagtail's own view
restrictions); this module only chooses the viewer and the sites searched.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from core.sites import is_intranet_site, public_site, site_for_request
from core.visibility import Visibility, for_request

PUBLIC = "public"
INTRANET = "intranet"


@dataclass
class SearchScope:
    name: str
    request: object
    site: Site
    roots: list = field(default_factory=list)  # root pages of the sites searched, current first

    @property
    def user(self):
        return self.request.user

    @property
    def is_intranet(self):
        return self.name == INTRANET

    @cached_property
    def visibility(self):
        """The one visibility rule (core/visibility.py), seen by this scope's audience: the public
        scope searches as an anonymous visitor even for a logged-in user, the intranet scope as
        the user herself."""
        if self.name == PUBLIC:
            return Visibility.anonymous()
        return for_request(self.request)


def scope_for_request(request):
    """The scope of the site the request is for; None when the visitor may not search it
    (no site, or the intranet without logging in)."""
    site = site_for_request(request)
    if site is None:
        return None
    if is_intranet_site(site):
        if not request.user.is_authenticated:
            return None
        public = public_site()
        roots = [site.root_page]
        if public is not None and public.pk != site.pk:
            roots.append(public.root_page)
        return SearchScope(INTRANET, request, site, roots)
    return SearchScope(PUBLIC, request, site, [site.root_page])


def under_any(pages):
    q = Q()
    for page in pages:
        q |= Q(path__startswith=page.path, depth__gte=page.depth)
    return q


def visible_pages(scope):
    """Live pages of the scope's sites that the scope's viewer may open."""
    return scope.visibility.pages(Page.objects.live().filter(under_any(scope.roots)))


def visible_documents(scope):
    return scope.visibility.files(get_document_model().objects.all())

