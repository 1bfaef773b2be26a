"""Search promotions (推荐结果) that the information centre sets up in the admin
(Wagtail's search_promotions), limited to what the scope may see."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from .scopes import visible_pages


def promotions_for(query, scope):
    """[{"title", "url", "description"}] promoted for this query, in the editors' order."""
    if not query:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    visible = set(visible_pages(scope).filter(pk__in=page_ids).values_list("pk", flat=True)) if page_ids else set()
    promotions = []
    for pick in picks:
        if pick.page_id:
            if pick.page_id not in visible:
                continue  # a promoted page this visitor may not see is not promoted to them
            url = pick.page.get_url(scope.request)
            title = pick.page.title
        elif pick.external_link_url:
            url, title = pick.external_link_url, pick.external_link_text or pick.external_link_url
        else:
            continue
        promotions.append({"title": title, "url": url, "description": pick.description})
    return promotions
