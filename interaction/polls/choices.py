"""Who may vote and when the results show: the choices of a poll page's fields, in a module of
their own so the rules read them without importing the page module."""

from django.db import models


class Access(models.TextChoices):
    ANONYMOUS = "anonymous", "公开投票（每个浏览器一票，并限制同一网络地址的票数）"
    LOGIN = "login", "登录后投票（每个账号一票）"


class ResultsShown(models.TextChoices):
    AFTER_VOTE = "after_vote", "投票后可见"
    AFTER_CLOSE = "after_close", "投票结束后公布"
    STAFF = "staff", "仅工作人员可见"
