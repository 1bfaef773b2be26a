"""Capacity is never exceeded under parallel registrations (PostgreSQL: real parallel writers)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction.volunteers import registration as rules
from interaction.volunteers.models import Activity, Registration, Volunteer
from tests.helpers import committed, in_threads

from .conftest import person

pytestmark = pytest.mark.django_db


def _forget(activity):
    """The audit entries the threads committed (the test database is shared by the session)."""
    ids = [str(pk) for pk in Registration.objects.filter(activity=activity).values_list("pk", flat=True)]
    ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Registration), object_id__in=ids).delete()


def test_parallel_registrations_never_exceed_capacity():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are exercised on PostgreSQL; SQLite serialises them")
    start = timezone.now() + timedelta(days=3)
    activity = committed(lambda: Activity.objects.create(
        title="并发报名测试活动", description="并发", starts_at=start, ends_at=start + timedelta(hours=2),
        place="测试地点", capacity=5, hours=2,
    ))
    phones = [person(9000 + i)["phone"] for i in range(30)]
    try:
        results = in_threads(lambda i: rules.register(activity, **person(9000 + i))[0].status, 30)
        confirmed = committed(lambda: Registration.objects.filter(activity=activity, status="confirmed").count())
        waiting = committed(lambda: Registration.objects.filter(activity=activity, status="waiting").count())
    finally:
        committed(lambda: _forget(activity))
        committed(lambda: (Registration.objects.filter(activity=activity).delete(),
                           Volunteer.objects.filter(phone__in=phones).delete(), Activity.objects.filter(pk=activity.pk).delete()))
    assert results.count("confirmed") == 5 and confirmed == 5
    assert waiting == 25


def test_parallel_cancellations_promote_each_waiting_person_once():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are exercised on PostgreSQL; SQLite serialises them")
    start = timezone.now() + timedelta(days=3)
    activity = committed(lambda: Activity.objects.create(
        title="并发取消测试活动", description="并发", starts_at=start, ends_at=start + timedelta(hours=2),
        place="测试地点", capacity=4, hours=2,
    ))
    phones = [person(9100 + i)["phone"] for i in range(8)]
    try:
        regs = committed(lambda: [rules.register(activity, **person(9100 + i))[0] for i in range(8)])
        in_threads(lambda i: rules.cancel(regs[i]), 4)
        confirmed = committed(lambda: Registration.objects.filter(activity=activity, status="confirmed").count())
        waiting = committed(lambda: Registration.objects.filter(activity=activity, status="waiting").count())
    finally:
        committed(lambda: _forget(activity))
        committed(lambda: (Registration.objects.filter(activity=activity).delete(),
                           Volunteer.objects.filter(phone__in=phones).delete(), Activity.objects.filter(pk=activity.pk).delete()))
    assert confirmed == 4 and waiting == 0
