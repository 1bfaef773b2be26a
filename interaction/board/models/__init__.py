from .pages import BOARD_PAGE_MODELS, BoardPageBase, ForumPage, MessageBoardPage
from .post import Post, PostFlag, PostKind, PostQuerySet, PostStatus, SensitiveWord

__all__ = [
    "BOARD_PAGE_MODELS", "BoardPageBase", "ForumPage", "MessageBoardPage",
    "Post", "PostFlag", "PostKind", "PostQuerySet", "PostStatus", "SensitiveWord",
]
