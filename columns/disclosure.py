"""Government information disclosure (政府信息公开) vocabulary and the 索引号 generator."""

from django.conf import settings
from django.db import models

from core.counters import next_value

# 主题分类: code -> name. The code is the middle part of every 索引号, so codes never change.
TOPICS = [
    ("zhzw", "综合政务"),
    ("hjbh", "环境保护"),
    ("srhw", "市容环卫"),
    ("lhly", "绿化林业"),
    ("slsw", "水利水务"),
    ("jtys", "交通运输"),
    ("cszj", "城市建设"),
    ("czzj", "财政资金"),
    ("ghjh", "规划计划"),
    ("xzzf", "行政执法"),
    ("xzxk", "行政许可"),
    ("rsxx", "人事信息"),
    ("kjjy", "科技教育"),
    ("flfg", "法律法规"),
    ("dqjs", "党群建设"),
    ("qt", "其他"),
]
TOPIC_NAMES = dict(TOPICS)


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    REVISED = "revised", "已修订"
    REPEALED = "repealed", "已废止"


def org_code():
    return getattr(settings, "GOV_ORG_CODE", "11310115MB2F36455H")


def next_index_number(topic, year):
    """Reserve and return the next 索引号 for a topic and year: ``org/topic/year-NNNNN``."""
    prefix = f"{org_code()}/{topic or 'qt'}/{year}"
    return f"{prefix}-{next_value(prefix):05d}"
