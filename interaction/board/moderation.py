"""The rules of the board: submitting a post, the sensitive-word check, moderation transitions,
the bureau's reply and readers' flags. Every state change writes Wagtail's audit log.

Transitions are named and refuse illegal moves (a rejected post cannot be hidden, a pending one
cannot be restored...). A reader's flag is counted once per reader and post (a unique row); the
third flag hides a published post at once, pending review, in one conditional UPDATE so that
concurrent flags hide it exactly once."""

import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.search import index

from .models.post import Post, PostFlag, PostKind, PostStatus, SensitiveWord

FLAGS_TO_HIDE = 3
WORD_SEPARATOR = "、"


class TransitionError(ValueError):
    """The move is not allowed from the post's current state; the message says why (Chinese)."""


# name: (allowed sources, target, label for the audit log and the buttons)
TRANSITIONS = {
    "approve": ({PostStatus.PENDING}, PostStatus.PUBLISHED, "审核通过"),
    "reject": ({PostStatus.PENDING, PostStatus.HIDDEN}, PostStatus.REJECTED, "不予发布"),
    "hide": ({PostStatus.PUBLISHED}, PostStatus.HIDDEN, "隐藏"),
    "restore": ({PostStatus.HIDDEN}, PostStatus.PUBLISHED, "恢复显示"),
}


def normalise(text):
    """Full-width to half-width, case folded: what the sensitive-word check compares."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def matched_words(*texts, words=None):
    """The sensitive words (as staff wrote them) found in any of `texts`, in list order."""
    if words is None:
        words = SensitiveWord.objects.values_list("word", flat=True)
    haystack = "\n".join(normalise(t) for t in texts)
    found = []
    for word in words:
        needle = normalise(word).strip()
        if needle and needle in haystack and word not in found:
            found.append(word)
    return found


def submit(page, kind, *, title="", body, nickname, phone="", email="", topic=None, ip_hash=""):
    """A visitor's post, pending review; the sensitive words it contains are recorded for the
    moderator. Word matching happens before the (short) transaction."""
    if kind == PostKind.REPLY and (topic is None or topic.status != PostStatus.PUBLISHED):
        raise TransitionError("该主题不存在或尚未发布，不能跟帖。")
    held = WORD_SEPARATOR.join(matched_words(title, body, nickname))[:255]
    with transaction.atomic():
        post = Post.objects.create(
            page_id=page.pk, kind=kind, topic=topic, title=title, body=body, nickname=nickname,
            phone=phone, email=email, ip_hash=ip_hash, held_words=held,
        )
        log(instance=post, action="board.submit", user=None, data={"held": bool(held)})
    return post


def perform(name, post, user, reason=""):
    """Apply transition `name` to `post` as `user`; returns the refreshed post."""
    if name not in TRANSITIONS:
        raise TransitionError("未知的操作。")
    sources, target, label = TRANSITIONS[name]
    now = timezone.now()
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        if current.status not in sources:
            raise TransitionError(f"“{current.get_status_display()}”的内容不能{label}。")
        if name == "approve" and current.kind == PostKind.REPLY and current.topic.status != PostStatus.PUBLISHED:
            raise TransitionError("所属主题未发布，不能单独发布跟帖。")
        current.status = target
        current.moderated_at = now
        fields = ["status", "moderated_at"]
        if target == PostStatus.PUBLISHED and current.published_at is None:
            current.published_at = now
            fields.append("published_at")
        if name == "restore":
            # Staff reviewed the flags: count afresh (each reader still flags a post only once).
            current.flag_count = 0
            fields.append("flag_count")
        if name in ("restore", "hide", "reject"):
            current.auto_hidden = False
            fields.append("auto_hidden")
        current.save(update_fields=fields)
        log(instance=current, action=f"board.{name}", user=user, data={"reason": reason} if reason else {})
    return current


def save_reply(post, user, text):
    """The bureau's reply to a message (shown with it once the message is published)."""
    text = (text or "").strip()
    if post.kind != PostKind.MESSAGE:
        raise TransitionError("只有留言可以答复。")
    if not text:
        raise TransitionError("请填写答复内容。")
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        action = "board.edit_reply" if current.reply else "board.reply"
        current.reply = text
        current.replied_at = timezone.now()
        current.save(update_fields=["reply", "replied_at"])
        log(instance=current, action=action, user=user)
    return current


def flag(post, visitor):
    """A reader flags a published post. Returns "counted", "already" (this reader flagged it
    before) or "closed" (the post is not published). The FLAGS_TO_HIDE-th flag hides it."""
    if post.status != PostStatus.PUBLISHED:
        return "closed"
    try:
        with transaction.atomic():
            PostFlag.objects.create(post=post, visitor=visitor)
            Post.objects.filter(pk=post.pk).update(flag_count=F("flag_count") + 1)
            hidden = Post.objects.filter(
                pk=post.pk, status=PostStatus.PUBLISHED, flag_count__gte=FLAGS_TO_HIDE
            ).update(status=PostStatus.HIDDEN, auto_hidden=True, moderated_at=timezone.now())
            if hidden:
                post.refresh_from_db()
                log(instance=post, action="board.auto_hide", user=None, data={"flags": post.flag_count})
    except IntegrityError:
        return "already"
    if hidden:
        # update() sends no signal: refresh the search index's copy (Elasticsearch filters on it).
        index.insert_or_update_object(post)
    return "counted"


def pending_count():
    return Post.objects.filter(status=PostStatus.PENDING).count()
