"""网上论坛 and 留言板: pre-moderation, flags, sensitive words, the moderation queue and its access."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from columns.models import SubColumnPage
from interaction.board import moderation
from interaction.board.models import ForumPage, MessageBoardPage, Post, PostFlag, PostKind, PostStatus, SensitiveWord
from interaction.interviews.models import InterviewIndexPage
from tests.factories import SuperuserFactory, make_post

from .conftest import solve_captcha, soup, sub_url, url

pytestmark = pytest.mark.django_db

PHONE = "13917654321"
EMAIL = "wang.xiaoming@example.com"


def topic_form(client, page, **fields):
    data = {"nickname": "浦江晨跑", "phone": PHONE, "email": EMAIL, "title": "河道整治的建议", "body": "建议加快支流河道的整治进度。"}
    data.update(solve_captcha(client, url(page)))
    data.update(fields)
    return data


def actions(post):
    return list(ModelLogEntry.objects.for_instance(post).order_by("timestamp", "id").values_list("action", flat=True))


# Pre-moderation ------------------------------------------------------------------------------


def test_a_new_topic_shows_nowhere_until_a_moderator_approves_it(public_client, forum, moderator):
    response = public_client.post(url(forum), topic_form(public_client, forum))
    assert response.status_code == 302
    assert "submitted/" in response["Location"]
    receipt = public_client.get(response["Location"].split("#")[0])
    assert "您的主题帖已提交" in receipt.content.decode()

    post = Post.objects.get(page=forum)
    assert post.status == PostStatus.PENDING and post.kind == PostKind.TOPIC
    assert "河道整治的建议" not in public_client.get(url(forum)).content.decode()
    assert public_client.get(sub_url(forum, "topic", post.pk)).status_code == 404

    moderation.perform("approve", post, moderator)
    page = public_client.get(url(forum)).content.decode()
    assert "河道整治的建议" in page
    detail = public_client.get(sub_url(forum, "topic", post.pk)).content.decode()
    assert "建议加快支流河道的整治进度" in detail
    # Contact data is the staff's only.
    assert PHONE not in detail and EMAIL not in detail and PHONE not in page
    assert actions(post) == ["board.submit", "board.approve"]


def test_a_reply_waits_for_approval_under_its_published_topic(public_client, forum, moderator):
    topic = make_post(forum, moderator=moderator, title="垃圾分类经验交流")
    data = {"nickname": "老浦东", "body": "我们小区的经验是定时定点投放。"}
    data.update(solve_captcha(public_client, sub_url(forum, "topic", topic.pk)))
    response = public_client.post(sub_url(forum, "topic", topic.pk), data)
    assert response.status_code == 302
    reply = Post.objects.get(topic=topic)
    assert reply.kind == PostKind.REPLY and reply.status == PostStatus.PENDING
    assert "定时定点投放" not in public_client.get(sub_url(forum, "topic", topic.pk)).content.decode()
    moderation.perform("approve", reply, moderator)
    assert "定时定点投放" in public_client.get(sub_url(forum, "topic", topic.pk)).content.decode()


def test_a_message_and_the_bureaus_reply_appear_together_after_approval(public_client, board, moderator):
    data = topic_form(public_client, board, title="垃圾箱房改造", body="我们小区的垃圾箱房何时改造？")
    assert public_client.post(url(board), data).status_code == 302
    message = Post.objects.get(page=board)
    assert message.kind == PostKind.MESSAGE
    moderation.save_reply(message, moderator, "已转交所在街道，计划年内完成改造。")
    assert "垃圾箱房改造" not in public_client.get(url(board)).content.decode()
    moderation.perform("approve", message, moderator)
    page = public_client.get(url(board)).content.decode()
    assert "垃圾箱房改造" in page and "已转交所在街道，计划年内完成改造。" in page
    assert actions(message) == ["board.submit", "board.reply", "board.approve"]


def test_a_form_with_errors_keeps_the_input_and_says_what_is_wrong(public_client, forum):
    data = topic_form(public_client, forum, body="短", phone="12345")
    response = public_client.post(url(forum), data)
    assert response.status_code == 200
    doc = soup(response)
    assert doc.find("input", {"name": "title"})["value"] == "河道整治的建议"
    errors = doc.find(id="form-errors").get_text()
    assert "内容过短" in errors and "联系电话" in errors
    assert not Post.objects.filter(page=forum).exists()


def test_a_filled_honeypot_and_a_wrong_captcha_save_nothing(public_client, forum):
    response = public_client.post(url(forum), topic_form(public_client, forum, website="http://spam.example"))
    assert response.status_code == 200
    response = public_client.post(url(forum), topic_form(public_client, forum, captcha_1="WRONG"))
    assert "验证码不正确" in response.content.decode()
    assert not Post.objects.filter(page=forum).exists()


def test_posting_is_rate_limited_per_client(public_client, forum, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert public_client.post(url(forum), topic_form(public_client, forum)).status_code == 302
    response = public_client.post(url(forum), topic_form(public_client, forum))
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode()
    assert Post.objects.filter(page=forum).count() == 2


def test_user_text_is_escaped(public_client, forum, moderator):
    make_post(forum, moderator=moderator, title="<script>alert(1)</script>", body="<b>粗体</b>的内容写在这里")
    page = public_client.get(url(forum)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_form_pages_are_not_cached(public_client, forum):
    assert "no-store" in public_client.get(url(forum))["Cache-Control"]


# Flags ---------------------------------------------------------------------------------------


def flag(client, page, post, ip):
    return client.post(sub_url(page, "flag", post.pk), REMOTE_ADDR=ip)


def test_three_readers_flags_hide_a_post_pending_review(public_client, forum, moderator):
    topic = make_post(forum, moderator=moderator, title="被举报的主题")
    for n, ip in enumerate(["10.0.0.1", "10.0.0.2"], start=1):
        assert flag(public_client, forum, topic, ip).status_code == 302
        topic.refresh_from_db()
        assert topic.flag_count == n and topic.status == PostStatus.PUBLISHED
    assert "被举报的主题" in public_client.get(url(forum)).content.decode()

    flag(public_client, forum, topic, "10.0.0.3")
    topic.refresh_from_db()
    assert topic.status == PostStatus.HIDDEN and topic.auto_hidden and topic.flag_count == 3
    assert "被举报的主题" not in public_client.get(url(forum)).content.decode()
    assert public_client.get(sub_url(forum, "topic", topic.pk)).status_code == 404
    assert actions(topic)[-1] == "board.auto_hide"

    # The moderator reviews it: restored, the count starts afresh.
    topic = moderation.perform("restore", topic, moderator)
    assert topic.status == PostStatus.PUBLISHED and topic.flag_count == 0 and not topic.auto_hidden
    assert "被举报的主题" in public_client.get(url(forum)).content.decode()


def test_one_reader_flags_a_post_once(public_client, forum, moderator):
    topic = make_post(forum, moderator=moderator)
    for _ in range(4):
        flag(public_client, forum, topic, "10.0.0.9")
    topic.refresh_from_db()
    assert topic.flag_count == 1 and topic.status == PostStatus.PUBLISHED
    assert PostFlag.objects.filter(post=topic).count() == 1
    response = public_client.post(sub_url(forum, "flag", topic.pk), REMOTE_ADDR="10.0.0.9", follow=True)
    assert "您已举报过这条内容" in response.content.decode()


def test_flags_on_unpublished_posts_or_other_pages_are_refused(public_client, forum, board, moderator):
    pending = make_post(forum, "pending")
    assert moderation.flag(pending, "someone") == "closed"
    pending.refresh_from_db()
    assert pending.flag_count == 0
    message = make_post(board, moderator=moderator)
    assert public_client.post(sub_url(forum, "flag", message.pk)).status_code == 404
    assert public_client.get(sub_url(forum, "flag", pending.pk)).status_code == 405


def test_parallel_flags_hide_once_and_count_exactly(forum, moderator):
    import copy

    from django.db import connection

    from tests.helpers import committed, in_threads

    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are exercised on PostgreSQL; SQLite serialises them")
    page = ForumPage.objects.exclude(pk=forum.pk).first()  # committed (the session's demo tree)
    many = committed(lambda: make_post(page, title="并发举报测试"))
    once = committed(lambda: make_post(page, title="并发重复举报测试"))
    copies = [copy.copy(many) for _ in range(12)]  # each reader's own view of the published post
    try:
        outcomes = in_threads(lambda i: moderation.flag(copies[i], f"visitor-{i}"), 12)
        repeats = in_threads(lambda i: moderation.flag(copy.copy(once), "same-visitor"), 8)
        states = committed(lambda: dict(Post.objects.filter(pk__in=[many.pk, once.pk]).values_list("pk", "flag_count")))
        status = committed(lambda: Post.objects.get(pk=many.pk).status)
        hides = committed(lambda: ModelLogEntry.objects.for_instance(many).filter(action="board.auto_hide").count())
    finally:
        for post in (many, once):
            committed(lambda post=post: (ModelLogEntry.objects.for_instance(post).delete(), Post.objects.filter(pk=post.pk).delete()))
    assert outcomes == ["counted"] * 12
    assert sorted(repeats) == ["already"] * 7 + ["counted"]
    assert states == {many.pk: 12, once.pk: 1}
    assert status == PostStatus.HIDDEN
    assert hides == 1


# Sensitive words -----------------------------------------------------------------------------


def test_sensitive_words_are_named_to_the_moderator_never_to_the_poster(public_client, client, forum, moderator):
    SensitiveWord.objects.create(word="代办假证")
    SensitiveWord.objects.create(word="QQ群")
    data = topic_form(public_client, forum, title="优惠信息", body="加ｑｑ群了解详情，可以代办假证。")
    response = public_client.post(url(forum), data, follow=True)
    page = response.content.decode()
    assert "代办假证" not in page and "敏感" not in page

    post = Post.objects.get(page=forum)
    assert post.status == PostStatus.PENDING
    assert set(post.held_word_list) == {"QQ群", "代办假证"}

    client.force_login(moderator)
    review = client.get(reverse(Post.snippet_viewset.get_url_name("inspect"), args=[post.pk])).content.decode()
    assert "含敏感词" in review and "QQ群" in review and "代办假证" in review
    listing = client.get(reverse(Post.snippet_viewset.get_url_name("list")) + "?held=true").content.decode()
    assert "优惠信息" in listing


def test_matching_ignores_case_and_full_width():
    assert moderation.matched_words("这里有ＡＢＣ和", words=["abc", "无关"]) == ["abc"]
    assert moderation.matched_words("正常内容", words=["abc"]) == []


# Transitions and the admin -------------------------------------------------------------------


def test_illegal_moves_are_refused(forum, moderator):
    pending = make_post(forum, "pending")
    with pytest.raises(moderation.TransitionError):
        moderation.perform("restore", pending, moderator)
    with pytest.raises(moderation.TransitionError):
        moderation.perform("hide", pending, moderator)
    rejected = moderation.perform("reject", pending, moderator)
    with pytest.raises(moderation.TransitionError):
        moderation.perform("approve", rejected, moderator)
    with pytest.raises(moderation.TransitionError):
        moderation.save_reply(rejected, moderator, "论坛帖子没有答复")


def inspect(post):
    return reverse(Post.snippet_viewset.get_url_name("inspect"), args=[post.pk])


def move(post, name):
    return reverse(Post.snippet_viewset.get_url_name("moderate"), args=[post.pk, name])


def test_a_moderator_approves_hides_and_restores_in_the_admin(client, forum, moderator):
    post = make_post(forum, "pending", title="待审核的主题", phone=PHONE, email=EMAIL)
    client.force_login(moderator)
    listing = client.get(reverse(Post.snippet_viewset.get_url_name("list")) + "?status=pending").content.decode()
    assert "待审核的主题" in listing
    assert PHONE not in listing and "139****4321" in listing and EMAIL not in listing
    review = client.get(inspect(post)).content.decode()
    assert PHONE not in review and EMAIL not in review

    assert client.post(move(post, "approve"), {"reason": ""}).status_code == 302
    assert client.post(move(post, "hide"), {"reason": "内容有争议"}).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    entry = ModelLogEntry.objects.for_instance(post).get(action="board.hide")
    assert entry.user == moderator and entry.data == {"reason": "内容有争议"}
    assert "内容有争议" in client.get(inspect(post)).content.decode()
    # An illegal move from the admin is a message, not an error page.
    response = client.post(move(post, "approve"), follow=True)
    assert "不能审核通过" in response.content.decode()


def test_a_moderator_answers_a_message_in_the_admin(client, board, moderator):
    message = make_post(board, "pending")
    client.force_login(moderator)
    answer = reverse(Post.snippet_viewset.get_url_name("answer"), args=[message.pk])
    response = client.post(answer, {"answer": ""})
    assert "请填写答复内容" in response.content.decode()
    assert client.post(answer, {"answer": "感谢留言，已处理。"}).status_code == 302
    message.refresh_from_db()
    assert message.reply == "感谢留言，已处理。" and message.replied_at


def refused(response):
    """Wagtail answers a refused admin request with 403, or a redirect to the login page or (with
    a "no permission" message) to the dashboard; never with the page itself."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    )


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_a_stranger_cannot_moderate_by_typed_url(client, forum, board, moderator, stranger, who):
    post = make_post(forum, "pending", title="陌生人不能审核")
    message = make_post(board, "pending")
    if who == "stranger":
        client.force_login(stranger)
    viewset = Post.snippet_viewset
    for path in (reverse(viewset.get_url_name("list")), inspect(post), reverse(viewset.get_url_name("edit"), args=[post.pk])):
        response = client.get(path)
        assert refused(response)
        assert "陌生人不能审核" not in response.content.decode()
    for path, data in ((move(post, "approve"), {}), (reverse(viewset.get_url_name("answer"), args=[message.pk]), {"answer": "冒充答复"})):
        assert refused(client.post(path, data))
    post.refresh_from_db()
    message.refresh_from_db()
    assert post.status == PostStatus.PENDING and message.reply == ""
    assert actions(post) == ["board.submit"]


