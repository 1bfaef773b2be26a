"""Page-building helpers for tests."""

from django.utils import timezone

from columns.models import ArticlePage, ColumnPage, SubColumnPage


def page_at(home, path):
    from wagtail.models import Page

    return Page.objects.get(url_path=f"{home.url_path}{path.strip('/')}/").specific


def add_article(sub_column, title="测试信息", **kwargs):
    kwargs.setdefault("pub_date", timezone.now())
    kwargs.setdefault("body", [("paragraph", "<p>正文内容。</p>")])
    return sub_column.add_child(instance=ArticlePage(title=title, live=True, **kwargs))


def add_column(home, slug, title="测试栏目"):
    return home.add_child(instance=ColumnPage(title=title, slug=slug, live=True, show_in_menus=True))


def add_sub_column(column, slug, title="测试子栏目", **kwargs):
    kwargs.setdefault("kind", SubColumnPage.Kind.LIST)
    return column.add_child(instance=SubColumnPage(title=title, slug=slug, live=True, show_in_menus=True, **kwargs))
