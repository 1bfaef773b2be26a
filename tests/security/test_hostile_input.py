"""Hostile input at every public URL and form of both sites, anonymous and as staff: never a
500. Out-of-range dates, huge numbers, invalid UTF-8 and 100 KB values get a normal page (with
a form error where it applies), a 400, 404 or 405; NUL characters get a 400 in a query or form, a 404 in the path."""

import pytest
from django.test import Client

from .conftest import INTRANET_HOST, PUBLIC_HOST

pytestmark = pytest.mark.django_db

BIG = str(10**30)
KB100 = "A" * 102_400
CHINESE_100KB = "%E7%8E%AF" * 34_200  # 环, about 100 KB once decoded

# Several hostile parameters at once: each URL reads the ones it knows.
QUERIES = [
    f"page={BIG}&date_from=0001-01-01&date_to=9999-12-31&year={BIG}&publisher={BIG}&column={BIG}&topic=zz&type=x&sort=x",
    "page=-1&date_from=9999-99-99&year=-5&q=%ff%fe&%ff%fe=%ff&ref=%ff%fe&to=%ff",
    f"page=abc&q={KB100}&ref={KB100}&to={KB100}&reference={KB100}",
    f"q={CHINESE_100KB}&format=json&date_to=9999-12-31",
]
NUL_QUERIES = ["q=%00", "page=1%002", "ref=AB%00CD&format=json"]
PATH_SUFFIXES = ["%ff%fe/", "%E7%8E/", "x" * 5000 + "/"]

FORM_FIELDS = [
    "name", "phone", "email", "address", "title", "content", "category", "location", "applicant_type",
    "id_type", "id_number", "contact_person", "delivery", "consent_publish", "reference", "code", "action",
    "rating", "comment", "supplement", "captcha_0", "captcha_1", "website", "q", "page", "date_from", "date_to",
    "username", "password", "next",
]
POSTS = [
    {field: KB100 for field in FORM_FIELDS},
    {field: value for field, value in zip(FORM_FIELDS, ["0001-01-01", "9999-12-31", BIG, "-1"] * 10, strict=False)},
    {**{field: "环境" for field in FORM_FIELDS}, "action": "rate", "reference": KB100},
    {**{field: "环境" for field in FORM_FIELDS}, "action": "complete", "reference": "TS0"},
]
RAW_URLENCODED = b"name=%ff%fe&content=\xff\xfe\xfd&title=" + b"%E7%8E" * 10 + b"&action=lookup&reference=%ff&code=%fe"
BOUNDARY = "hostileboundary"
RAW_MULTIPART = (
    f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n".encode()
    + b"\xff\xfe\xfa\xe7\x8e"
    + f"\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"".encode()
    + b"\xff\xfe.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\x00garbage"
    + f"\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"id_document\"; filename=\"../../etc/passwd\"\r\n\r\nroot\r\n--{BOUNDARY}--\r\n".encode()
)


def hammer(client, urls):
    """Every hostile request at every URL; returns [(method, url, status)] of what went wrong."""
    wrong = []

    def check(method, url, response, expected=None):
        status = response.status_code
        if status >= 500 or (expected is not None and status != expected):
            wrong.append((method, url[:120], status))

    for url in urls:
        for query in QUERIES:
            check("GET", f"{url}?{query}", client.get(f"{url}?{query}"))
        for query in NUL_QUERIES:
            check("GET", f"{url}?{query}", client.get(f"{url}?{query}"), expected=400)
        for suffix in PATH_SUFFIXES:
            check("GET", url + suffix, client.get(url + suffix))
        check("GET", url + "%00/", client.get(url + "%00/"), expected=404)
        for data in POSTS:
            check("POST", url, client.post(url, data))
        check("POST", url, client.post(url, {"content": "环境\x00", "name": "张三"}), expected=400)
        check("POST", url + " (raw)", client.post(url, RAW_URLENCODED, content_type="application/x-www-form-urlencoded"))
        check(
            "POST", url + " (multipart)",
            client.post(url, RAW_MULTIPART, content_type=f"multipart/form-data; boundary={BOUNDARY}"),
        )
    return wrong


def quiet_client(host):
    client = Client(HTTP_HOST=host)
    client.raise_request_exception = False  # collect every 500 instead of stopping at the first
    return client


def test_public_site_anonymous(public_urls):
    assert len(public_urls) > 25
    assert hammer(quiet_client(PUBLIC_HOST), public_urls) == []


def test_intranet_anonymous(intranet_urls):
    assert hammer(quiet_client(INTRANET_HOST), intranet_urls) == []


def test_intranet_as_staff(intranet_urls, staff_user):
    client = quiet_client(INTRANET_HOST)
    client.force_login(staff_user)
    assert hammer(client, intranet_urls) == []
