"""What the site search searches: pages, and "sources" of other indexed models.

A source says which objects of an indexed model a scope may find and how one becomes a
result. Sources are registered with the Wagtail hook ``register_search_source``; an app adds
one in its wagtail_hooks.py, e.g. the published replies of the interaction app::

    from wagtail import hooks
    from search.sources import TYPE_REPLY, SearchHit, SearchSource

    @hooks.register("register_search_source")
    def case_replies():
        from interaction.cases.models import Case

        return SearchSource(
            key="cases",
            type=TYPE_REPLY,                                   # 互动答复
            scopes=("public", "intranet"),
            queryset=lambda scope: Case.objects.published(),  # only what this scope may read
            date_field="replied_at",
            to_hit=lambda case, scope: SearchHit(
                title=case.public_title or case.title,
                url=...,                                       # the case's public page
                text=f"{case.public_content} {case.reply}",    # the snippet is cut from this
                published=case.replied_at,
                column="互动交流",
            ),
        )

The model must be indexed (index.Indexed with search_fields), so Wagtail keeps it in the
search index; the queryset decides visibility, so an unpublished or private item never reaches
a result or a count. What is *matched* is what the model's search_fields index: for anything
shown to the public, index the published (masked) text, not the original submission, or a
query for a name or a phone number could find an item whose public text does not show it.
An OA source does the same with scopes=("intranet",) and a queryset of what scope.user may open.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from django.conf import settings
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Collection, Page

from columns.models import ArticlePage

from . import scopes

TYPE_INFO = "信息"
TYPE_CATALOGUE = "公开目录"
TYPE_REPLY = "互动答复"
TYPE_FILE = "文件"
TYPES = (TYPE_INFO, TYPE_CATALOGUE, TYPE_REPLY, TYPE_FILE)

HOOK_NAME = "register_search_source"


@dataclass
class SearchHit:
    """One found object, before highlighting: plain text throughout."""

    title: str
    url: str
    text: str = ""  # the text a snippet is cut from
    published: datetime | date | None = None
    column: str = ""
    type: str = ""


@dataclass(frozen=True)
class SearchSource:
    key: str
    type: str  # the result type shown and filtered on (信息 / 公开目录 / 互动答复 / 文件)
    queryset: Callable  # (scope) -> queryset of the objects this scope may find
    to_hit: Callable  # (obj, scope) -> SearchHit
    date_field: str | Callable | None = None  # a date(time) field (or a callable naming one) for the
    # date filter and the date sort; without one the source is left out when filtering by date
    scopes: tuple = (scopes.PUBLIC, scopes.INTRANET)
    types: tuple = ()  # all types this source yields, when more than `type`
    filter_type: Callable | None = None  # (queryset, type) -> queryset, for sources of several types
    filter_column: Callable | None = None  # (queryset, column page) -> queryset; else skipped on a column
    prepare: Callable | None = None  # (objects, scope) -> objects, to load what to_hit needs in bulk

    def get_date_field(self):
        return self.date_field() if callable(self.date_field) else self.date_field

    @property
    def all_types(self):
        return self.types or (self.type,)

    def applies_to(self, scope, type_filter="", column=None, dated=False):
        if scope.name not in self.scopes:
            return False
        if dated and not self.get_date_field():
            return False
        if type_filter and type_filter not in self.all_types:
            return False
        if column is not None and self.filter_column is None:
            return False
        return True


# ---------------------------------------------------------------------------------------- pages


def _is_database_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database")


def page_date_field():
    # Articles carry their own publication date (editors may backdate it); other pages use the
    # time they were last published. Elasticsearch can only sort on indexed fields.
    return "published" if _is_database_backend() else "last_published_at"


def catalogue_article_ids():
    return ArticlePage.objects.filter(in_catalogue=True).values("pk")


def pages_queryset(scope):
    pages = scopes.visible_pages(scope).specific()
    if page_date_field() == "published":
        pages = pages.annotate(published=Coalesce("articlepage__pub_date", "last_published_at"))
    return pages


def filter_page_type(pages, type_filter):
    if type_filter == TYPE_CATALOGUE:
        return pages.filter(pk__in=catalogue_article_ids())
    if type_filter == TYPE_INFO:
        return pages.exclude(pk__in=catalogue_article_ids())
    return pages


def filter_page_column(pages, column):
    return pages.filter(path__startswith=column.path, depth__gte=column.depth)


def prepare_pages(pages, scope):
    """Titles of the columns (大栏目) the pages sit in, looked up in one query."""
    depths = {root.path: root.depth for root in scope.roots}
    column_paths = set()
    for page in pages:
        root_depth = next((d for p, d in depths.items() if page.path.startswith(p)), None)
        if root_depth is not None and page.depth > root_depth:
            column_paths.add(page.path[: (root_depth + 1) * Page.steplen])
    titles = dict(Page.objects.filter(path__in=column_paths).values_list("path", "title"))
    for page in pages:
        page._search_column = next((t for p, t in titles.items() if page.path.startswith(p)), "")
    return pages


def page_text(page):
    """Plain text of a page for its snippet: summary or description, then the body."""
    parts = []
    for name in ("summary", "subtitle", "intro", "description", "search_description"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value:
            parts.append(value)
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.extend(body.stream_block.get_searchable_content(body))
    return " ".join(parts)


def page_hit(page, scope):
    is_article = isinstance(page, ArticlePage)
    return SearchHit(
        title=page.title,
        url=page.get_url(scope.request) or page.url_path,
        text=page_text(page),
        published=page.pub_date if is_article else (page.last_published_at or page.first_published_at),
        column=getattr(page, "_search_column", ""),
        type=TYPE_CATALOGUE if is_article and page.in_catalogue else TYPE_INFO,
    )


PAGES = SearchSource(
    key="pages",
    type=TYPE_INFO,
    types=(TYPE_INFO, TYPE_CATALOGUE),
    queryset=pages_queryset,
    to_hit=page_hit,
    date_field=page_date_field,
    filter_type=filter_page_type,
    filter_column=filter_page_column,
    prepare=prepare_pages,
)


# ------------------------------------------------------------------------------------ documents


def documents_queryset(scope):
    return scopes.visible_documents(scope)


def document_hit(document, scope):
    collection = document.collection.name if document.collection_id and not document.collection.is_root() else ""
    extension = (document.file_extension or "").upper()
    described = "，".join(part for part in (collection or "资料中心", f"{extension} 文件" if extension else "") if part)
    return SearchHit(
        title=document.title,
        url=document.url,
        text=described,
        published=document.created_at,
        column="资料中心",
        type=TYPE_FILE,
    )


def prepare_documents(documents, scope):
    collections = Collection.objects.in_bulk({d.collection_id for d in documents})
    for document in documents:
        document.collection = collections.get(document.collection_id, document.collection)
    return documents


DOCUMENTS = SearchSource(
    key="documents",
    type=TYPE_FILE,
    scopes=(scopes.INTRANET,),
    queryset=documents_queryset,
    to_hit=document_hit,
    date_field="created_at",
    prepare=prepare_documents,
)


def get_sources():
    """Pages first, then every registered source (documents, interaction, OA ...)."""
    sources = [PAGES]
    for hook in hooks.get_hooks(HOOK_NAME):
        source = hook()
        if source is not None and all(source.key != s.key for s in sources):
            sources.append(source)
    return sources


def aware(value):
    """A date or naive datetime as an aware datetime, for sorting mixed sources."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime(value.year, value.month, value.day))


__all__ = ["HOOK_NAME", "TYPES", "SearchHit", "SearchSource", "get_sources"]
