"""Make the page tree match the taxonomy files.

Pages are matched by slug path (home / column / sub-column). A page that exists is never
changed or deleted, whatever its type or content: editors own it from the moment it exists.
Missing pages are created in the file's menu order.

One exception: an interaction sub-column (kind "app") is created as a SubColumnPage placeholder
only while no page type serves its app type. Once an app ships a SubColumnBase model with
`serves_app = "<app type>"`, missing pages are created as that model and existing placeholders
of that app type are swapped to it in place (columns/swap.py), keeping their id, URL, title and
editors' fields. Pages that already are the real type are left alone."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from columns import taxonomy
from columns.models import ColumnPage, DisclosureCataloguePage, LeadersPage, SubColumnBase, SubColumnPage
from columns.swap import SwapError, swap_page_type
from intranet.org.models import Department


@dataclass
class BuildReport:
    created: list = field(default_factory=list)
    swapped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _new_page_kwargs():
    now = timezone.now()
    return {"live": True, "first_published_at": now, "last_published_at": now}


def app_page_models():
    """App type -> the SubColumnBase page model that serves it (class attribute `serves_app`)."""
    return {m.serves_app: m for m in SubColumnBase.sub_column_models() if getattr(m, "serves_app", None)}


def _placeholder_fields(placeholder, model):
    """What a placeholder's editors wrote that the real page keeps beyond the shared fields:
    its body becomes the intro (contact, description ... carry over by name)."""
    names = {f.name for f in model._meta.get_fields()}
    extra = {}
    if "intro" in names and "body" not in names and placeholder.body:
        extra["intro"] = placeholder.body.get_prep_value()
    return extra


def _swap_placeholder(page, sub, app_models, report, where):
    """Swap an "app" placeholder for the page type that now serves its app type."""
    model = app_models.get(sub.app) if sub.kind == "app" else None
    if model is None or page.specific_class is not SubColumnPage:
        return page
    placeholder = page.specific
    if placeholder.kind != SubColumnPage.Kind.APP or placeholder.app_type != sub.app:
        return page
    try:
        page = swap_page_type(placeholder, model, **_placeholder_fields(placeholder, model))
    except SwapError as error:
        report.warnings.append(f"{where}: {error}")
        return page
    report.swapped.append(f"子栏目 {where} {page.title}：{model._meta.verbose_name}")
    return page


def _sub_column_instance(sub, departments, link_page=None, app_models=None):
    common = {
        "title": sub.title,
        "slug": sub.slug,
        "description": sub.description,
        "department": departments.get(sub.dept),
        "show_in_menus": sub.show_in_nav,
        **_new_page_kwargs(),
    }
    if sub.kind == "leaders":
        return LeadersPage(**common)
    if sub.kind == "catalogue":
        return DisclosureCataloguePage(**common)
    model = (app_models or {}).get(sub.app) if sub.kind == "app" else None
    if model is not None:
        if sub.contact and "contact" in {f.name for f in model._meta.get_fields()}:
            common["contact"] = sub.contact
        return model(**common)
    return SubColumnPage(
        kind=sub.kind,
        link_url=sub.url,
        link_page=link_page,
        app_type=sub.app,
        contact=sub.contact,
        **common,
    )


def _add_in_order(parent, previous, instance):
    """Insert right after the previous sibling of the file, or as first child."""
    if previous is not None:
        return previous.add_sibling(pos="right", instance=instance)
    first = parent.get_first_child()
    if first is not None:
        return first.add_sibling(pos="left", instance=instance)
    return parent.add_child(instance=instance)


def _link_target(home, target_path):
    """The page an internal link points at; the taxonomy only lets a link point backwards."""
    return Page.objects.filter(url_path=f"{home.url_path}{target_path.strip('/')}/").first()


@transaction.atomic
def build_site(site_tax, home, departments, report, app_models=None):
    if app_models is None:
        app_models = app_page_models()
    existing_columns = {p.slug: p for p in home.get_children()}
    previous = None
    for col in site_tax.columns:
        column = existing_columns.get(col.slug)
        if column is None:
            column = _add_in_order(
                home,
                previous,
                ColumnPage(
                    title=col.title,
                    slug=col.slug,
                    description=col.description,
                    keywords=col.keywords,
                    show_in_menus=col.show_in_nav,
                    **_new_page_kwargs(),
                ),
            )
            report.created.append(f"栏目 {site_tax.site}/{col.slug} {col.title}")
        previous = column
        existing_subs = {p.slug: p for p in column.get_children()}
        previous_sub = None
        for sub in col.subs:
            page = existing_subs.get(sub.slug)
            if page is None:
                if sub.dept and sub.dept not in departments:
                    report.warnings.append(f"{site_tax.site}/{col.slug}/{sub.slug}: 部门 {sub.dept} 不存在")
                link_page = None
                if sub.target:
                    link_page = _link_target(home, sub.target)
                    if link_page is None:
                        report.warnings.append(f"{site_tax.site}/{col.slug}/{sub.slug}: 链接目标 {sub.target} 不存在，已跳过")
                        continue
                instance = _sub_column_instance(sub, departments, link_page, app_models)
                page = _add_in_order(column, previous_sub, instance)
                report.created.append(f"子栏目 {site_tax.site}/{col.slug}/{sub.slug} {sub.title}")
            else:
                page = _swap_placeholder(page, sub, app_models, report, f"{site_tax.site}/{col.slug}/{sub.slug}")
            previous_sub = page


def build_columns(homes):
    """Build both sites' trees. `homes` maps "public"/"intranet" to the home page."""
    report = BuildReport()
    departments = {d.code: d for d in Department.objects.all()}
    app_models = app_page_models()
    for site, site_tax in taxonomy.load_all().items():
        build_site(site_tax, homes[site], departments, report, app_models)
    return report
