"""setup_roles composes the roles every app registers, lower floors first, all or nothing."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail import hooks

from core.roles import ROLES_HOOK, RolesNotReady, role_order, role_parts


def test_parts_run_in_floor_order():
    names = [f"{part.__module__}.{part.__name__}" for part in role_parts()]
    assert names.index("home.wagtail_hooks.editorial_roles") < names.index("interaction.cases.wagtail_hooks.case_roles")
    assert role_order("core") < role_order("columns") < role_order("home") <= role_order("interaction.cases")


def test_an_app_without_a_floor_cannot_register():
    with pytest.raises(ValueError):
        role_order("nowhere")


@pytest.mark.django_db
def test_the_command_runs_every_registered_part_in_order():
    calls = []
    late = lambda: calls.append("late")  # noqa: E731
    early = lambda: calls.append("early")  # noqa: E731
    with hooks.register_temporarily([(ROLES_HOOK, late)], order=50), hooks.register_temporarily(
        [(ROLES_HOOK, early)], order=-1
    ):
        out = io.StringIO()
        call_command("setup_roles", stdout=out)
    assert calls == ["early", "late"]
    assert "已就绪" in out.getvalue()


@pytest.mark.django_db
def test_a_part_that_cannot_run_changes_nothing_and_says_why():
    def creates_a_group():
        Group.objects.create(name="临时角色")

    def not_ready():
        raise RolesNotReady("尚未准备好")

    err = io.StringIO()
    with hooks.register_temporarily([(ROLES_HOOK, creates_a_group)], order=-1), hooks.register_temporarily(
        [(ROLES_HOOK, not_ready)], order=50
    ):
        call_command("setup_roles", stdout=io.StringIO(), stderr=err)
    assert "尚未准备好" in err.getvalue()
    assert not Group.objects.filter(name="临时角色").exists()


@pytest.mark.django_db
def test_without_home_pages_the_command_asks_for_build_columns(monkeypatch):
    monkeypatch.setattr("home.wagtail_hooks.site_home_pages", lambda: [])
    err = io.StringIO()
    call_command("setup_roles", stdout=io.StringIO(), stderr=err)
    assert "请先运行 build_columns" in err.getvalue()