def test_a_viewer_without_change_rights_cannot_move_a_post(client, forum, stranger):
    from django.contrib.auth.models import Permission

    stranger.user_permissions.add(Permission.objects.get(codename="view_post", content_type__app_label="board"))
    post = make_post(forum, "pending")
    client.force_login(stranger)
    assert client.get(inspect(post)).status_code == 200
    assert refused(client.post(move(post, "approve")))
    post.refresh_from_db()
    assert post.status == PostStatus.PENDING


def test_nobody_adds_posts_in_the_admin(client):
    client.force_login(SuperuserFactory())
    assert refused(client.get(reverse(Post.snippet_viewset.get_url_name("add"))))


# Lists, pages, placeholders ------------------------------------------------------------------


def test_lists_take_a_fixed_number_of_queries(public_client, client, forum, board, moderator, django_assert_max_num_queries):
    topics = [make_post(forum, moderator=moderator, title=f"主题{i}") for i in range(4)]
    for topic in topics:
        for _ in range(3):
            make_post(forum, moderator=moderator, topic=topic)
    for _ in range(5):
        make_post(board, moderator=moderator)
    public_client.get(url(forum))  # warm the menus' cache

    def count(path, c=public_client):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert c.get(path).status_code == 200
        return len(ctx)

    few = count(url(forum))
    for topic in [make_post(forum, moderator=moderator, title=f"更多{i}") for i in range(5)]:
        make_post(forum, moderator=moderator, topic=topic)
    assert count(url(forum)) == few
    with django_assert_max_num_queries(few + 5):
        public_client.get(sub_url(forum, "topic", topics[0].pk))
    board_few = count(url(board))
    for _ in range(5):
        make_post(board, moderator=moderator)
    assert count(url(board)) == board_few

    client.force_login(moderator)
    listing = reverse(Post.snippet_viewset.get_url_name("list"))
    admin_few = count(listing, client)
    for _ in range(6):
        make_post(forum, "pending", phone=PHONE)
    assert count(listing, client) == admin_few


