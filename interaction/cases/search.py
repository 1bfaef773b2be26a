"""Published replies (互动答复) as a site-search source (see search/sources.py).

Only Case.objects.published() is ever searched, and only the redacted public texts are indexed
(Case.search_fields), so neither a private case nor a name, phone or original wording can be
found, counted or quoted."""

from search.sources import TYPE_REPLY, SearchHit, SearchSource

from .models import Case, CaseChannelPage


def _channel_pages(scope):
    """The live channel page (局长信箱, 网上投诉 ...) of each channel on the public site."""
    models = [m for m in CaseChannelPage.__subclasses__() if not m._meta.abstract]
    pages = {}
    for model in models:
        page = model.objects.live().public().first()
        if page is not None:
            pages[model.serves_app] = page
    return pages


def prepare(cases, scope):
    pages = _channel_pages(scope)
    for case in cases:
        case.channel_page = pages.get(case.channel)
    return cases


def to_hit(case, scope):
    page = getattr(case, "channel_page", None)
    url = ""
    if page is not None:
        url = page.get_url(request=scope.request) + page.reverse_subpage("archive_detail", args=[case.reference])
    return SearchHit(
        title=case.public_title,
        url=url,
        text=f"{case.public_content} 答复：{case.public_reply}",
        published=case.replied_at,
        column=page.title if page is not None else "互动交流",
        type=TYPE_REPLY,
    )


def queryset(scope):
    return Case.objects.published()


CASE_REPLIES = SearchSource(
    key="case_replies",
    type=TYPE_REPLY,
    queryset=queryset,
    to_hit=to_hit,
    date_field="replied_at",
    prepare=prepare,
)

__all__ = ["CASE_REPLIES"]
