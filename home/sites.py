"""The two Wagtail Sites and their home pages."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Page, PageViewRestriction, Site

from .models import IntranetHomePage, PublicHomePage

PUBLIC_SITE_NAME = "浦东环境网"
INTRANET_SITE_NAME = "局内网"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def _remove_wagtail_welcome_page(root):
    """Wagtail's first migration adds a placeholder home page; drop it if nobody built on it."""
    for page in root.get_children().filter(title=WAGTAIL_WELCOME_TITLE, numchild=0):
        if page.specific_class is Page:
            page.delete()


def _ensure_home(root, model, slug, title, log):
    home = model.objects.first()
    if home is None:
        home = root.add_child(instance=model(title=title, slug=slug, live=True))
        log.append(f"创建首页 {title}")
    return home


def _ensure_site(home, hostname, site_name, is_default, log):
    port = settings.SITE_PORT
    site = Site.objects.filter(root_page=home).first()
    if site is None and is_default:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(root_page=home)
        log.append(f"创建站点 {site_name}（{hostname}:{port}）")
    changed = (site.hostname, site.port, site.site_name, site.root_page_id, site.is_default_site) != (
        hostname, port, site_name, home.id, is_default,
    )
    if changed:
        if site.pk:
            log.append(f"更新站点 {site_name}（{hostname}:{port}）")
        site.hostname, site.port, site.site_name, site.root_page, site.is_default_site = (
            hostname, port, site_name, home, is_default,
        )
        site.save()
    return site


def ensure_login_restriction(page, log):
    """Login-only view restriction: no intranet page is ever served to an anonymous visitor."""
    if not PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.LOGIN).exists():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        log.append(f"为 {page.title} 设置登录访问限制")


def _chinese_root_names(root, log):
    """Wagtail names the tree root and the root collection "Root"; staff see them in the admin."""
    if root.title == "Root":
        root.title = "全部站点"
        root.draft_title = root.title
        root.save(update_fields=["title", "draft_title"])
        log.append("页面树根节点改为中文名称")
    collection = Collection.get_first_root_node()
    if collection is not None and collection.name == "Root":
        collection.name = "全部文件"
        collection.save(update_fields=["name"])


def site_home_pages():
    """The home pages that exist, the public one first."""
    return [p for p in (PublicHomePage.objects.first(), IntranetHomePage.objects.first()) if p is not None]


@transaction.atomic
def ensure_sites():
    """Create or repair both home pages and Sites; return (public_home, intranet_home, log)."""
    log = []
    root = Page.get_first_root_node()
    _remove_wagtail_welcome_page(root)
    _chinese_root_names(root, log)
    public_home = _ensure_home(root, PublicHomePage, "portal", PUBLIC_SITE_NAME, log)
    intranet_home = _ensure_home(root, IntranetHomePage, "intranet", INTRANET_SITE_NAME, log)
    _ensure_site(public_home, settings.PUBLIC_HOSTNAME, PUBLIC_SITE_NAME, True, log)
    _ensure_site(intranet_home, settings.INTRANET_HOSTNAME, INTRANET_SITE_NAME, False, log)
    ensure_login_restriction(intranet_home, log)
    return public_home, intranet_home, log
