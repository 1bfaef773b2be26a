"""OA items in the intranet search: each person finds what she may open, and nothing else."""

from django.test import Client

from intranet.oa import routing
from intranet.oa.choices import Action, Kind
from intranet.oa.routing import Hop


def search(user, query, **params):
    client = Client(HTTP_HOST="intranet.localhost")
    client.force_login(user)
    return client.get("/search/", {"q": query, **params}).content.decode()


def test_people_on_the_route_find_the_item_others_do_not(bureau):
    doc = bureau.document(kind=Kind.HANDLE, title="关于鲸落湾排污口整治的请示", body="鲸落湾排污口需在汛期前完成整治。")
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a])])
    found = search(bureau.a, "鲸落湾")
    assert found.count("关于<mark>鲸落湾</mark>排污口整治的请示") == 1  # once, though saved as base and kind
    assert "找到与“<strong>鲸落湾</strong>”相关的结果 1 条" in found
    assert "没有找到与“鲸落湾”相关的内容" in search(bureau.stranger, "鲸落湾")
    public = Client(HTTP_HOST="localhost").get("/search/", {"q": "鲸落湾"}).content.decode()
    assert "关于鲸落湾排污口整治的请示" not in public


def test_the_oa_type_filter_is_offered_on_the_intranet(bureau):
    page = search(bureau.a, "通知")
    assert ">公文<" in page
