"""Demo content of the column tree (app `columns`): articles in every list sub-column, single pages,
leaders, topic banners, and the home page blocks pointing at their columns. Idempotent: existing
content is kept, gaps are filled."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page

from columns.disclosure import TOPIC_NAMES, Validity
from columns.models import ArticleAttachment, ArticlePage, ColumnPage, LeadersPage, SubColumnPage
from columns.roles import site_collections

from . import corpus
from .media import make_form_document, make_image, make_pdf_document
from .registry import step
from .text import richtext

ARTICLES_PER_LIST = 5
# Busy sub-columns get enough items to show pagination (20 a page).
BUSY_SUB_COLUMN_WORDS = ("工作动态", "通知公告", "局内动态", "基层动态", "媒体报道")
ARTICLES_PER_BUSY_LIST = 24
DEMO_MONTHS = 18
COVER_IMAGE_COUNT = 12
SEED = "pudong-2026"

LEADERS = [
    ("王建国", "男", 1968, "局长、党组书记", "主持局全面工作，分管办公室、组织人事处、计划财务处。"),
    ("李慧敏", "女", 1972, "副局长", "分管污染防治处、建设项目环境管理处、环境监测站、环境监察支队。"),
    ("陈志强", "男", 1970, "副局长", "分管市容环卫管理处、环境卫生管理署、废弃物管理署、渣土管理署。"),
    ("赵丽华", "女", 1975, "副局长", "分管政策法规处、宣传教育处、环境科技信息管理中心。"),
    ("刘海涛", "男", 1969, "纪检组长", "负责党风廉政建设和纪检监察工作，分管纪检监察室。"),
]


def _is_busy(sub):
    return any(word in sub.title for word in BUSY_SUB_COLUMN_WORDS)


def _dates(count, rng, now):
    """Publication times spread over the last DEMO_MONTHS months, newest first, in office hours."""
    span_days = DEMO_MONTHS * 30
    days = sorted((rng.randint(0, span_days) for _ in range(count)))
    result = []
    for day in days:
        moment = timezone.localtime(now - timedelta(days=day))
        moment = moment.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0, microsecond=0)
        result.append(min(moment, now))
    return result


class DemoMedia:
    """Images and documents made on first use and reused afterwards; each site's files in its
    own collection (columns.roles: 浦东环境网 public, 局内网 for logged-in staff only)."""

    COVER_TITLES = {"public": "演示图片", "intranet": "局内网演示图片"}

    def __init__(self):
        public, intranet = site_collections()
        self.collections = {"public": public, "intranet": intranet}
        self.covers = {
            site: list(Image.objects.filter(title__startswith=prefix, collection=self.collections[site]).order_by("id"))
            for site, prefix in self.COVER_TITLES.items()
        }

    def collection(self, site):
        return self.collections[site]

    def cover(self, index, site="public"):
        covers = self.covers[site]
        while len(covers) < COVER_IMAGE_COUNT:
            n = len(covers) + 1
            prefix = self.COVER_TITLES[site]
            seed = f"cover-{n}" if site == "public" else f"{site}-cover-{n}"
            covers.append(make_image(f"{prefix}{n:02d}", seed=seed, collection=self.collections[site]))
        return covers[index % len(covers)]


def _attachments_for(sub, article, rng, collection):
    title = sub.title
    if "表格" in title or "下载" in title:
        name = article.title.replace("《", "").replace("》", "").replace("下载", "")
        return [make_form_document(name, ["申请单位（盖章）", "统一社会信用代码", "联系人", "联系电话", "申请事项", "申请理由", "附件材料清单", "申请日期"], seed=article.title, collection=collection)]
    if rng.random() < 0.12:
        return [make_pdf_document(f"{article.title}（全文）", seed=article.title, collection=collection)]
    return []


def fill_list_sub_column(sub, media, now, column_title, site):
    """Create articles until the sub-column has its demo quota; return how many were created."""
    target = ARTICLES_PER_BUSY_LIST if _is_busy(sub) else ARTICLES_PER_LIST
    existing = ArticlePage.objects.child_of(sub).count()
    if existing >= target:
        return 0
    missing = target - existing
    rng = random.Random(f"{SEED}|{sub.url_path}")
    drafts = corpus.make_articles(column_title, sub.title, target, seed=SEED, site=site)
    existing_titles = set(ArticlePage.objects.child_of(sub).values_list("title", flat=True))
    drafts = [d for d in drafts if d.title not in existing_titles][:missing]
    in_disclosure = sub.url_path.split("/")[2] == "xxgk" if site == "public" else False
    created = 0
    for draft, pub_date in zip(drafts, _dates(len(drafts), rng, now), strict=False):
        body = [("paragraph", richtext(draft.paragraphs))]
        validity = Validity.VALID
        if draft.doc_number and rng.random() < 0.1:
            validity = rng.choice([Validity.REVISED, Validity.REPEALED])
        article = ArticlePage(
            title=draft.title,
            subtitle=draft.subtitle,
            pub_date=pub_date,
            source=draft.source,
            author=draft.author,
            summary=draft.summary,
            body=body,
            cover_image=media.cover(rng.randint(0, 1000), site) if rng.random() < 0.3 else None,
            in_catalogue=in_disclosure or bool(draft.doc_number and site == "public"),
            publisher=sub.department,
            doc_number=draft.doc_number,
            topic=draft.topic if draft.topic in TOPIC_NAMES else "zhzw",
            generated_date=timezone.localtime(pub_date).date(),
            validity=validity,
            live=True,
            first_published_at=pub_date,
            last_published_at=pub_date,
        )
        if draft.keywords:
            article.tags.add(*draft.keywords)  # in memory; saved with the page
        article = sub.add_child(instance=article)
        for i, doc in enumerate(_attachments_for(sub, article, rng, media.collection(site))):
            ArticleAttachment.objects.create(page=article, document=doc, sort_order=i)
        created += 1
    return created


def fill_single_page(sub, column_title):
    if sub.body:
        return False
    paragraphs = [
        sub.description or sub.title,
        f"本栏目由{sub.department.name if sub.department_id else '局办公室'}负责维护，内容随工作进展及时更新。"
        f"如对“{sub.title}”有疑问，可通过“{column_title}”栏目公布的联系方式与我们联系。",
    ]
    sub.body = [("paragraph", richtext(paragraphs))]
    sub.save_revision().publish()
    return True


def fill_leaders(page, media, site="public"):
    if page.leaders.exists():
        return False
    for order, (name, gender, born, position, duties) in enumerate(LEADERS):
        page.leaders.create(
            name=name,
            position=position,
            duties=duties,
            photo=make_image(f"领导照片-{name}", seed=f"leader-{name}", kind="portrait", collection=media.collection(site)),
            cv=(
                f"<p>{name}，{gender}，汉族，{born}年生，中共党员，研究生学历。</p>"
                f"<p>历任浦东新区有关委办局科长、处长、副局长等职，现任浦东新区环境保护和市容卫生管理局{position}。</p>"
            ),
            sort_order=order,
        )
    page.save_revision().publish()
    return True


def fill_topic_banners(column, media):
    """Topic specials (专题专辑) get banner images."""
    changed = 0
    for i, sub in enumerate(column.get_children().specific()):
        if getattr(sub, "banner_image_id", 1) is None:
            sub.banner_image = media.cover(i + 3)
            sub.save_revision().publish()
            changed += 1
    return changed


@transaction.atomic
def load_columns_demo(public_home, intranet_home, log):
    now = timezone.now()
    media = DemoMedia()
    total = 0
    for site, home in (("public", public_home), ("intranet", intranet_home)):
        for column in ColumnPage.objects.child_of(home).order_by("path"):
            for sub in column.get_children().specific():
                if isinstance(sub, SubColumnPage) and sub.kind == SubColumnPage.Kind.LIST:
                    total += fill_list_sub_column(sub, media, now, column.title, site)
                elif isinstance(sub, SubColumnPage) and sub.kind == SubColumnPage.Kind.SINGLE:
                    fill_single_page(sub, column.title)
                elif isinstance(sub, LeadersPage):
                    fill_leaders(sub, media, site)
            if site == "public" and column.slug == "ztzj":
                fill_topic_banners(column, media)
    log.append(f"创建演示信息 {total} 条")
    return total


def configure_home_blocks(public_home, intranet_home):
    """Point the home page blocks at their columns when the editor has not chosen yet."""

    def find(home, path):
        return Page.objects.filter(url_path=f"{home.url_path}{path}/").first()

    public_sources = {
        "headline_source": "gzdt",
        "news_source": "gzdt",
        "notice_source": "gzdt/tzgg",
        "disclosure_source": "xxgk",
        "interaction_source": "hdjl",
        "topics_source": "ztzj",
        "services_source": "bsfw",
        "quality_source": "hjzl",
    }
    intranet_sources = {
        "notice_source": "tzgg",
        "news_source": "jndt",
        "units_source": "jcdt",
        "resources_source": "zlzx",
    }
    for home, sources in ((public_home, public_sources), (intranet_home, intranet_sources)):
        changed = False
        for field, path in sources.items():
            if getattr(home, f"{field}_id") is None:
                target = find(home, path)
                if target is not None:
                    setattr(home, field, target)
                    changed = True
        if changed:
            home.save_revision().publish()


@step(40, "栏目演示信息")
def articles_step(context):
    load_columns_demo(context.public_home, context.intranet_home, context.log)


@step(60, "首页区块")
def home_blocks_step(context):
    configure_home_blocks(context.public_home.specific, context.intranet_home.specific)
