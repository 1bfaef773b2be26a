from django.db import models


class RateLimitCounter(models.Model):
    """Submissions from one client (hashed IP) to one scope within one fixed time window.

    Rows are incremented atomically in the database so the limit holds across worker processes
    and hosts; expired rows are pruned when new windows open (see ratelimit.py).
    """

    scope = models.CharField("范围", max_length=64)
    ip_hash = models.CharField("来源地址摘要", max_length=64)
    window_start = models.DateTimeField("时间窗开始")
    expires_at = models.DateTimeField("时间窗结束", db_index=True)
    count = models.PositiveIntegerField("提交次数", default=0)

    class Meta:
        verbose_name = "提交频率计数"
        verbose_name_plural = "提交频率计数"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "ip_hash", "window_start"], name="protection_ratelimit_unique_window"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.ip_hash[:8]} {self.window_start:%Y-%m-%d %H:%M} ×{self.count}"
