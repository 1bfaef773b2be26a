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


def in_threads(target, count):
    """Run `target(i)` in `count` threads at once, each on its own database connection (which
    commits on its own). Returns the results in order; re-raises the first error.

    Only meaningful on PostgreSQL: on SQLite the test's own transaction holds the write lock."""
    import threading

    from django.db import connection

    results = [None] * count
    errors = []
    barrier = threading.Barrier(count)

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def committed(fn):
    """Run `fn` on a separate connection that commits at once (cleaning up after in_threads)."""
    return in_threads(lambda _i: fn(), 1)[0]
