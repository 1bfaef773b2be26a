"""The models of the board. The order matters: post.py imports no other module of this app;
pages.py (the public pages, which serve their own routes) comes last and imports moderation.py,
which takes its models from post.py."""

from .post import Post, PostFlag, PostKind, PostQuerySet, PostStatus, SensitiveWord
from .pages import BOARD_PAGE_MODELS, BoardPageBase, ForumPage, MessageBoardPage

__all__ = [
    "BOARD_PAGE_MODELS", "BoardPageBase", "ForumPage", "MessageBoardPage",
    "Post", "PostFlag", "PostKind", "PostQuerySet", "PostStatus", "SensitiveWord",
]
