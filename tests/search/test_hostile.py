"""Whatever is typed into the box, the visitor gets a normal page, never an error."""

import pytest

from search.analysis import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db

HOSTILE = [
    "环" * 10_000,
    "a" * 10_000,
    "<script>alert('垃圾分类')</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    '"垃圾分类',
    "“垃圾分类",
    "垃圾分类'",
    "(环境 OR 噪声",
    "环境 AND NOT 噪声",
    "NEAR(环境 噪声, 2)",
    "{title body}: 环境",
    "title:环境",
    "环境*",
    "^环境 + -噪声",
    "%_%",
    "\\",
    "😀🌏♻️ 垃圾分类 🗑️",
    "\u200b\u200e环境\ufeff",
    "\x01\x02环境",
    "　　",
    "浦环保〔2005〕〔12号",
    "ＳＥＬＥＣＴ　＊　ＦＲＯＭ",
    "null",
    "undefined",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_gives_a_normal_page(public_client, query):
    response = public_client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    json_response = public_client.get("/search/", {"q": query, "format": "json"})
    assert json_response.status_code == 200
    assert set(json_response.json()) == {"total", "page", "results"}
    suggest = public_client.get("/search/suggest/", {"q": query})
    assert suggest.status_code == 200


def test_query_is_capped_and_echoed_escaped(public_client):
    response = public_client.get("/search/", {"q": "<b>" + "环" * 500})
    html = response.content.decode()
    assert "&lt;b&gt;" in html
    assert "环" * (MAX_QUERY_LENGTH - 3) in html  # "<b>" counts too
    assert "环" * (MAX_QUERY_LENGTH - 2) not in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999999"},
        {"column": "abc"},
        {"column": "-1"},
        {"type": "<script>"},
        {"date_from": "2099-99-99", "date_to": "not a date"},
        {"date_from": "2026-12-31", "date_to": "2020-01-01"},
        {"sort": "'; DROP"},
        {"format": "xml"},
    ],
)
def test_odd_parameters_are_ignored(public_client, params):
    response = public_client.get("/search/", {"q": "环境", **params})
    assert response.status_code == 200


def test_repeated_parameters_are_harmless(public_client):
    response = public_client.get("/search/?q=环境&q=噪声&page=1&page=x&format=json")
    assert response.status_code == 200


def test_click_redirect_refuses_tampered_or_foreign_targets(public_client):
    from django.core import signing

    from search.views import CLICK_SALT, click_url

    assert public_client.get("/search/go/", {"to": "nonsense"}).status_code == 404
    foreign = signing.dumps({"u": "https://evil.example/", "q": "x", "s": "public"}, salt=CLICK_SALT, compress=True)
    assert public_client.get("/search/go/", {"to": foreign}).status_code == 404
    good = click_url("/gzdt/", "工作动态", "public")
    assert public_client.get(good)["Location"] == "/gzdt/"


def test_a_nul_character_is_a_bad_request_not_an_error(public_client):
    """PostgreSQL cannot compare text holding NUL; no person types one (security.headers)."""
    for params in ({"q": "\x00\x01\x02环境"}, {"q": "环境", "format": "json", "type": "\x00"}):
        response = public_client.get("/search/", params)
        assert response.status_code == 400
        assert "无法处理这个请求" in response.content.decode()
    assert public_client.get("/search/suggest/", {"q": "环\x00境"}).status_code == 400


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date_to", "9999-12-31", "日期不能晚于 2999-12-31。"),
        ("date_from", "0001-01-01", "日期不能早于 1900-01-01。"),
        ("date_from", "2024-02-30", "请输入有效的日期"),
    ],
)
def test_a_date_out_of_range_is_a_form_error_and_the_search_still_answers(public_client, field, value, message):
    unfiltered = public_client.get("/search/", {"q": "环境", "format": "json"}).json()["total"]
    response = public_client.get("/search/", {"q": "环境", field: value})
    assert response.status_code == 200
    html = response.content.decode()
    error = html[html.index(f'id="id_{field}_error"') :]
    error = error[: error.index("</p>")]
    assert message in error and "本次未按此日期筛选" in error
    assert 'aria-invalid="true"' in html
    assert f"找到与“<strong>环境</strong>”相关的结果 {unfiltered} 条" in html  # the rest of the search holds


@pytest.mark.parametrize("field, value", [("date_to", "9999-12-31"), ("date_from", "0001-01-01"), ("date_to", "x")])
def test_the_json_answers_400_with_a_chinese_message_for_a_bad_date(public_client, field, value):
    response = public_client.get("/search/", {"q": "环境", "format": "json", field: value})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "日期筛选条件无效，请修改后重试。"
    assert list(body["errors"]) == [field]


def test_dates_at_the_edges_of_the_range_are_accepted(public_client):
    response = public_client.get(
        "/search/", {"q": "环境", "format": "json", "date_from": "1900-01-01", "date_to": "2999-12-31"}
    )
    assert response.status_code == 200
    assert response.json()["total"] > 0
