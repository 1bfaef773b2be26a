"""Published forum topics and answered board messages as a site-search source (search/sources.py).

Only published posts are searched, and only their public text is indexed (title, body, the
bureau's reply; Post.search_fields): contact data is never indexed."""

from search.sources import TYPE_REPLY, SearchHit, SearchSource

from .models import BOARD_PAGE_MODELS, Post, PostKind, PostStatus


def _pages():
    pages = {}
    for model in BOARD_PAGE_MODELS:
        for page in model.objects.live().public():
            pages[page.pk] = page
    return pages


def prepare(posts, scope):
    pages = _pages() if posts else {}
    for post in posts:
        post.board_page = pages.get(post.page_id)
    return posts


def to_hit(post, scope):
    page = getattr(post, "board_page", None)
    url = ""
    if page is not None:
        base = page.get_url(request=scope.request)
        if post.kind == PostKind.TOPIC:
            url = base + page.reverse_subpage("topic", args=[post.pk]).lstrip("/")
        else:
            url = f"{base}#post-{post.pk}"
    text = post.body + (f" 答复：{post.reply}" if post.reply else "")
    return SearchHit(
        title=post.title or str(post), url=url, text=text, published=post.published_at,
        column=page.title if page is not None else "互动交流", type=TYPE_REPLY,
    )


def queryset(scope):
    # Topics and messages (replies are found through their topic's page), on live pages: a join,
    # not another query per search. (The forum and the board are public services; a view
    # restriction on them is not expected, and such a post would be listed without a link.)
    return Post.objects.filter(
        status=PostStatus.PUBLISHED, kind__in=[PostKind.TOPIC, PostKind.MESSAGE], page__live=True,
    )


BOARD_POSTS = SearchSource(
    key="board_posts", type=TYPE_REPLY, queryset=queryset, to_hit=to_hit, date_field="published_at", prepare=prepare,
)
