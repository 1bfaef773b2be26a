"""The search log: per day, scope and normalised query, how often it was searched, by how many
distinct visitors, how many results it found and how often a result was opened. No user, no
IP, no time of day. The block list keeps terms out of the suggestions shown to visitors."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


class SearchQueryDay(models.Model):
    class Scope(models.TextChoices):
        PUBLIC = "public", "浦东环境网"
        INTRANET = "intranet", "局内网"

    date = models.DateField("日期", db_index=True)
    scope = models.CharField("站点", max_length=10, choices=Scope.choices)
    query = models.CharField("搜索词", max_length=100)
    searches = models.PositiveIntegerField("搜索次数", default=0)
    visitors = models.PositiveIntegerField("访客数", default=0, help_text="当天搜索过该词的不同访客数")
    zero_result_searches = models.PositiveIntegerField("无结果次数", default=0)
    results_total = models.PositiveBigIntegerField("结果数合计", default=0)
    clicks = models.PositiveIntegerField("结果点击次数", default=0)

    class Meta:
        verbose_name = "搜索词日统计"
        verbose_name_plural = "搜索词日统计"
        constraints = [models.UniqueConstraint(fields=["date", "scope", "query"], name="search_query_day_unique")]
        indexes = [models.Index(fields=["scope", "date"], name="search_query_day_scope_date")]

    def __str__(self):
        return f"{self.date} {self.get_scope_display()} {self.query}"

    @property
    def average_results(self):
        return self.results_total / self.searches if self.searches else 0


class SearchVisitorDay(models.Model):
    """Who searched what today, to count distinct visitors: a keyed hash of address and browser
    whose key changes every day (log.visitor_id), never the address itself. Rows of past days
    are useless (their key is gone from use) and are deleted the next day."""

    date = models.DateField("日期")
    scope = models.CharField("站点", max_length=10, choices=SearchQueryDay.Scope.choices)
    query = models.CharField("搜索词", max_length=100)
    visitor = models.CharField("访客（当日散列）", max_length=32)

    class Meta:
        verbose_name = "搜索访客（当日）"
        verbose_name_plural = "搜索访客（当日）"
        constraints = [
            models.UniqueConstraint(fields=["date", "scope", "query", "visitor"], name="search_visitor_day_unique")
        ]
        indexes = [models.Index(fields=["date"], name="search_visitor_day_date")]


def normalise_term(value):
    """Queries are logged folded and in lower case; block-list terms are compared the same way."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value or "").lower()).strip()


class BlockedSearchTerm(models.Model):
    """A word the site never suggests (大家都在搜), e.g. abuse, a name, a rumour. A logged query
    containing the term anywhere is left out; the monitoring statistics still count it."""

    term = models.CharField("屏蔽词", max_length=50, unique=True, help_text="搜索词中含有该词（不区分大小写、全角半角）即不作为推荐显示")
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", default=timezone.now, editable=False)

    panels = [FieldPanel("term"), FieldPanel("note")]

    class Meta:
        verbose_name = "搜索屏蔽词"
        verbose_name_plural = "搜索屏蔽词"
        ordering = ["term"]

    def __str__(self):
        return self.term

    def clean(self):
        self.term = normalise_term(self.term)
        if not self.term:
            raise ValidationError({"term": "请填写要屏蔽的词。"})
        if BlockedSearchTerm.objects.exclude(pk=self.pk).filter(term=self.term).exists():
            raise ValidationError({"term": "该词已在屏蔽词中。"})
