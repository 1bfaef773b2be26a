"""What happened in 在线访谈 in a period, for the monitoring centre (plain functions of dates, end inclusive)."""

from django.db.models import Count, Q

from interaction.board.stats import day_bounds

from .models import InterviewPage, Question, QuestionStatus


def interviews_held(start, end):
    """Live interviews that started in the period."""
    lo, hi = day_bounds(start, end)
    return InterviewPage.objects.live().filter(starts_at__gte=lo, starts_at__lt=hi).count()


def questions_stats(start, end):
    """Questions asked in the period, and how many of them are published / declined / waiting."""
    lo, hi = day_bounds(start, end)
    return Question.objects.filter(created_at__gte=lo, created_at__lt=hi).aggregate(
        asked=Count("id"),
        published=Count("id", filter=Q(status=QuestionStatus.PUBLISHED)),
        rejected=Count("id", filter=Q(status=QuestionStatus.REJECTED)),
        pending=Count("id", filter=Q(status=QuestionStatus.PENDING)),
        held=Count("id", filter=~Q(held_words="")),
    )


def interview_stats(start, end):
    return {"interviews": interviews_held(start, end), "questions": questions_stats(start, end)}
