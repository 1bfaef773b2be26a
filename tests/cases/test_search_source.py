"""Published replies are found by the site search as 互动答复, by their redacted public text only."""

import pytest
from django.test import Client

from interaction.cases import workflow

pytestmark = pytest.mark.django_db


def search(q, host="localhost", client=None):
    client = client or Client(HTTP_HOST=host)
    response = client.get("/search/", {"q": q, "format": "json"})
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def test_published_reply_is_found_by_public_text_only(case_factory, dept_a, info_centre):
    case = case_factory.replied(
        dept_a, name="欧阳秋雁", phone="13611112222",
        title="蓬莱路夜间渣土车噪声", content="蓬莱路每晚有渣土车经过，车主欧阳家住三号楼，噪声很大。",
    )
    hidden = case_factory.replied(dept_a, title="蓬莱路另一件未公开投诉", content="未公开的投诉内容。")
    assert not {"蓬莱路夜间渣土车噪声", "蓬莱路另一件未公开投诉"} & set(titles(search("蓬莱路")))

    workflow.publish(
        case, info_centre,
        public_title="蓬莱路夜间渣土车噪声",
        public_content="蓬莱路每晚有渣土车经过，噪声很大。",
        public_reply="已会同渣土管理署加强夜间运输管理。",
    )
    data = search("蓬莱路 渣土车")
    hits = [r for r in data["results"] if r["title"] == "蓬莱路夜间渣土车噪声"]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["type"] == "互动答复"
    assert hit["url"].endswith(f"/archive/{case.reference}/")
    assert Client(HTTP_HOST="localhost").get(hit["url"]).status_code == 200
    # Never findable by what only the original or the personal data contains.
    for private in ("欧阳秋雁", "13611112222", "三号楼"):
        assert case.reference not in str(search(private)), private
    assert "蓬莱路另一件未公开投诉" not in titles(search("蓬莱路"))
    assert hidden.reference not in str(search("未公开"))


def test_unpublished_reply_disappears_from_search(case_factory, dept_a, info_centre):
    case = case_factory.replied(dept_a, title="崂山路绿化带垃圾堆放", content="崂山路绿化带有人堆放垃圾。")
    workflow.publish(case, info_centre)
    assert "崂山路绿化带垃圾堆放" in titles(search("崂山路 绿化带"))
    workflow.unpublish(case, info_centre)
    assert "崂山路绿化带垃圾堆放" not in titles(search("崂山路 绿化带"))
