"""Shared fixtures. The test database is built once per session with `load_demo`, so every test
starts from the full 41 + 372 tree with demo content, inside a transaction that is rolled back.
Generated files go to var/test-media (TEST_MEDIA_ROOT), kept alongside a --reuse-db database."""

import io

import pytest
from django.core.management import call_command


def pytest_configure(config):
    """The SQLite test database and test media live in files under var/, which a fresh clone
    does not have yet."""
    from pathlib import Path

    from django.conf import settings

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and test_name:
        Path(test_name).parent.mkdir(parents=True, exist_ok=True)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (menus cached by an earlier, rolled-back test would leak)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def public_home(db):
    from home.models import PublicHomePage

    return PublicHomePage.objects.get()


@pytest.fixture
def intranet_home(db):
    from home.models import IntranetHomePage

    return IntranetHomePage.objects.get()


@pytest.fixture
def public_client(db):
    """A browser of its own (own cookies) on the public host."""
    from django.test import Client

    return Client(HTTP_HOST="localhost")


@pytest.fixture
def intranet_client(db):
    """An anonymous browser of its own on the intranet host."""
    from django.test import Client

    return Client(HTTP_HOST="intranet.localhost")


def _login(client, user):
    """Log `client` in as `user` (a user, or the username of an existing one); returns the user."""
    from django.contrib.auth import get_user_model

    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client.force_login(user)
    return user


@pytest.fixture
def login():
    return _login


@pytest.fixture
def superuser(db):
    from tests.factories import SuperuserFactory

    return SuperuserFactory()


@pytest.fixture
def staff_member(db):
    """A member of staff (全体职工) with no editorial role, in a department of the test's own."""
    from tests.factories import StaffFactory

    return StaffFactory()


def pytest_collection_modifyitems(config, items):
    """Browser journeys commit what they submit, so they run after every other test.

    Transactional tests are refused: Django flushes every table after them, which would wipe the
    demo database the rest of the session relies on. For concurrency, use tests.helpers.in_threads."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses_flush = {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        if (marker and marker.kwargs.get("transaction")) or uses_flush:
            raise pytest.UsageError(
                f"{item.nodeid}: transactional tests would flush the shared demo database; "
                "use tests.helpers.in_threads for concurrency instead"
            )
        if "/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