def test_lists_are_paginated(public_client, forum, moderator):
    for i in range(21):
        make_post(forum, moderator=moderator, title=f"分页主题{i:02d}")
    first = public_client.get(url(forum)).content.decode()
    assert "分页主题20" in first and "分页主题00" not in first
    assert "分页主题00" in public_client.get(url(forum) + "?page=2").content.decode()


def test_no_placeholder_of_these_services_is_left(public_home):
    left = SubColumnPage.objects.filter(kind=SubColumnPage.Kind.APP, app_type__in=["forum", "board", "interview"])
    assert not left.exists()
    for model, path in ((ForumPage, "hdjl/wslt"), (MessageBoardPage, "hdjl/lyb"), (InterviewIndexPage, "hdjl/zxft")):
        page = model.objects.get()
        assert page.url_path == f"{public_home.url_path}{path}/"
        assert page.live


def test_the_swapped_pages_keep_title_and_position(public_client, public_home):
    forum = ForumPage.objects.get()
    assert forum.title == "网上论坛"
    response = public_client.get(url(forum))
    assert response.status_code == 200
    assert "网上论坛" in soup(response).find("h1").get_text()


def test_the_review_page_warns_of_personal_data_in_the_text(client, forum, moderator):
    post = make_post(forum, "pending", body="有事请打我手机13812345678联系。")
    client.force_login(moderator)
    review = client.get(inspect(post)).content.decode()
    assert "内容中可能含有个人信息" in review and "138****5678" in review
