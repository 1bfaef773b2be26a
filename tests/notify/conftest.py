"""Fixtures for 信息精灵: staff of a department of the test's own, a registered test event, and the
in-memory SMS outbox emptied for each test."""

import pytest

from intranet.notify import sms
from intranet.notify.api import register_event

EVENT = "tests.step"
register_event(EVENT, "测试待办")


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.NOTIFY_SMS_BACKEND = "locmem"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def make_staff(db):
    from tests.factories import StaffFactory

    def make(mobile="", **kwargs):
        user = StaffFactory(**kwargs)
        if mobile:
            user.staff_profile.mobile = mobile
            user.staff_profile.save(update_fields=["mobile"])
        return user

    return make


@pytest.fixture
def alice(make_staff):
    return make_staff(username="alice_notify", mobile="13900001111")


@pytest.fixture
def bob(make_staff):
    return make_staff(username="bob_notify")
