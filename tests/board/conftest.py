"""Fixtures of the forum, message board and interview tests: pages of their own under a fresh
column (so demo posts never get in the way), a moderator and a stranger."""

import re

import pytest
from bs4 import BeautifulSoup
from captcha.models import CaptchaStore

from interaction.board.roles import MODERATOR_GROUP, setup_board_roles
from interaction.interviews.roles import setup_interview_roles
from tests.factories import (
    ColumnFactory,
    ForumPageFactory,
    InterviewIndexPageFactory,
    MessageBoardPageFactory,
    StaffFactory,
)


@pytest.fixture
def column(public_home):
    return ColumnFactory(parent=public_home)


@pytest.fixture
def forum(column):
    return ForumPageFactory(parent=column)


@pytest.fixture
def board(column):
    return MessageBoardPageFactory(parent=column)


@pytest.fixture
def interview_index(column):
    return InterviewIndexPageFactory(parent=column)


@pytest.fixture
def moderator(db):
    setup_board_roles()
    setup_interview_roles()
    return StaffFactory(username="board_moderator", groups=[MODERATOR_GROUP])


@pytest.fixture
def stranger(db):
    """Staff with admin access and no moderation rights."""
    return StaffFactory(username="board_stranger")


def url(page):
    return page.get_url_parts()[2]


def sub_url(page, name, *args):
    return url(page) + page.reverse_subpage(name, args=args).lstrip("/")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def solve_captcha(client, path):
    page = client.get(path).content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
