"""The public's questions to an interview. A question names its interview by label, so this
module imports no page and questions.py (the moderation rules) takes its models from here while
the page module (pages.py, loaded after this one) imports questions.py."""

from django.conf import settings
from django.db import models


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    REJECTED = "rejected", "不予采用"


class Question(models.Model):
    interview = models.ForeignKey("interviews.InterviewPage", verbose_name="访谈", on_delete=models.CASCADE, related_name="questions")
    nickname = models.CharField("昵称", max_length=30)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    ip_hash = models.CharField("来源地址摘要", max_length=64, blank=True, editable=False)
    body = models.TextField("问题")
    status = models.CharField("状态", max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING)
    held_words = models.CharField("命中的敏感词", max_length=255, blank=True, editable=False)
    answer = models.TextField("嘉宾答复", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField("提问时间", auto_now_add=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "访谈提问"
        verbose_name_plural = "访谈提问"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["interview", "status", "published_at"], name="interview_q_public_idx"),
            models.Index(fields=["status", "-created_at"], name="interview_q_queue_idx"),
        ]

    def __str__(self):
        text = self.body.strip().replace("\n", " ")
        return text[:30] + ("…" if len(text) > 30 else "")

    @property
    def held_word_list(self):
        return [w for w in self.held_words.split("、") if w]
