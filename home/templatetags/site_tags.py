from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, trail_title=None):
    """Home › column › sub-column › page, from the current site's root."""
    request = context.get("request")
    crumbs = []
    site = context.get("current_site")
    if page is not None and site:
        root = site.root_page
        crumbs = list(page.get_ancestors(inclusive=True).filter(depth__gte=root.depth).only("id", "title", "url_path", "path", "depth"))
    return {"crumbs": crumbs, "trail_title": trail_title, "request": request, "current_page": page}


@register.filter
def ymd(value):
    """Dates as YYYY-MM-DD, in local time."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


@register.inclusion_tag("includes/side_nav.html", takes_context=True)
def side_nav(context, column, current=None):
    """The sub-columns of a column as a side menu, as the current user may see them."""
    request = context.get("request")
    column = column.specific
    subs = list(column.sub_columns(request)) if hasattr(column, "sub_columns") else []
    return {"column": column, "subs": subs, "current": current, "request": request}


@register.filter
def icon_char(title):
    """The character that best stands for a service on its round icon (局长信箱 → 局, 网上投诉 → 投)."""
    for prefix in ("网上", "在线"):
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix)]
    return title[:1]
