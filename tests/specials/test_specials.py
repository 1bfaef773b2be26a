"""专题专辑: the special indexes that replaced the 20 sub-columns, specials composed of sections,
articles in several specials, and only what the visitor may see."""

from datetime import date, timedelta

import factory
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from columns import taxonomy
from columns.models import ColumnPage, SubColumnPage
from interaction.polls.models import PollPage
from interaction.specials import stats
from interaction.specials.models import SpecialIndexPage, SpecialPage
from tests.factories import _PageFactory
from tests.helpers import add_article, add_sub_column, page_at
from tests.polls.factories import PollFactory

pytestmark = pytest.mark.django_db


class SpecialFactory(_PageFactory):
    class Meta:
        model = SpecialPage

    title = factory.Sequence(lambda n: f"测试专题{n}")
    slug = factory.Sequence(lambda n: f"test-special-{n}")
    started_on = date(2005, 6, 5)
    summary = "测试专题摘要"
    first_published_at = factory.LazyFunction(timezone.now)


@pytest.fixture
def theme(public_home):
    """A special index of its own under 专题专辑, like the twenty build_columns makes."""
    column = ColumnPage.objects.child_of(public_home).get(slug="ztzj")
    return column.add_child(instance=SpecialIndexPage(title="测试专题库", slug="test-theme", live=True))


def test_the_ztzj_sub_columns_are_special_indexes_keeping_the_taxonomy(public_home):
    column = ColumnPage.objects.child_of(public_home).get(slug="ztzj")
    defined = [s.slug for c in taxonomy.load("public").columns if c.slug == "ztzj" for s in c.subs]
    children = list(column.get_children().specific())
    assert [c.slug for c in children] == defined and len(defined) == 20
    assert all(isinstance(c, SpecialIndexPage) for c in children)
    assert not SubColumnPage.objects.filter(kind="app", app_type="special").exists()


def test_demo_has_thirty_two_specials_over_2004_to_2006(public_home):
    specials = SpecialPage.objects.live().descendant_of(public_home)
    assert specials.count() == 32
    assert {s.started_on.year for s in specials} == {2004, 2005, 2006}
    assert all(SpecialPage.objects.child_of(i).exists() for i in SpecialIndexPage.objects.all())
    assert not specials.filter(cover__isnull=True).exists()


def test_index_lists_specials_newest_first_with_covers(public_client, theme, django_assert_max_num_queries):
    old = SpecialFactory(parent=theme, title="二〇〇四年专题", started_on=date(2004, 6, 5))
    new = SpecialFactory(parent=theme, title="二〇〇六年专题", started_on=date(2006, 6, 5))
    SpecialFactory(parent=theme, title="草稿专题", live=False)
    with django_assert_max_num_queries(60):
        body = public_client.get(theme.get_url()).content.decode()
    assert body.index(new.title) < body.index(old.title) and "草稿专题" not in body
    everything = public_client.get(theme.get_url() + "all/").content.decode()
    assert new.title in everything and "全部专题" in everything


def test_an_article_belongs_to_several_specials(public_client, public_home, theme):
    sub = add_sub_column(ColumnPage.objects.child_of(public_home).get(slug="gzdt"), "test-special-news", "测试动态")
    shared = add_article(sub, "张家浜整治与迎世博共同推进")
    shared.tags.add("测试专题标签甲", "测试专题标签乙")
    shared.save_revision().publish()
    only_b = add_article(sub, "只属于乙专题的信息")
    only_b.tags.add("测试专题标签乙")
    only_b.save_revision().publish()
    a = SpecialFactory(parent=theme, sections=[("tag_articles", {"heading": "甲", "tag": "测试专题标签甲", "count": 8})])
    b = SpecialFactory(parent=theme, sections=[
        ("tag_articles", {"heading": "乙", "tag": "测试专题标签乙", "count": 8}),
        ("featured", {"heading": "重点推荐", "articles": [shared]}),
        ("column_articles", {"heading": "测试动态", "sub_column": sub, "count": 5}),
    ])
    body_a = public_client.get(a.get_url()).content.decode()
    body_b = public_client.get(b.get_url()).content.decode()
    assert shared.title in body_a and only_b.title not in body_a
    assert body_b.count(shared.title) == 3 and only_b.title in body_b


