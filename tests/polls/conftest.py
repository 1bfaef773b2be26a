import re

import pytest
from captcha.models import CaptchaStore


@pytest.fixture
def poll(db):
    from .factories import PollFactory

    return PollFactory()


def solve_captcha(client, url):
    page = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def ballot_data(poll, picks, client, url):
    """POST data choosing, per question (in order), the options at the given indexes."""
    from interaction.polls.rules import questions

    data = solve_captcha(client, url)
    for i, (question, chosen) in enumerate(zip(questions(poll), picks, strict=True)):
        keys = [question.options[j].key for j in chosen]
        data[f"q{i}"] = keys if question.multiple else keys[0]
    return data
