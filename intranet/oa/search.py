"""OA items as an intranet search source (search/sources.py): each user finds exactly the items
the access rule lets her open, and nothing of them on the public site."""

from django.urls import reverse

from search.scopes import INTRANET
from search.sources import SearchHit, SearchSource

from .access import visible_items

TYPE_OA = "公文"


def to_hit(item, scope):
    number = getattr(getattr(item, "officialdocument", None), "number", None) if item.is_document else None
    return SearchHit(
        title=f"{number} {item.title}" if number else item.title,
        url=reverse("oa_item", args=[item.pk]),
        text=item.body,
        published=item.created_at,
        column=f"协同办公 · {item.get_kind_display()}",
        type=TYPE_OA,
    )


OA_ITEMS = SearchSource(
    key="oa_items",
    type=TYPE_OA,
    queryset=lambda scope: visible_items(scope.user).select_related("officialdocument"),
    to_hit=to_hit,
    date_field="created_at",
    scopes=(INTRANET,),
)