def test_sections_show_only_what_the_visitor_may_see(public_client, public_home, theme):
    sub = add_sub_column(ColumnPage.objects.child_of(public_home).get(slug="gzdt"), "test-special-hidden", "内部")
    PageViewRestriction.objects.create(page=sub, restriction_type=PageViewRestriction.LOGIN)
    hidden = add_article(sub, "仅限登录查看的信息")
    draft_poll = PollFactory(live=False, title="未发布的投票")
    special = SpecialFactory(parent=theme, sections=[
        ("featured", {"heading": "推荐", "articles": [hidden]}),
        ("link_card", {"page": hidden, "title": "", "text": "", "image": None}),
        ("poll", {"poll": draft_poll}),
    ])
    body = public_client.get(special.get_url()).content.decode()
    assert hidden.title not in body and draft_poll.title not in body


def test_embedded_poll_and_link_card(public_client, public_home, theme):
    now = timezone.now()
    poll = PollFactory(title="专题中的投票", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1),
                       results_shown=PollPage.ResultsShown.AFTER_CLOSE)
    solicitation = page_at(public_home, "hdjl/wszj")
    special = SpecialFactory(parent=theme, sections=[
        ("poll", {"poll": poll}),
        ("link_card", {"page": solicitation, "title": "", "text": "欢迎提出意见", "image": None}),
        ("video", {"title": "宣传片", "video": None, "url": "https://video.example.cn/2005.mp4", "poster": None,
                   "duration": "5分钟", "text": ""}),
    ])
    doc = BeautifulSoup(public_client.get(special.get_url()).content, "html.parser")
    text = doc.get_text()
    assert "专题中的投票" in text and "已结束" in text and doc.find("table", class_="poll-table") is not None
    assert doc.find("a", href=lambda h: bool(h) and h.endswith("/hdjl/wszj/")) is not None
    assert solicitation.title in text
    assert doc.find("a", href="https://video.example.cn/2005.mp4") is not None
    assert not doc.select("[style]")


def test_home_page_still_shows_special_banners(public_client):
    doc = BeautifulSoup(public_client.get("/").content, "html.parser")
    banners = doc.select(".topic-banners a")
    assert len(banners) == 6 and all(a.find("img") for a in banners)


def test_stats_count_published_specials_per_theme(theme):
    SpecialFactory(parent=theme)
    SpecialFactory(parent=theme, started_on=date(2004, 1, 1))
    today = timezone.localdate()
    result = stats.specials_published(today, today)
    assert result["per_theme"]["测试专题库"] == 2 and result["total"] >= 2
    assert stats.specials_by_year(date(2004, 1, 1), date(2004, 12, 31))[2004] >= 1


def test_a_public_special_lists_no_intranet_articles_even_to_staff(client, superuser, intranet_home, theme):
    column = ColumnPage.objects.child_of(intranet_home).first()
    internal = add_sub_column(column, "test-special-internal", "内部子栏目")
    article = add_article(internal, "局内网专用的垃圾分类通知")
    article.tags.add("测试内网标签")
    article.save_revision().publish()
    special = SpecialFactory(parent=theme, sections=[("tag_articles", {"heading": "相关", "tag": "测试内网标签", "count": 8})])
    client.force_login(superuser)
    body = client.get(special.get_url(), HTTP_HOST="localhost").content.decode()
    assert article.title not in body


def test_specials_and_polls_are_found_by_the_site_search(public_client, theme):
    SpecialFactory(parent=theme, title="珊瑚礁保护宣传专题", summary="海洋珊瑚礁保护。")
    PollFactory(title="珊瑚礁保护知识投票")
    data = public_client.get("/search/", {"q": "珊瑚礁", "format": "json"}).json()
    titles = {r["title"] for r in data["results"]}
    assert {"珊瑚礁保护宣传专题", "珊瑚礁保护知识投票"} <= titles
