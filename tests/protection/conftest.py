import re

import pytest
from captcha.models import CaptchaStore

FORM_URL = "/message/"
FORM_DATA = {"name": "张三丰", "phone": "13800138000", "content": "小区垃圾清运不及时，请尽快处理。"}


def captcha_key(html):
    match = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', html)
    assert match, "no local captcha in the page"
    return match.group(1)


@pytest.fixture
def solved_captcha(client):
    """GET the form like a visitor and read the answer of the captcha it was shown."""

    def solve(url=FORM_URL, **extra):
        response = client.get(url, **extra)
        key = captcha_key(response.content.decode())
        return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}

    return solve
