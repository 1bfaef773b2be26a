from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intranet.meetings import services
from intranet.meetings.models import MeetingAttachment, MeetingLogEntry, Receipt
from intranet.notify.api import todo_counts
from intranet.oa.attachments import store_document
from tests.factories import StaffFactory

SEES = ["organiser", "registrar", "r1", "person"]
BLIND = ["colleague", "other_registrar", "stranger"]


@pytest.fixture
def meeting(bureau):
    meeting = bureau.meeting()
    MeetingAttachment.objects.create(meeting=meeting, document=_document(bureau.organiser), added_by=bureau.organiser)
    return meeting


def _document(user):
    return store_document(SimpleUploadedFile("议程.pdf", b"%PDF-1.4 agenda"), user)


def urls(meeting):
    attachment = meeting.attachments.get()
    return [
        reverse("meetings_detail", args=[meeting.pk]),
        reverse("meetings_attachment", args=[meeting.pk, attachment.pk]),
    ]


@pytest.mark.parametrize("name", SEES)
def test_organiser_registrar_and_recipients_open_the_notice_and_its_files(bureau, meeting, name, client):
    client.force_login(getattr(bureau, name))
    for url in urls(meeting):
        assert client.get(url).status_code == 200
    assert meeting.title in client.get(reverse("meetings_list") + "?tab=all").content.decode()


@pytest.mark.parametrize("name", BLIND)
def test_everyone_else_gets_404_and_an_empty_list(bureau, meeting, name, client):
    client.force_login(getattr(bureau, name))
    for url in urls(meeting):
        assert client.get(url).status_code == 404
    for action in ("meetings_reply", "meetings_urge", "meetings_upload"):
        assert client.post(reverse(action, args=[meeting.pk]), {"attending": "1"}).status_code == 404
    assert client.get(reverse("meetings_sign_in", args=[meeting.pk])).status_code == 404
    assert meeting.title not in client.get(reverse("meetings_list") + "?tab=all").content.decode()


def test_a_superuser_without_a_part_sees_nothing(bureau, meeting, client):
    client.force_login(StaffFactory(department=bureau.other, is_superuser=True))
    assert client.get(reverse("meetings_detail", args=[meeting.pk])).status_code == 404
    assert meeting.title not in client.get(reverse("meetings_list") + "?tab=all").content.decode()


def test_recipients_cannot_see_who_has_not_replied_nor_print_the_sign_in_list(bureau, meeting, client):
    client.force_login(bureau.r1)
    page = client.get(reverse("meetings_detail", args=[meeting.pk])).content.decode()
    assert "未回执人员" not in page and "我的回执" in page
    assert client.get(reverse("meetings_sign_in", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings_urge", args=[meeting.pk])).status_code == 302
    assert not MeetingLogEntry.objects.filter(meeting=meeting, action="meetings.urge").exists()


def test_replying_through_the_page_and_the_organiser_sees_the_missing(bureau, meeting, client):
    client.force_login(bureau.r1)
    response = client.post(reverse("meetings_reply", args=[meeting.pk]), {"attending": "1", "attendees": "河道一、王五"}, follow=True)
    assert "回执已提交" in response.content.decode()
    client.force_login(bureau.person)
    response = client.post(reverse("meetings_reply", args=[meeting.pk]), {"attending": "0", "reason": ""}, follow=True)
    assert "不参加须说明原因" in response.content.decode()
    client.post(reverse("meetings_reply", args=[meeting.pk]), {"attending": "0", "reason": "外出执法"})
    client.force_login(bureau.organiser)
    page = client.get(reverse("meetings_detail", args=[meeting.pk])).content.decode()
    assert '<span class="meeting-replied">2</span>' in page
    assert '<span class="meeting-missing-count">1</span>' in page
    missing = page.split('class="meeting-missing"')[1].split("</ul>")[0]
    assert "河道二" in missing and "河道一" not in missing
    sign_in = client.get(reverse("meetings_sign_in", args=[meeting.pk])).content.decode()
    assert "王五" in sign_in and "点名丁" not in sign_in and "河道二" not in sign_in
    response = client.post(reverse("meetings_urge", args=[meeting.pk]), follow=True)
    assert "已通过信息精灵催办 1 位" in response.content.decode()
    response = client.post(reverse("meetings_urge", args=[meeting.pk]), follow=True)
    assert "今天已经催办过" in response.content.decode()


def test_a_late_reply_through_the_page_gets_a_clear_message(bureau, client):
    now = timezone.now()
    meeting = bureau.meeting(now=now - timedelta(days=3), starts_at=now + timedelta(hours=2), reply_deadline=now - timedelta(hours=1))
    client.force_login(bureau.r1)
    page = client.get(reverse("meetings_detail", args=[meeting.pk])).content.decode()
    assert "回执已截止，您未回执" in page and "提交回执" not in page
    response = client.post(reverse("meetings_reply", args=[meeting.pk]), {"attending": "1"})
    assert "已过，不能再回执" in response.content.decode()
    assert Receipt.objects.get(meeting=meeting, user=bureau.r1).status == Receipt.Status.PENDING


def test_sending_a_notice_through_the_form_with_an_attachment(bureau, client):
    client.force_login(bureau.organiser)
    when = timezone.localtime() + timedelta(days=4)
    response = client.post(reverse("meetings_new"), {
        "title": "河长制工作会", "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "二楼会议室",
        "agenda": "听取汇报", "reply_deadline": (when - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "departments": [bureau.river.pk], "file": SimpleUploadedFile("名单.pdf", b"%PDF-1.4 list"),
    }, follow=True)
    page = response.content.decode()
    assert "会议通知已发送，共 2 人" in page and "名单.pdf" in page


def test_the_form_refuses_a_notice_without_recipients_or_with_a_bad_file(bureau, client):
    client.force_login(bureau.organiser)
    when = timezone.localtime() + timedelta(days=4)
    data = {"title": "空会", "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "一楼", "agenda": "无",
            "reply_deadline": (when - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}
    assert "请至少选择一个参会部门或参会人员" in client.post(reverse("meetings_new"), data).content.decode()
    data.update(people=[bureau.person.pk], file=SimpleUploadedFile("病毒.exe", b"MZ"))
    assert "不支持的文件类型：exe" in client.post(reverse("meetings_new"), data).content.decode()
    assert not bureau.person.meeting_receipts.exists()


def test_the_list_needs_the_same_queries_for_one_row_as_for_many(bureau, client):
    bureau.meeting(title="会议0")
    client.force_login(bureau.r1)
    client.get(reverse("meetings_list"))  # warm the per-session caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("meetings_list"))
    for n in range(1, 7):
        bureau.meeting(title=f"会议{n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("meetings_list")).content.decode()
    assert page.count("未回执</span>") == 7
    assert len(many) == len(one) <= 20


def test_the_intranet_home_counts_unanswered_notices(bureau, meeting):
    rows = {row["key"]: row for row in todo_counts(bureau.r1)}
    assert rows["meetings"]["count"] == 1 and rows["meetings"]["label"] == "未回执会议"
    services.reply(meeting, bureau.r1, attending=True)
    assert {row["key"]: row for row in todo_counts(bureau.r1)}["meetings"]["count"] == 0
