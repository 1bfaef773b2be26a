"""Who may open a 两会议案, over every URL that shows it: lead and co departments' staff, leaders
and 信息中心管理员 see it; anyone else gets a 404, by a typed URL as by a hidden link."""

import pytest
from django.test import Client
from django.urls import reverse

from intranet.supervision.access import visible_proposals
from intranet.supervision.choices import State
from intranet.supervision.models import SupervisionLogEntry

NS = "wagtailsnippets_supervision_proposal"
SEES = {"handler": True, "co_clerk": True, "leader": True, "admin": True, "stranger": False}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who, sees", SEES.items())
def test_access_matrix(bureau, who, sees):
    proposal = bureau.proposal(title="关于治理川沙餐饮油烟的建议")
    client = client_for(getattr(bureau, who))
    listing = client.get(reverse(f"{NS}:list"), {"year": 1995})
    assert listing.status_code == 200
    assert ("关于治理川沙餐饮油烟的建议" in listing.content.decode()) is sees
    for url in (
        reverse(f"{NS}:inspect", args=[proposal.pk]),
        reverse(f"{NS}:history", args=[proposal.pk]),
        reverse("supervision_proposal", args=[proposal.pk]),
    ):
        assert client.get(url).status_code in ((200, 302) if sees else (404,)), url
    assert visible_proposals(getattr(bureau, who)).filter(pk=proposal.pk).exists() is sees


@pytest.mark.parametrize("who, may_edit", [("admin", True), ("leader", True), ("handler", False), ("co_clerk", False), ("stranger", False)])
def test_only_supervisors_edit_and_register(bureau, who, may_edit):
    proposal = bureau.proposal()
    client = client_for(getattr(bureau, who))
    assert client.get(reverse(f"{NS}:edit", args=[proposal.pk])).status_code == (200 if may_edit else 404)
    assert (client.get(reverse(f"{NS}:add")).status_code == 200) is may_edit


def test_stranger_cannot_move_a_proposal_by_post(bureau):
    proposal = bureau.proposal()
    response = client_for(bureau.stranger).post(reverse(f"{NS}:action", args=[proposal.pk, "start"]))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == State.ASSIGNED


def test_actions_through_the_admin(bureau):
    proposal = bureau.proposal()
    handler = client_for(bureau.handler)
    page = handler.get(reverse(f"{NS}:inspect", args=[proposal.pk])).content.decode()
    assert "开始办理" in page and "办结" not in page.split("办理记录")[0].split("概况")[-1].replace("已办结", "")
    assert handler.post(reverse(f"{NS}:action", args=[proposal.pk, "start"])).status_code == 302
    refused = handler.post(reverse(f"{NS}:action", args=[proposal.pk, "reply"]), {"reply-reply": ""})
    assert refused.status_code == 400 and "请检查填写的内容" in refused.content.decode()
    wrong = client_for(bureau.co_clerk).post(reverse(f"{NS}:action", args=[proposal.pk, "start"]))
    assert wrong.status_code == 400 and "不能开始办理" in wrong.content.decode()
    assert handler.post(reverse(f"{NS}:action", args=[proposal.pk, "reply"]), {"reply-reply": "已整治。"}).status_code == 302
    closed = client_for(bureau.admin).post(reverse(f"{NS}:action", args=[proposal.pk, "close"]), {"close-feedback": "satisfied"})
    assert closed.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.CLOSED and proposal.get_feedback_display() == "满意"


def test_created_in_the_admin_is_assigned_and_logged(bureau):
    client = client_for(bureau.admin)
    response = client.post(reverse(f"{NS}:add"), {
        "body": "cppcc", "year": 1995, "number": 42, "title": "关于推进高桥公厕改造的提案", "proposer": "李秀英",
        "category": "市容环卫", "bureau_leads": "on", "content": "", "lead_department": bureau.lead.pk,
        "co_departments": [bureau.co.pk], "deadline": "1995-07-01",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = SupervisionLogEntry.objects.get(action="supervision.assign", proposal__number=42, proposal__year=1995)
    assert entry.user == bureau.admin
    assert bureau.handler.notifications.filter(event="supervision.assigned").exists()


def test_audit_log_is_scoped(bureau):
    proposal = bureau.proposal()
    assert SupervisionLogEntry.objects.viewable_by_user(bureau.handler).filter(proposal=proposal).exists()
    assert not SupervisionLogEntry.objects.viewable_by_user(bureau.stranger).filter(proposal=proposal).exists()


def test_rates_page_for_supervisors_only(bureau):
    bureau.proposal()
    refused = client_for(bureau.stranger).get(reverse("supervision_rates"))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # Wagtail's permission-denied redirect
    page = client_for(bureau.leader).get(reverse("supervision_rates"), {"year": 1995})
    assert page.status_code == 200 and "测试污防处" in page.content.decode()


def test_listing_queries_do_not_grow_per_row(bureau, django_assert_max_num_queries):
    for n in range(1, 8):
        bureau.proposal(number=n)
    client = client_for(bureau.handler)
    client.get(reverse(f"{NS}:list"))
    with django_assert_max_num_queries(40):
        assert client.get(reverse(f"{NS}:list"), {"year": 1995}).status_code == 200
