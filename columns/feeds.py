"""RSS 2.0 feed of a list sub-column's latest articles."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class SubColumnFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 30

    def __init__(self, sub_column):
        super().__init__()
        self.sub_column = sub_column

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        site = self.sub_column.get_site()
        site_name = site.site_name if site else ""
        return f"{self.sub_column.title} - {site_name}"

    def link(self):
        return self.sub_column.get_url(self.request)

    def description(self):
        return self.sub_column.description or self.sub_column.title

    def items(self):
        return self.sub_column.articles(self.request)[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.subtitle or item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.pub_date

    def item_author_name(self, item):
        return item.source or None
