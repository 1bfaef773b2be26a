"""Activities built per test (factory below); the 志愿者登记 page comes from build_columns."""

from datetime import timedelta
from decimal import Decimal

import factory
import pytest
from django.utils import timezone
from factory.django import DjangoModelFactory

from interaction.volunteers.models import Activity, VolunteerPage
from interaction.volunteers.roles import VOLUNTEER_MANAGER_GROUP, setup_volunteer_roles
from tests.factories import StaffFactory


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"测试志愿活动{n}")
    description = "沿河道拾捡垃圾，劝导不文明行为。"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + timedelta(hours=3))
    place = "张家浜步道芳甸路桥东侧"
    capacity = 2
    hours = Decimal("3.0")


def person(i, **extra):
    return {"name": f"志愿者{i}", "phone": f"1391234{i:04d}", "email": f"v{i}@example.cn", **extra}


@pytest.fixture
def activity(db):
    return ActivityFactory()


@pytest.fixture
def volunteer_page(db):
    return VolunteerPage.objects.get()


@pytest.fixture
def manager(db):
    setup_volunteer_roles()
    return StaffFactory(username="zy_manager", groups=[VOLUNTEER_MANAGER_GROUP])
