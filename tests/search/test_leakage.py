"""Nothing a visitor may not read reaches them through search: not a title, not a snippet,
not a count, not a suggestion, not a promotion."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.helpers import add_sub_column

from .conftest import article, search_json

pytestmark = pytest.mark.django_db

SECRET_WORDS = ["内部部署", "受限名单", "草稿内容", "分组机密", "旧稿新题"]


@pytest.fixture
def content(public_list, intranet_list):
    """One public article and its look-alikes that must stay hidden, all about 蓝鲸."""
    public = article(public_list, "蓝鲸保护宣传周活动", "蓝鲸保护宣传周在滨江举行。")
    intranet = article(intranet_list, "蓝鲸内部部署会议", "蓝鲸专项内部部署，仅限局内。")
    restricted_sub = add_sub_column(public_list.get_parent(), "sxsx", "受限子栏目")
    PageViewRestriction.objects.create(page=restricted_sub, restriction_type=PageViewRestriction.LOGIN)
    restricted = article(restricted_sub, "蓝鲸受限名单", "蓝鲸受限名单不对外公开。")
    draft = article(public_list, "蓝鲸草稿内容", "蓝鲸草稿内容尚未发布。", live=False)
    revised = article(public_list, "海豚观察记录", "海豚观察。")
    revised.title = "蓝鲸旧稿新题"
    revised.save_revision()  # a draft revision: not what visitors see
    group = Group.objects.create(name="蓝鲸专班")
    group_sub = add_sub_column(intranet_list.get_parent(), "fzjm", "分组子栏目")
    restriction = PageViewRestriction.objects.create(page=group_sub, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    grouped = article(group_sub, "蓝鲸分组机密", "蓝鲸分组机密材料。")
    return {
        "public": public,
        "intranet": intranet,
        "restricted": restricted,
        "draft": draft,
        "revised": revised,
        "grouped": grouped,
        "group": group,
    }


def assert_no_secrets(text):
    for word in SECRET_WORDS:
        assert word not in text, word


def test_anonymous_public_search_shows_only_the_public_article(public_client, content):
    html = public_client.get("/search/", {"q": "蓝鲸"}).content.decode()
    assert "蓝鲸保护宣传周活动" in html.replace("<mark>", "").replace("</mark>", "")
    assert "结果 1 条" in html
    assert_no_secrets(html)


def test_public_json_totals_count_only_what_may_be_seen(public_client, content):
    data = search_json(public_client, "蓝鲸")
    assert data["total"] == 1
    assert [r["title"] for r in data["results"]] == ["蓝鲸保护宣传周活动"]
    assert_no_secrets(str(data))
    for word in SECRET_WORDS:
        assert search_json(public_client, word)["total"] == 0, word


def test_logged_in_staff_on_the_public_site_still_get_the_public_scope(public_client, content, login, staff_member):
    login(public_client, staff_member)
    data = search_json(public_client, "蓝鲸")
    assert data["total"] == 1
    assert_no_secrets(str(data))


def test_suggestions_never_offer_hidden_titles(public_client, content):
    data = public_client.get("/search/suggest/", {"q": "蓝鲸"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["蓝鲸保护宣传周活动"]


def test_intranet_column_filter_cannot_be_used_from_the_public_site(public_client, content, intranet_list):
    column = intranet_list.get_parent()
    data = search_json(public_client, "蓝鲸", column=column.pk)
    assert_no_secrets(str(data))
    html = public_client.get("/search/", {"q": "蓝鲸"}).content.decode()
    assert column.title not in html


def test_promotions_of_hidden_pages_are_not_shown_publicly(public_client, content, login, staff_member):
    query = Query.get("蓝鲸")
    SearchPromotion.objects.create(query=query, page=content["intranet"], description="内部推荐说明", sort_order=0)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.gov.cn/", external_link_text="外部推荐", sort_order=1
    )
    html = public_client.get("/search/", {"q": "蓝鲸"}).content.decode()
    assert "外部推荐" in html
    assert "内部推荐说明" not in html and "蓝鲸内部部署会议" not in html
    intranet_client = Client(HTTP_HOST="intranet.localhost")
    login(intranet_client, staff_member)
    html = intranet_client.get("/search/", {"q": "蓝鲸"}).content.decode()
    assert "内部推荐说明" in html


def test_anonymous_visitors_cannot_search_the_intranet(intranet_client, content):
    for params in ({"q": "蓝鲸"}, {"q": "蓝鲸", "format": "json"}):
        response = intranet_client.get("/search/", params)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert "蓝鲸" not in response.content.decode()
    assert intranet_client.get("/search/suggest/", {"q": "蓝鲸"}).status_code == 403


def test_staff_find_intranet_and_public_pages_they_may_open(intranet_client, content, login, staff_member):
    login(intranet_client, staff_member)
    titles = {r["title"] for r in search_json(intranet_client, "蓝鲸")["results"]}
    assert titles == {"蓝鲸保护宣传周活动", "蓝鲸内部部署会议", "蓝鲸受限名单"}


def test_group_restricted_pages_are_found_only_by_the_group(intranet_client, content, login, staff_member):
    user = login(intranet_client, staff_member)
    assert "蓝鲸分组机密" not in str(search_json(intranet_client, "蓝鲸"))
    user.groups.add(content["group"])
    assert "蓝鲸分组机密" in str(search_json(intranet_client, "蓝鲸"))


def _document(title, collection):
    document = get_document_model()(title=title, collection=collection)
    document.file.save("blue-whale.txt", ContentFile(b"whale"), save=False)
    document.save()
    return document


@pytest.fixture
def files(db):
    root = Collection.get_first_root_node()
    login_only = root.add_child(name="蓝鲸内部资料")
    CollectionViewRestriction.objects.create(collection=login_only, restriction_type=CollectionViewRestriction.LOGIN)
    secret = root.add_child(name="蓝鲸保密资料")
    restriction = CollectionViewRestriction.objects.create(
        collection=secret, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="保密专班"))
    nested = secret.add_child(name="蓝鲸保密子目录")
    return {
        "open": _document("蓝鲸公开文件", root),
        "login": _document("蓝鲸内部文件", login_only),
        "secret": _document("蓝鲸机密文件", secret),
        "nested": _document("蓝鲸机密附件", nested),
    }


def test_staff_find_only_files_they_may_open(intranet_client, files, login, staff_member):
    login(intranet_client, staff_member)
    data = search_json(intranet_client, "蓝鲸", type="文件")
    assert {r["title"] for r in data["results"]} == {"蓝鲸公开文件", "蓝鲸内部文件"}
    assert data["total"] == 2
    assert {r["type"] for r in data["results"]} == {"文件"}


def test_superusers_find_every_file(intranet_client, files, login, superuser):
    login(intranet_client, superuser)
    titles = {r["title"] for r in search_json(intranet_client, "蓝鲸", type="文件")["results"]}
    assert titles == {"蓝鲸公开文件", "蓝鲸内部文件", "蓝鲸机密文件", "蓝鲸机密附件"}


def test_files_are_never_searched_on_the_public_site(public_client, files):
    data = search_json(public_client, "蓝鲸")
    assert data["total"] == 0
    html = public_client.get("/search/", {"q": "蓝鲸"}).content.decode()
    assert 'value="文件"' not in html
