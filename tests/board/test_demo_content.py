"""What load_demo promises for the forum, the message board and the interviews: nothing empty."""

import pytest

from demo.board import load_board_demo, load_interviews_demo
from interaction.board.models import ForumPage, MessageBoardPage, Post, PostKind, PostStatus, SensitiveWord
from interaction.interviews.models import ARCHIVE, LIVE, UPCOMING, InterviewPage, Question, QuestionStatus

pytestmark = pytest.mark.django_db


def test_the_demo_fills_forum_board_and_queue():
    forum, board = ForumPage.objects.get(), MessageBoardPage.objects.get()
    topics = Post.objects.filter(page=forum, kind=PostKind.TOPIC, status=PostStatus.PUBLISHED)
    assert topics.count() >= 5
    assert Post.objects.filter(topic__in=topics, status=PostStatus.PUBLISHED).count() >= 10
    messages = Post.objects.filter(page=board, status=PostStatus.PUBLISHED)
    assert messages.exclude(reply="").count() >= 5
    assert {s for s in Post.objects.values_list("status", flat=True)} == set(PostStatus.values)
    assert Post.objects.filter(status=PostStatus.HIDDEN, auto_hidden=True).exists()
    assert Post.objects.filter(status=PostStatus.PENDING).exclude(held_words="").exists()
    assert SensitiveWord.objects.exists()


def test_the_demo_has_interviews_in_every_phase_with_questions():
    phases = {page.phase(): page for page in InterviewPage.objects.live()}
    assert set(phases) == {UPCOMING, LIVE, ARCHIVE}
    assert Question.objects.filter(interview=phases[ARCHIVE], status=QuestionStatus.PUBLISHED).exclude(answer="").exists()
    assert Question.objects.filter(interview=phases[UPCOMING], status=QuestionStatus.PENDING).exists()


def test_a_second_run_adds_nothing():
    posts, questions = Post.objects.count(), Question.objects.count()
    assert load_board_demo([]) == 0 and load_interviews_demo([]) == 0
    assert (Post.objects.count(), Question.objects.count()) == (posts, questions)
