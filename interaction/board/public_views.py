"""What the public pages of the forum and the message board do. Thin: the rules are in
moderation.py, the lists are the plain queryset functions at the top."""

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from core.pagination import paginate
from interaction.protection.ratelimit import client_ip, hash_ip, rate_limit_message, rate_limited

from . import moderation
from .forms import PostForm
from .models import Post, PostKind, PostStatus

FLAG_RATE_LIMIT = (30, 3600)  # flags per client address per hour
SUBMITTED_SESSION_KEY = "board.submitted.{page_id}"
PUBLIC_FIELDS = ("id", "page_id", "kind", "topic_id", "title", "body", "nickname", "status", "reply", "replied_at", "published_at")

# Lists ----------------------------------------------------------------------------------------


def published_topics(page):
    """Published topics of a forum, newest activity first, with their published reply counts."""
    published_replies = Q(replies__status=PostStatus.PUBLISHED)
    return (
        Post.objects.published().on_page(page).filter(kind=PostKind.TOPIC)
        .only(*PUBLIC_FIELDS)
        .annotate(
            reply_count=Count("replies", filter=published_replies),
            last_reply_at=Max("replies__published_at", filter=published_replies),
        )
        .order_by("-published_at", "-id")
    )


def published_replies(topic):
    return Post.objects.published().filter(topic=topic).only(*PUBLIC_FIELDS).order_by("published_at", "id")


def published_messages(page):
    return Post.objects.published().on_page(page).filter(kind=PostKind.MESSAGE).only(*PUBLIC_FIELDS).order_by("-published_at", "-id")


def _private(response):
    """Pages with a form carry a per-visitor captcha: never cached."""
    add_never_cache_headers(response)
    return response


def _route(page, request, name, *args):
    return page.get_url(request) + page.reverse_subpage(name, args=args).lstrip("/")


def _submit(page, request, form, kind, topic=None):
    """Rate limit, then save the post pending review; returns a redirect, or the status code
    to answer with after setting the form's error."""
    if rate_limited(request, f"board-{page.serves_app}"):
        form.add_error(None, rate_limit_message())
        return 429
    try:
        moderation.submit(page, kind, topic=topic, ip_hash=hash_ip(client_ip(request)), **form.post_fields())
    except moderation.TransitionError as error:
        form.add_error(None, str(error))
        return 400
    request.session[SUBMITTED_SESSION_KEY.format(page_id=page.pk)] = str(PostKind(kind).label)
    return HttpResponseRedirect(_route(page, request, "submitted") + "#main")


# Views ----------------------------------------------------------------------------------------


def board_index(page, request):
    """GET: the list and the form. POST: a new topic (forum) or message (board)."""
    form = PostForm(request.POST or None, request=request, body_label="留言内容" if page.post_kind == PostKind.MESSAGE else "内容")
    status = 200
    if request.method == "POST":
        status = _submit(page, request, form, page.post_kind) if form.is_valid() else 200
        if not isinstance(status, int):
            return status
    items = published_topics(page) if page.post_kind == PostKind.TOPIC else published_messages(page)
    response = page.render(request, context_overrides={"form": form, "items": paginate(request, items)})
    response.status_code = status
    return _private(response)


def topic(page, request, topic_id):
    """A published topic with its published replies; POST: a reply, pending review."""
    post = get_object_or_404(
        Post.objects.published().on_page(page).filter(kind=PostKind.TOPIC).only(*PUBLIC_FIELDS), pk=topic_id
    )
    form = PostForm(request.POST or None, request=request, with_title=False, body_label="跟帖内容")
    status = 200
    if request.method == "POST":
        status = _submit(page, request, form, PostKind.REPLY, topic=post) if form.is_valid() else 200
        if not isinstance(status, int):
            return status
    response = page.render(
        request,
        template="board/topic.html",
        context_overrides={"topic": post, "form": form, "items": paginate(request, published_replies(post)), "trail_title": post.title},
    )
    response.status_code = status
    return _private(response)


def submitted(page, request):
    what = request.session.pop(SUBMITTED_SESSION_KEY.format(page_id=page.pk), None)
    response = page.render(request, template="board/submitted.html", context_overrides={"what": what, "trail_title": "提交成功"})
    return _private(response)


def flag(page, request, post_id):
    """POST: a reader flags a published post of this page; back to where they were."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    post = Post.objects.on_page(page).filter(pk=post_id).only("id", "status", "topic_id", "kind", "page_id").first()
    if post is None:
        raise Http404
    limit, window = FLAG_RATE_LIMIT
    if rate_limited(request, "board-flag", limit=limit, window=window):
        messages.error(request, rate_limit_message())
    else:
        outcome = moderation.flag(post, hash_ip(client_ip(request)))
        messages.info(request, {
            "counted": "感谢您的举报，工作人员将尽快核实。",
            "already": "您已举报过这条内容，工作人员将尽快核实。",
            "closed": "这条内容已在审核中，感谢您的关注。",
        }[outcome])
    if post.kind == PostKind.REPLY and post.topic_id:
        target = _route(page, request, "topic", post.topic_id)
    elif post.kind == PostKind.TOPIC and post.status == PostStatus.PUBLISHED:
        target = _route(page, request, "topic", post.pk)
    else:
        target = page.get_url(request)
    return HttpResponseRedirect(target + f"#post-{post.pk}")
