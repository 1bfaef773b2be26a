"""The one rule for what a request may see: pages, documents and images, everywhere (navigation,
lists, feeds, home blocks, the catalogue, search, file downloads).

It is Wagtail's own rule: a page is visible when the request passes every PageViewRestriction on
the page and its ancestors, a document or image when it passes every CollectionViewRestriction on
its collection and the collection's ancestors, each decided by the restriction's own
`accept_request()` — so a login, group or password restriction means the same in a menu as when
the page or file itself is opened.

Efficiency: the restrictions are few and the rows many, so the restrictions are loaded once per
request (one query each for page and collection restrictions, one for their groups, one for the
user's groups), decided in Python, and applied to querysets as path filters: never a query per
row. The result is kept on the request."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, prefetch_related_objects
from django.utils.functional import cached_property, empty
from wagtail.models import CollectionViewRestriction, PageViewRestriction

REQUEST_ATTRIBUTE = "_visibility"


def _real_user(user):
    """The user model instance behind the auth middleware's lazy object."""
    if getattr(user, "_wrapped", None) is empty:
        user._setup()
    return getattr(user, "_wrapped", user)


def _under_any(paths, field="path"):
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def _is_under(path, prefixes):
    return any(path.startswith(prefix) for prefix in prefixes)


class Visibility:
    """What one viewer may see. Build it with `for_request()` (cached on the request) or
    `anonymous()` (a visitor without login or session: the public audience)."""

    def __init__(self, request):
        self.request = request
        self._prepare_user()

    @classmethod
    def anonymous(cls):
        return cls(SimpleNamespace(user=AnonymousUser(), session={}))

    def _prepare_user(self):
        user = getattr(self.request, "user", None)
        if user is None:
            self.request.user = AnonymousUser()
            return
        if user.is_authenticated and not user.is_superuser:
            # accept_request() reads request.user.groups.all(): fetch them once, not per restriction.
            real = _real_user(user)
            if "groups" not in getattr(real, "_prefetched_objects_cache", {}):
                prefetch_related_objects([real], "groups")

    @property
    def user(self):
        return self.request.user

    def _accepts(self, restriction):
        if getattr(self.request, "session", None) is None:
            self.request.session = {}
        return restriction.accept_request(self.request)

    # Pages -----------------------------------------------------------------------------------

    @cached_property
    def _page_restrictions(self):
        return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))

    @cached_property
    def _blocked_page_restrictions(self):
        return [r for r in self._page_restrictions if not self._accepts(r)]

    @cached_property
    def blocked_page_paths(self):
        return sorted({r.page.path for r in self._blocked_page_restrictions})

    @cached_property
    def restricted_page_paths(self):
        return sorted({r.page.path for r in self._page_restrictions})

    @cached_property
    def signature(self):
        """Identifies what this viewer may see of the page tree: viewers with equal signatures see
        the same menus (a cache key part)."""
        blocked = sorted(r.pk for r in self._blocked_page_restrictions)
        return "-".join(str(pk) for pk in blocked) or "all"

    def pages(self, queryset):
        """Filter a page queryset to what this viewer may see."""
        if not self.blocked_page_paths:
            return queryset
        return queryset.exclude(_under_any(self.blocked_page_paths))

    def page_visible(self, page):
        return not _is_under(page.path, self.blocked_page_paths)

    # Collections: documents and images -------------------------------------------------------

    @cached_property
    def _collection_restrictions(self):
        return list(CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups"))

    @cached_property
    def blocked_collection_paths(self):
        return sorted({r.collection.path for r in self._collection_restrictions if not self._accepts(r)})

    @cached_property
    def restricted_collection_paths(self):
        return sorted({r.collection.path for r in self._collection_restrictions})

    def collection_visible(self, collection):
        return not _is_under(collection.path, self.blocked_collection_paths)

    def collection_is_public(self, collection):
        """No restriction at all on the collection or above it: anyone may see its files."""
        return not _is_under(collection.path, self.restricted_collection_paths)

    def files(self, queryset):
        """Filter a document or image queryset to what this viewer may see."""
        if not self.blocked_collection_paths:
            return queryset
        return queryset.exclude(_under_any(self.blocked_collection_paths, "collection__path"))

    def collections(self, queryset):
        if not self.blocked_collection_paths:
            return queryset
        return queryset.exclude(_under_any(self.blocked_collection_paths))

    def file_visible(self, document_or_image):
        return self.collection_visible(document_or_image.collection)


def for_request(request):
    """The Visibility of a request's viewer, built once per request; None stands for an
    anonymous visitor without a session."""
    if request is None:
        return Visibility.anonymous()
    cached = getattr(request, REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = Visibility(request)
        try:
            setattr(request, REQUEST_ATTRIBUTE, cached)
        except AttributeError:
            pass
    return cached


def visible(queryset, request=None):
    """Filter a page queryset to what the request's viewer may see."""
    return for_request(request).pages(queryset)


def visible_files(queryset, request=None):
    """Filter a document or image queryset to what the request's viewer may see."""
    return for_request(request).files(queryset)
