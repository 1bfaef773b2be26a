"""Runs first among the browser tests. Being a database test, it also makes pytest-django create the
test database when only the browser tests are selected (it sets up only databases tests ask for),
so the server the journeys drive never touches the development database."""

import pytest


@pytest.mark.django_db
def test_the_server_will_see_the_demo_database():
    from django.db import connection

    from columns.models import ArticlePage, ColumnPage

    assert "test" in str(connection.settings_dict["NAME"])
    assert ColumnPage.objects.count() == 41
    assert ArticlePage.objects.live().count() > 1000
