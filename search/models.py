"""The search log: per day, scope and normalised query, how often it was searched, how many
results it found and how often a result was opened. No user, no IP, no time of day."""

from django.db import models


class SearchQueryDay(models.Model):
    class Scope(models.TextChoices):
        PUBLIC = "public", "浦东环境网"
        INTRANET = "intranet", "局内网"

    date = models.DateField("日期", db_index=True)
    scope = models.CharField("站点", max_length=10, choices=Scope.choices)
    query = models.CharField("搜索词", max_length=100)
    searches = models.PositiveIntegerField("搜索次数", default=0)
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
