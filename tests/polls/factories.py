"""Polls for tests: `make_poll(index, questions=[("问题", multiple, max, ["甲", "乙"])], **fields)`."""

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from interaction.polls.models import PollIndexPage, PollPage
from tests.factories import _PageFactory


def question_data(spec):
    """Stream data for [(text, multiple, max_choices, [labels]) or (text, multiple, max, labels, min)]."""
    data = []
    for text, multiple, most, labels, *rest in spec:
        data.append({
            "type": "question",
            "id": str(uuid.uuid4()),
            "value": {
                "text": text,
                "multiple": multiple,
                "min_choices": rest[0] if rest else 1,
                "max_choices": most,
                "options": [
                    {"type": "item", "id": str(uuid.uuid4()), "value": {"label": label, "image": None}}
                    for label in labels
                ],
            },
        })
    return data


DEFAULT_QUESTIONS = [("您最关心哪类环境问题？", False, None, ["大气污染", "河道水质", "噪声扰民"]),
                     ("您获取环保信息的渠道（最多两项）", True, 2, ["网站", "报纸", "社区宣传栏"])]


class PollFactory(_PageFactory):
    """An open poll (started an hour ago, closing in a week) under the site's 网上投票 index."""

    class Meta:
        model = PollPage

    title = factory.Sequence(lambda n: f"测试投票{n}")
    slug = factory.Sequence(lambda n: f"test-poll-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    questions = factory.LazyFunction(lambda: question_data(DEFAULT_QUESTIONS))

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        parent = parent or PollIndexPage.objects.first()
        poll = super()._create(model_class, parent=parent, **kwargs)
        return PollPage.objects.get(pk=poll.pk)  # the stream items with their stored ids
