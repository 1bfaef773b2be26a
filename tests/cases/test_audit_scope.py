"""Case audit entries live in their own log table, scoped like the cases: the site history report
shows a handler only her department's cases, the information centre all of them."""

import pytest
from wagtail.log_actions import registry

from interaction.cases.models import Case, CaseLogEntry

pytestmark = pytest.mark.django_db


def test_case_actions_are_logged_in_the_case_log(case_factory, dept_a):
    case = case_factory.processing(dept_a)
    assert registry.get_log_model_for_instance(case) is CaseLogEntry
    actions = list(CaseLogEntry.objects.for_instance(case).order_by("timestamp", "id").values_list("action", flat=True))
    assert actions == ["cases.submit", "cases.accept", "cases.assign"]


def test_site_history_is_scoped_to_the_handlers_department(client, case_factory, dept_a, dept_b, handler_a, info_centre):
    mine = case_factory.processing(dept_a, title="甲部门的投诉标题")
    theirs = case_factory.processing(dept_b, title="乙部门的保密投诉标题")
    assert set(CaseLogEntry.objects.viewable_by_user(handler_a).values_list("case_id", flat=True)) == {mine.pk}
    assert {mine.pk, theirs.pk} <= set(CaseLogEntry.objects.viewable_by_user(info_centre).values_list("case_id", flat=True))

    client.force_login(handler_a)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "甲部门的投诉标题" in html
    assert "乙部门的保密投诉标题" not in html
    assert Case.objects.filter(pk=theirs.pk).exists()
