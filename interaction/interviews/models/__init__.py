"""The models of interviews. The order matters: question.py imports no other module of this app;
pages.py (the sub-column and interview pages, which serve their own routes) comes last and imports
questions.py, which takes its models from question.py."""

from .question import Question, QuestionStatus
from .pages import (
    ARCHIVE,
    LIVE,
    PHASE_LABELS,
    UPCOMING,
    InterviewIndexPage,
    InterviewPage,
    phase_at,
)

__all__ = [
    "ARCHIVE",
    "LIVE",
    "PHASE_LABELS",
    "UPCOMING",
    "InterviewIndexPage",
    "InterviewPage",
    "Question",
    "QuestionStatus",
    "phase_at",
]
