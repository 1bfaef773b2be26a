"""Retention: personal data of cases ended more than N years ago is purged, statistics stay."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction.cases import stats, workflow
from interaction.cases.choices import Channel, Rating, Status
from interaction.cases.models import Case, CaseLogEntry, CaseSettings
from interaction.cases.retention import PURGED_TITLE, cutoff_for, purge_personal_data
from interaction.cases.tasks import purge_case_personal_data

from .conftest import CITIZEN, DISCLOSURE_ID_NUMBER
from .test_public_pages import channel_page, sub_url

pytestmark = pytest.mark.django_db

LATER = timedelta(days=366 * 4)  # "now" for the purge: four years on, past the default three


@pytest.fixture
def ended_cases(case_factory, dept_a, dept_b, info_centre, photo):
    """Cases in every ended state, with personal data everywhere it can be, and one still open."""
    published = case_factory.replied(dept_a, attachments=[photo], title="欧阳明华反映川沙路噪声")
    workflow.publish(published, info_centre, public_title="川沙路夜间施工噪声", public_content="川沙路工地夜间施工。",
                     public_reply="已责令停止夜间施工。")
    workflow.rate(published, Rating.SATISFIED, "欧阳明华很满意，电话13912345678")
    disclosure = case_factory.replied(dept_b, channel=Channel.DISCLOSURE, attachments=[photo])
    rejected = case_factory.submitted(Channel.MAILBOX)
    workflow.reject(rejected, info_centre, "来信人欧阳明华重复来信")
    duplicate = case_factory.submitted()
    workflow.merge(duplicate, info_centre, published)
    withdrawn = case_factory.replied(dept_a, channel=Channel.CONSULTATION)
    workflow.publish(withdrawn, info_centre, public_content="咨询人欧阳明华，家住张杨路1234弄。")
    workflow.unpublish(withdrawn, info_centre)
    workflow.close(withdrawn, info_centre)
    open_case = case_factory.processing(dept_a)
    workflow.request_extension(open_case, info_centre, 3, "欧阳明华要求现场勘察")
    return {
        "published": published, "disclosure": disclosure, "rejected": rejected, "duplicate": duplicate,
        "withdrawn": withdrawn, "open": open_case,
    }


def everything(year):
    today = timezone.localdate()
    return {
        "period": stats.period_stats(today - timedelta(days=400), today, today=today),
        "monthly": {channel: stats.monthly_public_stats(channel, today=today) for channel in Channel.values},
        "disclosure": stats.disclosure_annual_table(year),
    }


def test_statistics_answer_the_same_before_and_after(ended_cases):
    year = timezone.localdate().year
    before = everything(year)
    assert before["period"]["received"] >= 6 and before["period"]["satisfaction"]["满意"] >= 1
    result = purge_personal_data(timezone.now() + LATER)
    assert result.count >= 5
    assert everything(year) == before


def test_personal_data_attachments_and_free_text_are_gone(ended_cases, django_capture_on_commit_callbacks):
    files = [(a.file.storage, a.file.name) for a in ended_cases["published"].attachments.all()]
    assert files and all(storage.exists(name) for storage, name in files)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        purge_personal_data(timezone.now() + LATER)
        assert all(storage.exists(name) for storage, name in files)  # not before the commit
    assert callbacks

    for key in ("published", "disclosure", "rejected", "duplicate", "withdrawn"):
        case = Case.objects.get(pk=ended_cases[key].pk)
        values = " ".join(str(getattr(case, f.attname)) for f in Case._meta.concrete_fields)
        for private in (*CITIZEN.values(), DISCLOSURE_ID_NUMBER, "欧阳", "夜间工地施工噪声扰民", "某工地每晚施工到凌晨两点",
                        "川沙路100号", "经查，已责令工地停止夜间施工", "13912345678"):
            assert private not in values, (key, private)
        assert case.personal_data_purged_at is not None and case.query_code_hash == ""
        assert not case.attachments.exists()
        history = " ".join(f"{e.label} {e.data}" for e in CaseLogEntry.objects.filter(case_id=case.pk))
        assert "欧阳" not in history and "13912345678" not in history
    assert not any(storage.exists(name) for storage, name in files)

    published = Case.objects.get(pk=ended_cases["published"].pk)
    # What stays: the state, the figures and, while published, the redacted public texts.
    assert (published.status, published.rating, published.category, published.department_id) == (
        Status.CLOSED, Rating.SATISFIED, "noise", ended_cases["published"].department_id,
    )
    assert published.is_public and published.title == published.public_title == "川沙路夜间施工噪声"
    assert published.public_reply == "已责令停止夜间施工。"
    withdrawn = Case.objects.get(pk=ended_cases["withdrawn"].pk)
    assert withdrawn.title == PURGED_TITLE and not withdrawn.public_content  # unpublished: nothing kept
    disclosure = Case.objects.get(pk=ended_cases["disclosure"].pk)
    assert (disclosure.applicant_type, disclosure.id_type, disclosure.result) == ("person", "id_card", "disclose")

    still_open = Case.objects.get(pk=ended_cases["open"].pk)
    assert still_open.name == CITIZEN["name"] and still_open.personal_data_purged_at is None
    assert still_open.extension_reason == "欧阳明华要求现场勘察"


def test_a_purged_case_can_no_longer_be_looked_up_and_the_archive_keeps_the_public_text(
    ended_cases, public_client, public_home
):
    case = ended_cases["published"]
    purge_personal_data(timezone.now() + LATER)
    assert Case.objects.find_by_code(case.channel, case.reference, "AAAA2222") is None
    detail = public_client.get(sub_url(channel_page(public_home, Channel.COMPLAINT), "archive_detail", case.reference))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "川沙路夜间施工噪声" in text and "欧阳" not in text


def test_nothing_is_purged_within_the_retention_period_and_the_setting_decides(ended_cases):
    assert purge_personal_data(timezone.now() + timedelta(days=366 * 2)).count == 0
    assert Case.objects.get(pk=ended_cases["published"].pk).name == CITIZEN["name"]
    settings = CaseSettings.load()
    settings.retention_years = 1
    settings.save()
    purged = purge_personal_data(timezone.now() + timedelta(days=366 * 2)).references
    assert ended_cases["published"].reference in purged
    assert ended_cases["open"].reference not in purged


def test_dry_run_changes_nothing_and_a_second_run_purges_nothing(ended_cases):
    later = timezone.now() + LATER
    planned = purge_personal_data(later, dry_run=True)
    assert ended_cases["rejected"].reference in planned.references
    assert Case.objects.get(pk=ended_cases["rejected"].pk).name == CITIZEN["name"]
    assert not ModelLogEntry.objects.filter(action="cases.purge_personal_data_run").exists()

    done = purge_personal_data(later)
    assert sorted(done.references) == sorted(planned.references)
    assert purge_personal_data(later).count == 0
    runs = ModelLogEntry.objects.filter(action="cases.purge_personal_data_run")
    assert runs.count() == 1
    assert runs.get().data["count"] == done.count  # the count, never contents
    assert "欧阳" not in str(runs.get().data)
    entry = CaseLogEntry.objects.get(case_id=ended_cases["rejected"].pk, action="cases.purge_personal_data")
    assert entry.user is None and entry.data == {"retention_years": 3}


def test_command_dry_run_and_task(ended_cases):
    day = (timezone.localdate() + LATER).isoformat()
    out = io.StringIO()
    call_command("purge_case_personal_data", "--dry-run", "--date", day, stdout=out)
    assert "将清除" in out.getvalue() and ended_cases["rejected"].reference in out.getvalue()
    assert "试运行" in out.getvalue() and "欧阳" not in out.getvalue()
    assert Case.objects.get(pk=ended_cases["rejected"].pk).name == CITIZEN["name"]

    result = purge_case_personal_data.enqueue((timezone.now() + LATER).isoformat())
    assert result.return_value["count"] >= 5
    assert ended_cases["rejected"].reference in result.return_value["references"]
    out = io.StringIO()
    call_command("purge_case_personal_data", "--date", day, stdout=out)
    assert "没有需要清除" in out.getvalue()


def test_bad_date_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("purge_case_personal_data", "--date", "2026-13-40")


def test_cutoff_is_whole_calendar_years():
    leap = timezone.make_aware(datetime(2028, 2, 29, 12))
    assert cutoff_for(leap, 3).date().isoformat() == "2025-02-28"
    assert cutoff_for(timezone.make_aware(datetime(2029, 6, 1, 9)), 3).date().isoformat() == "2026-06-01"
