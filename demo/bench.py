"""The search benchmark of `make bench-search`: a year of articles, a full reindex, and warm
two-word Chinese queries through the same code as the results page.

Used only by the bench_search command, against a database of its own. Benchmark tooling, not
product code: it lives in the demo app next to the corpus it extends (search never imports demo)."""

import random
import statistics
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.test import Client, RequestFactory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from columns.models import ArticlePage, ColumnPage, SubColumnPage
from core.sites import is_intranet_site
from search.engine import DATE, options, run_search, suggest_titles
from search.scopes import scope_for_request

from . import corpus
from .text import richtext

# Two-word queries as visitors type them: common subjects (thousands of hits) and rarer ones.
QUERIES = [
    "垃圾 分类", "河道 整治", "环境 监测", "噪声 污染", "大气 污染", "绿化 养护", "执法 检查",
    "信息 公开", "道路 保洁", "渣土 运输", "排污 许可", "空气 质量", "危险 废物", "公共 厕所",
    "政府 采购", "工作 会议", "浦东 环境", "志愿者 活动", "安全 生产", "湿垃圾 资源化",
]
SEED = "bench-search"


def list_sub_columns():
    """(sub-column, column title, site key) for every list sub-column of both sites."""
    result = []
    for site in Site.objects.select_related("root_page").order_by("-is_default_site", "id"):
        site_key = "intranet" if is_intranet_site(site) else "public"
        home = site.root_page
        for column in ColumnPage.objects.child_of(home).order_by("path"):
            for sub in SubColumnPage.objects.child_of(column).filter(kind=SubColumnPage.Kind.LIST).order_by("path"):
                result.append((sub, column.title, site_key))
    return result


@transaction.atomic
def add_articles(count, log=print):
    """Add `count` live articles spread over every list sub-column, published over the last
    year, with rows written in bulk (no revisions, no per-page signals: the index is rebuilt
    afterwards in one go)."""
    subs = list_sub_columns()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    rng = random.Random(SEED)
    now = timezone.now()
    per_sub = -(-count // len(subs))
    created = 0
    article_fields = [f for f in ArticlePage._meta.local_concrete_fields]
    for n, (sub, column_title, site_key) in enumerate(subs):
        wanted = min(per_sub, count - created)
        if wanted <= 0:
            break
        sub.refresh_from_db(fields=["numchild"])
        drafts = corpus.make_articles(column_title, sub.title, wanted, seed=f"{SEED}|{n}", site=site_key)
        pages, articles = [], []
        for i, draft in enumerate(drafts):
            position = sub.numchild + i + 1
            pub_date = now - timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
            slug = f"b{position}"
            pages.append(
                Page(
                    title=draft.title,
                    draft_title=draft.title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(sub.path, sub.depth + 1, position),
                    depth=sub.depth + 1,
                    numchild=0,
                    url_path=f"{sub.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=pub_date,
                    last_published_at=pub_date,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
            articles.append(
                ArticlePage(
                    subtitle=draft.subtitle,
                    pub_date=pub_date,
                    source=draft.source,
                    author=draft.author,
                    summary=draft.summary,
                    body=[("paragraph", richtext(draft.paragraphs))],
                    in_catalogue=bool(draft.doc_number) and site_key == "public",
                    publisher_id=sub.department_id,
                    doc_number=draft.doc_number,
                    topic=draft.topic,
                    generated_date=timezone.localtime(pub_date).date(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=500)
        for page, article in zip(pages, articles, strict=True):
            article.page_ptr_id = page.pk
        # Only the ArticlePage table: the Page rows exist already (bulk_create cannot do
        # multi-table inheritance in one go).
        for start in range(0, len(articles), 500):
            ArticlePage.objects._insert(articles[start : start + 500], fields=article_fields)
        Page.objects.filter(pk=sub.pk).update(numchild=F("numchild") + len(pages))
        created += len(pages)
        if n % 50 == 0:
            log(f"  已生成 {created} 条")
    return created


def refresh_statistics():
    """What autovacuum / `PRAGMA optimize` do on a live site: fresh planner statistics, and on
    PostgreSQL no dead rows left by the reindex's upserts."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("wagtailsearch_indexentry", "wagtailcore_page", "columns_articlepage"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")


def percentile(samples, pct):
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_queries(run, queries=QUERIES, rounds=5):
    """Milliseconds per call of run(query): one warm-up pass, then `rounds` passes."""
    for query in queries:
        run(query)
    samples = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
    return {
        "n": len(samples),
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "max": max(samples),
        "mean": statistics.fmean(samples),
    }


def _public_request(factory, path="/search/"):
    request = factory.get(path, HTTP_HOST=settings.PUBLIC_HOSTNAME)
    request.user = AnonymousUser()
    request.session = {}
    return request


def measure(rounds=5):
    """[(label, stats)]: the public search's first page through the engine (count, ranking,
    snippets) by relevance and by date, the whole results page over HTTP, and suggestions."""
    factory = RequestFactory()
    client = Client(HTTP_HOST=settings.PUBLIC_HOSTNAME)

    def engine(query):
        run_search(options(query), scope_for_request(_public_request(factory)))

    def engine_by_date(query):
        run_search(options(query, sort=DATE), scope_for_request(_public_request(factory)))

    def page(query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, response.status_code

    def suggest(query):
        suggest_titles(query.split()[0][:2], scope_for_request(_public_request(factory)))

    return [
        ("首页结果（按相关度，检索+计数+摘要高亮）", time_queries(engine, rounds=rounds)),
        ("首页结果（按时间）", time_queries(engine_by_date, rounds=rounds)),
        ("完整结果页 /search/（HTTP，含模板与搜索日志）", time_queries(page, rounds=rounds)),
        ("输入提示 /search/suggest/", time_queries(suggest, rounds=rounds)),
    ]
