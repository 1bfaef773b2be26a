"""一网一线: cases received by the 12369 hotline, a letter or a visit, registered in the admin by a
handler, then handled exactly like online cases and counted apart in the statistics."""

import re
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interaction.cases import stats, workflow
from interaction.cases.choices import Channel, ReceivedVia, Status
from interaction.cases.models import Case, CaseLogEntry
from intranet.org.models import STAFF_GROUP

from tests.factories import DepartmentFactory

from .conftest import CITIZEN

pytestmark = pytest.mark.django_db

MASKED_NAME = "欧**"


def register_url():
    return reverse(Case.snippet_viewset.get_url_name("register"))


def list_url():
    return reverse(Case.snippet_viewset.get_url_name("list"))


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(**overrides):
    data = {
        "received_via": ReceivedVia.HOTLINE.value,
        "channel": Channel.COMPLAINT.value,
        "name": CITIZEN["name"],
        "phone": CITIZEN["phone"],
        "address": CITIZEN["address"],
        "id_type": "",
        "id_number": "",
        "category": "noise",
        "location": "川沙路100号",
        "title": "工地夜间施工噪声扰民",
        "content": "来电反映川沙路100号工地每晚施工到凌晨两点，影响休息。",
    }
    data.update(overrides)
    return data


def is_refused(response):
    """Wagtail answers PermissionDenied with a redirect to the dashboard (403 for XHR)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


def test_a_department_handler_registers_a_hotline_complaint_for_her_department(handler_a, dept_a):
    client = logged_in(handler_a)
    page = client.get(register_url())
    assert page.status_code == 200 and "登记来电、来信、来访" in page.content.decode()
    response = client.post(register_url(), form_data())
    case = Case.objects.get(title="工地夜间施工噪声扰民")
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.pk}/")
    # Numbered like an online complaint (TS + date + serial), deadline by the same rule.
    assert re.fullmatch(r"TS\d{8}\d{4}", case.reference)
    assert case.received_via == ReceivedVia.HOTLINE and case.status == Status.SUBMITTED
    assert case.department == dept_a and case.phone == CITIZEN["phone"]
    entry = CaseLogEntry.objects.for_instance(case).get()
    assert (entry.action, entry.user, entry.data["received_via"]) == ("cases.register", handler_a, "hotline")
    # The receipt tells the handler the reference and the query code, once.
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page and "查询码" in page and "热线 12369" in page


def test_the_information_centre_registers_a_visit_left_for_dispatch(info_centre):
    response = logged_in(info_centre).post(register_url(), form_data(received_via="visit", channel="consultation", category=""))
    case = Case.objects.get(title="工地夜间施工噪声扰民")
    assert response.status_code == 302
    assert case.received_via == ReceivedVia.VISIT and case.channel == Channel.CONSULTATION
    assert case.department is None and case.reference.startswith("ZX")


@pytest.mark.parametrize("who", ["case_reviewer", "plain_staff", "anonymous"])
def test_who_may_not_register_is_refused_even_by_typed_url(request, make_staff, who):
    if who == "anonymous":
        client = Client()
    elif who == "plain_staff":
        client = logged_in(make_staff("plain_case", DepartmentFactory(), STAFF_GROUP))
    else:
        client = logged_in(request.getfixturevalue(who))
    for response in (client.get(register_url()), client.post(register_url(), form_data())):
        if who == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert is_refused(response)
    assert not Case.objects.filter(title="工地夜间施工噪声扰民").exists()
    if who == "case_reviewer":
        assert "登记来电来信来访" not in client.get(list_url()).content.decode()


def test_the_engine_refuses_registration_without_the_right(case_reviewer):
    with pytest.raises(workflow.TransitionError, match="没有权限登记"):
        workflow.register(Channel.MAILBOX, case_reviewer, "letter", **{k: v for k, v in form_data().items() if k in ("name", "phone", "title", "content")})


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(handler_a):
    client = logged_in(handler_a)
    response = client.post(register_url(), form_data(phone="12345", id_type="", id_number="11010519491231002X", category=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写正确的联系电话" in html
    assert "填写证件号码时，请选择证件类型。" in html
    assert "投诉请选择投诉类别。" in html
    # Nothing lost: the content, title and name come back in the form.
    assert "来电反映川沙路100号工地每晚施工到凌晨两点" in html and "工地夜间施工噪声扰民" in html and CITIZEN["name"] in html
    response = client.post(register_url(), form_data(received_via="online", id_type="id_card", id_number="110105194912310021"))
    html = response.content.decode()
    assert "请从列出的选项中选择受理方式。" in html
    assert "身份证号码不正确" in html
    assert not Case.objects.filter(title="工地夜间施工噪声扰民").exists()


def test_a_registered_case_runs_the_same_path_and_is_masked_in_the_listing(handler_a, info_centre, dept_a):
    case, code = workflow.register(Channel.MAILBOX, info_centre, "letter", name=CITIZEN["name"], phone=CITIZEN["phone"],
                                   title="建议增加公共厕所", content="来信建议在张杨路沿线增加公共厕所。")
    workflow.accept(case, info_centre)
    workflow.assign(case, info_centre, dept_a)
    workflow.draft_reply(case, handler_a, "已转相关部门研究落实。")
    workflow.approve_reply(case, info_centre)
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.received_via == ReceivedVia.LETTER
    actions = list(CaseLogEntry.objects.for_instance(case).order_by("timestamp", "pk").values_list("action", flat=True))
    assert actions == ["cases.register", "cases.accept", "cases.assign", "cases.draft_reply", "cases.approve_reply"]
    assert Case.objects.find_by_code(Channel.MAILBOX, case.reference, code) == case  # the caller can look it up
    listing = logged_in(handler_a).get(list_url(), {"received_via": "letter"}).content.decode()
    assert case.reference in listing and "来信" in listing
    assert MASKED_NAME in listing and CITIZEN["name"] not in listing and CITIZEN["phone"] not in listing


def test_statistics_count_registered_cases_by_how_they_were_received(case_factory, info_centre):
    online = case_factory.submitted(Channel.COMPLAINT)
    for via in ("hotline", "hotline", "visit"):
        workflow.register(Channel.COMPLAINT, info_centre, via, name="张三", phone="13800138000", category="noise",
                          title="噪声", content="来电反映夜间施工噪声扰民。")
    today = timezone.localdate(online.submitted_at)
    result = stats.period_stats(today, today)
    counts = result["by_received_via"]
    assert counts["网上"] >= 1 and counts["热线 12369"] >= 2 and counts["来访"] >= 1
    mine = Case.objects.filter(submitted_at__date=today)
    assert counts["热线 12369"] == mine.filter(received_via="hotline").count()
    assert counts["网上"] == mine.filter(received_via="online").exclude(status=Status.MERGED).count()
    assert sum(counts.values()) == result["received"]
