"""Statistics for the monitoring centre and the public channel pages (a far-future year keeps the
demo cases out of the way; 2031 has no holiday data, so plain weekends apply)."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from interaction.cases import stats
from interaction.cases import workflow as wf
from interaction.cases.choices import Channel, DisclosureResult
from interaction.cases.models import Case
from intranet.org.models import Department
from tests.factories import DepartmentFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def admin():
    return SuperuserFactory()


def handling_department():
    """The department every replied test case is assigned to (made on first use in a test)."""
    return Department.objects.filter(code="stats-test").first() or DepartmentFactory(code="stats-test", name="测试统计处")


def make(channel, received, admin, replied=None, category="noise", rating=None, applicant="person", result=None, reason=""):
    fields = {"name": "王五", "phone": "13800001111", "title": "统计测试", "content": "统计测试内容。"}
    if channel == Channel.COMPLAINT:
        fields["category"] = category
    if channel == Channel.DISCLOSURE:
        fields["applicant_type"] = applicant
    case, _ = wf.submit(channel, when=at(received), **fields)
    if replied is None:
        return case
    wf.accept(case, admin)
    wf.assign(case, admin, handling_department())
    kwargs = {"result": result or DisclosureResult.DISCLOSE, "result_reason": reason} if channel == Channel.DISCLOSURE else {}
    wf.draft_reply(case, admin, "答复。", **kwargs)
    wf.approve_reply(case, admin)
    Case.objects.filter(pk=case.pk).update(replied_at=at(replied, 16))
    if rating:
        wf.rate(case, rating)
        Case.objects.filter(pk=case.pk).update(rated_at=at(replied, 17))
    case.refresh_from_db()
    return case


def test_period_counts_reply_times_and_satisfaction(admin):
    # Monday 3 March 2031; a complaint has 15 working days: due Monday 24 March.
    make(Channel.COMPLAINT, date(2031, 3, 3), admin, replied=date(2031, 3, 10), rating="satisfied")  # 5 days
    make(Channel.COMPLAINT, date(2031, 3, 3), admin, replied=date(2031, 3, 31), category="air", rating="unsatisfied")  # 20 days, late
    make(Channel.CONSULTATION, date(2031, 4, 1), admin, replied=date(2031, 4, 2))  # 1 day
    make(Channel.MAILBOX, date(2031, 4, 7), admin)  # open
    result = stats.period_stats(date(2031, 3, 1), date(2031, 4, 30), today=date(2031, 5, 1))
    assert result["received"] == 4
    assert result["by_channel"]["网上投诉"] == 2 and result["by_channel"]["局长信箱"] == 1
    assert result["by_category"]["噪声"] == 1 and result["by_category"]["大气"] == 1
    assert result["by_month"] == {"2031-03": 2, "2031-04": 2}
    assert result["by_department"]["测试统计处"] == 3 and result["by_department"]["未分派"] == 1
    assert result["replies"] == {"replied": 3, "avg_days": round((5 + 20 + 1) / 3, 1), "max_days": 20, "on_time": 2, "on_time_rate": round(2 / 3, 4)}
    assert result["satisfaction"] == {"满意": 1, "基本满意": 0, "不满意": 1}
    assert result["by_status"]["已提交"] == 1


def test_unanswered_for_three_months_is_flagged(admin):
    make(Channel.MAILBOX, date(2031, 1, 6), admin)

    def flagged(today):
        return stats.period_stats(date(2031, 1, 1), date(2031, 1, 31), today=today)["unanswered_over_3_months"]

    # Older open demo cases count on both days; the January letter only once three months have passed.
    assert flagged(date(2031, 4, 10)) - flagged(date(2031, 2, 10)) == 1


def test_monthly_public_stats(admin):
    make(Channel.CONSULTATION, date(2031, 3, 3), admin, replied=date(2031, 3, 5))
    make(Channel.CONSULTATION, date(2031, 3, 4), admin, replied=date(2031, 3, 14))  # 8 days: late (limit 5)
    make(Channel.CONSULTATION, date(2031, 4, 1), admin)
    rows = stats.monthly_public_stats(Channel.CONSULTATION, months=3, today=date(2031, 4, 20))
    assert [r["month"] for r in rows] == ["2031-04", "2031-03", "2031-02"]
    april, march, february = rows
    assert april == {"month": "2031-04", "received": 1, "replied": 0, "avg_days": None, "on_time_rate": None}
    assert march["received"] == 2 and march["replied"] == 2
    assert march["avg_days"] == 5.0 and march["on_time_rate"] == 0.5
    assert february["received"] == 0


def test_disclosure_annual_table_balances(admin):
    # Open demo requests are carried into every later year: count what the test adds on top.
    before = stats.disclosure_annual_table(2031)["rows"]
    # Carried over from 2030: received in December 2030, answered in 2031.
    make(Channel.DISCLOSURE, date(2030, 12, 22), admin, replied=date(2031, 1, 10), applicant="business")
    make(Channel.DISCLOSURE, date(2031, 2, 3), admin, replied=date(2031, 2, 20))
    make(Channel.DISCLOSURE, date(2031, 3, 3), admin, replied=date(2031, 3, 20), result=DisclosureResult.WITHHOLD, reason="state_secret")
    make(Channel.DISCLOSURE, date(2031, 5, 5), admin, replied=date(2031, 5, 30), applicant="legal_service",
         result=DisclosureResult.UNAVAILABLE, reason="not_held")
    rejected = make(Channel.DISCLOSURE, date(2031, 6, 2), admin)
    wf.reject(rejected, admin, "不属于政府信息公开申请。")
    Case.objects.filter(pk=rejected.pk).update(closed_at=at(date(2031, 6, 4)))
    make(Channel.DISCLOSURE, date(2031, 12, 29), admin)  # carried forward
    table = stats.disclosure_annual_table(2031)
    rows = {key: {col: n - before[key][col] for col, n in row.items()} for key, row in table["rows"].items()}
    assert rows["new"]["total"] == 5 and rows["new"]["person"] == 4 and rows["new"]["legal_service"] == 1
    assert rows["carried_over"]["total"] == 1 and rows["carried_over"]["business"] == 1
    assert rows["disclose"]["total"] == 2
    assert rows["withhold"]["total"] == 1 and rows["withhold:state_secret"]["total"] == 1
    assert rows["unavailable:not_held"]["legal_service"] == 1
    assert rows["other:other"]["total"] == 1  # refused at intake
    assert rows["handled_total"]["total"] == 5
    assert rows["carried_forward"]["total"] == 1
    assert stats.check_disclosure_table(table)
    assert table["labels"]["withhold:state_secret"] == "属于国家秘密"
    # The previous year carries this request forward.
    assert stats.check_disclosure_table(stats.disclosure_annual_table(2030))
