"""The board's and interviews' stats for the monitoring centre, and what site search finds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interaction.board import moderation
from interaction.board import stats as board_stats
from interaction.board.models import SensitiveWord
from interaction.interviews import stats as interview_stats
from tests.factories import InterviewPageFactory, make_post, make_question

pytestmark = pytest.mark.django_db


def test_board_stats_count_the_period(forum, board, moderator):
    today = timezone.localdate()
    before = board_stats.board_stats(today, today)
    SensitiveWord.objects.create(word="测试违禁词")
    make_post(forum, moderator=moderator)
    held = make_post(forum, "pending", body="测试违禁词广告的内容")
    make_post(board, "rejected", moderator=moderator)
    moderation.flag(make_post(forum, moderator=moderator), "v1")
    moderation.perform("reject", held, moderator)
    after = board_stats.board_stats(today, today)
    assert after["received"]["total"] - before["received"]["total"] == 4
    assert after["received"]["topic"] - before["received"]["topic"] == 3
    assert after["received"]["held"] - before["received"]["held"] == 1
    assert after["moderation"]["approve"] - before["moderation"]["approve"] == 2
    assert after["moderation"]["reject"] - before["moderation"]["reject"] == 2
    assert after["flags"] - before["flags"] == 1
    yesterday = today - timedelta(days=1)
    assert board_stats.posts_received(yesterday, yesterday)["total"] == board_stats.posts_received(yesterday, yesterday)["total"]
    far = today + timedelta(days=400)
    assert board_stats.board_stats(far, far)["received"]["total"] == 0


def test_interview_stats(interview_index, moderator):
    today = timezone.localdate()
    before = interview_stats.interview_stats(today, today)
    interview = InterviewPageFactory(parent=interview_index, starts_at=timezone.now() + timedelta(minutes=5))
    make_question(interview, "published", moderator=moderator)
    make_question(interview)
    after = interview_stats.interview_stats(today, today)
    assert after["questions"]["asked"] - before["questions"]["asked"] == 2
    assert after["questions"]["published"] - before["questions"]["published"] == 1
    assert after["interviews"] - before["interviews"] == (1 if timezone.localdate(interview.starts_at) == today else 0)


def test_search_finds_published_topics_only(public_client, moderator):
    from interaction.board.models import ForumPage

    forum = ForumPage.objects.get()  # the live public forum: search sources list live pages only
    make_post(forum, moderator=moderator, title="臭氧层保护倡议", body="保护臭氧层从我做起。")
    make_post(forum, "pending", title="臭氧层待审帖子", body="不应被搜到的臭氧层内容。")
    response = public_client.get("/search/", {"q": "臭氧层", "format": "json"})
    titles = [r["title"] for r in response.json()["results"]]
    assert "臭氧层保护倡议" in titles
    assert "臭氧层待审帖子" not in titles
