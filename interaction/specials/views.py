"""The indexes of specials: one theme's, and every theme's of the 专题专辑 column."""

from core.pagination import paginate
from core.visibility import visible

from .models import SpecialPage

PER_PAGE = 12


def specials_under(page, request, *, children=True):
    """Live specials the visitor may see, newest first, covers loaded with them."""
    qs = SpecialPage.objects.live()
    qs = qs.child_of(page) if children else qs.descendant_of(page)
    return visible(qs, request).select_related("cover").order_by("-started_on", "-id")


def special_index(page, request):
    items = paginate(request, specials_under(page, request), per_page=PER_PAGE)
    return page.render(request, context_overrides={"items": items, "scope": "theme"})


def all_specials(page, request):
    column = page.get_parent()
    items = paginate(request, specials_under(column, request, children=False), per_page=PER_PAGE)
    return page.render(request, context_overrides={"items": items, "scope": "all", "trail_title": "全部专题"})
