"""The rules of interview questions: a visitor asks (until the interview ends), staff record the
guest's answer, then publish the question with it, or decline it. Every change is audit-logged.
The sensitive-word check is the board's (interaction.board.moderation)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from interaction.board.moderation import WORD_SEPARATOR, matched_words

from .models.question import Question, QuestionStatus


class QuestionError(ValueError):
    """The move is not allowed now; the message says why (Chinese)."""


# name: (allowed sources, target, label)
TRANSITIONS = {
    "publish": ({QuestionStatus.PENDING}, QuestionStatus.PUBLISHED, "发布问答"),
    "reject": ({QuestionStatus.PENDING}, QuestionStatus.REJECTED, "不予采用"),
    "withdraw": ({QuestionStatus.PUBLISHED}, QuestionStatus.PENDING, "撤回问答"),
}


def ask(interview, *, nickname, body, phone="", email="", ip_hash=""):
    """A visitor's question, pending review."""
    if not interview.accepts_questions:
        raise QuestionError("本期访谈已经结束，不再征集问题。")
    held = WORD_SEPARATOR.join(matched_words(body, nickname))[:255]
    with transaction.atomic():
        question = Question.objects.create(
            interview=interview, nickname=nickname, body=body, phone=phone, email=email, ip_hash=ip_hash, held_words=held,
        )
        log(instance=question, action="interviews.ask", user=None, data={"held": bool(held)})
    return question


def save_answer(question, user, text):
    text = (text or "").strip()
    if not text:
        raise QuestionError("请填写嘉宾答复。")
    with transaction.atomic():
        current = Question.objects.select_for_update().get(pk=question.pk)
        action = "interviews.edit_answer" if current.answer else "interviews.answer"
        current.answer = text
        current.answered_at = timezone.now()
        current.answered_by = user
        current.save(update_fields=["answer", "answered_at", "answered_by"])
        log(instance=current, action=action, user=user)
    return current


def perform(name, question, user, reason=""):
    if name not in TRANSITIONS:
        raise QuestionError("未知的操作。")
    sources, target, label = TRANSITIONS[name]
    with transaction.atomic():
        current = Question.objects.select_for_update().get(pk=question.pk)
        if current.status not in sources:
            raise QuestionError(f"“{current.get_status_display()}”的问题不能{label}。")
        if name == "publish" and not current.answer.strip():
            raise QuestionError("请先录入嘉宾答复，再发布问答。")
        current.status = target
        fields = ["status"]
        if name == "publish":
            current.published_at = timezone.now()
            fields.append("published_at")
        current.save(update_fields=fields)
        log(instance=current, action=f"interviews.{name}", user=user, data={"reason": reason} if reason else {})
    return current
