"""Who may find what: the scope of a search, decided where the data is fetched.

- public: the public site, anyone (logged in or not) — live pages under its root without any
  view restriction, and public sources (interaction archives);
- intranet: logged-in staff on the intranet host — live intranet and public pages whose view
  restrictions the user passes, plus files and other sources the user may open.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site

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


def is_intranet_site(site):
    from home.models import IntranetHomePage

    return site is not None and site.root_page.specific_class is IntranetHomePage


def scope_for_request(request):
    """The scope of the site the request is for; None when the visitor may not search it
    (no site, or the intranet without logging in)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    if is_intranet_site(site):
        if not request.user.is_authenticated:
            return None
        public_site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        roots = [site.root_page]
        if public_site is not None and public_site.pk != site.pk:
            roots.append(public_site.root_page)
        return SearchScope(INTRANET, request, site, roots)
    return SearchScope(PUBLIC, request, site, [site.root_page])


def restriction_allows(restriction, user, group_ids, passed_ids):
    """Whether a (page or collection) view restriction lets this user through.

    group_ids: ids of the user's groups; passed_ids: ids of password restrictions the user has
    passed in this session."""
    kind = restriction.restriction_type
    if kind == restriction.LOGIN:
        return user.is_authenticated
    if kind == restriction.GROUPS:
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return any(group.pk in group_ids for group in restriction.groups.all())
    if kind == restriction.PASSWORD:
        return restriction.pk in passed_ids
    return kind == restriction.NONE


def user_group_ids(user):
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_search_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("pk", flat=True))
        user._search_group_ids = cached
    return cached


def blocked_restrictions(restrictions, request):
    """The restrictions in `restrictions` (with groups prefetched) that stop this user."""
    user = request.user
    group_ids = user_group_ids(user)
    session = getattr(request, "session", None) or {}
    blocked = []
    for restriction in restrictions:
        passed = session.get(restriction.passed_view_restrictions_session_key, []) if session else []
        if not restriction_allows(restriction, user, group_ids, passed):
            blocked.append(restriction)
    return blocked


def under_any(pages):
    q = Q()
    for page in pages:
        q |= Q(path__startswith=page.path, depth__gte=page.depth)
    return q


def visible_pages(scope):
    """Live pages of the scope's sites that the user may open."""
    pages = Page.objects.live().filter(under_any(scope.roots))
    if scope.name == PUBLIC:
        return pages.public()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    blocked = [r.page for r in blocked_restrictions(restrictions, scope.request)]
    if blocked:
        pages = pages.exclude(under_any(blocked))
    return pages


def visible_collection_ids(request):
    """Ids of the collections whose files this user may open (view restrictions apply to a
    collection and everything beneath it)."""
    from wagtail.models import Collection, CollectionViewRestriction

    restrictions = CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    blocked = [r.collection.path for r in blocked_restrictions(restrictions, request)]
    return [
        pk
        for pk, path in Collection.objects.values_list("pk", "path")
        if not any(path.startswith(prefix) for prefix in blocked)
    ]
