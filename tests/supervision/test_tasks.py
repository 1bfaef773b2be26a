"""督办: an item from a leader's instruction or a proposal, 签收, 反馈, 催办, 办结; the deadline in
working days across a holiday; the board's traffic lights; who sees it."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from intranet.notify.models import Notification
from intranet.org.models import CalendarDay
from intranet.supervision import transitions
from intranet.supervision.choices import Light, Source, TaskState
from intranet.supervision.models import SupervisionTask, TaskLogEntry
from intranet.supervision.transitions import TransitionError, task_transition

NS = "wagtailsnippets_supervision_supervisiontask"


def national_day():
    for day in range(1, 8):
        CalendarDay.objects.update_or_create(date=date(2031, 10, day), defaults={"kind": "holiday", "name": "国庆节"})
    CalendarDay.objects.update_or_create(date=date(2031, 10, 11), defaults={"kind": "workday", "name": "国庆节"})


def make_task(bureau, start=date(2031, 9, 26), days=3, **fields):
    fields.setdefault("title", "落实局长关于排污口整治的批示")
    task = SupervisionTask.objects.create(
        source=Source.INSTRUCTION, lead_department=bureau.lead,
        start_date=start, working_days=days, created_by=bureau.admin, **fields,
    )
    task.co_departments.set([bureau.co])
    transitions.task_assigned(task, bureau.admin)
    return task


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_deadline_in_working_days_skips_the_holiday(bureau):
    national_day()
    task = make_task(bureau, start=date(2031, 9, 26), days=3)  # Fri; Mon 29, Tue 30, then Wed Oct 8
    assert task.deadline == date(2031, 10, 8)
    task.working_days = 6  # Sep 29, 30, Oct 8, 9, 10 and the 调休 Saturday Oct 11
    task.save()
    assert task.deadline == date(2031, 10, 11)


def test_life_of_an_item(bureau):
    task = make_task(bureau)
    assert Notification.objects.filter(recipient=bureau.handler, event="supervision.task").exists()
    assert transitions.allowed(task, bureau.co_clerk) == {}
    with pytest.raises(TransitionError, match="只有主办部门的工作人员可以签收"):
        task_transition(task, bureau.co_clerk, "sign")
    with pytest.raises(TransitionError, match="当前状态为“待签收”，不能反馈进展"):
        task_transition(task, bureau.handler, "report", text="进展")
    task = task_transition(task, bureau.handler, "sign")
    assert task.state == TaskState.SIGNED and task.signed_by == bureau.handler
    task_transition(task, bureau.co_clerk, "report", text="监测站已完成采样。")
    with pytest.raises(TransitionError, match="请填写进展情况"):
        task_transition(task, bureau.handler, "report", text=" ")
    assert Notification.objects.filter(recipient=bureau.admin, event="supervision.task_report").exists()
    task_transition(task, bureau.leader, "urge")
    with pytest.raises(TransitionError, match="今天已催办过"):
        task_transition(task, bureau.admin, "urge")
    with pytest.raises(TransitionError, match="只有局领导或信息中心管理员可以办结"):
        task_transition(task, bureau.handler, "close")
    task = task_transition(task, bureau.admin, "close")
    assert task.state == TaskState.CLOSED and task.closed_at
    assert list(task.reports.values_list("text", flat=True)) == ["监测站已完成采样。"]
    actions = list(TaskLogEntry.objects.filter(task=task).order_by("timestamp", "id").values_list("action", flat=True))
    assert actions == [
        "supervision.task_assign", "supervision.task_sign", "supervision.task_report",
        "supervision.task_urge", "supervision.task_close",
    ]
    with pytest.raises(TransitionError, match="不能催办"):
        task_transition(task, bureau.leader, "urge")


def test_a_proposal_spawns_one_item(bureau):
    proposal = bureau.proposal()
    with pytest.raises(TransitionError, match="只有局领导或信息中心管理员"):
        transitions.spawn_task(proposal, bureau.handler)
    task = transitions.spawn_task(proposal, bureau.leader, working_days=5, start_date=date(2031, 9, 26))
    assert (task.source, task.proposal, task.lead_department) == (Source.PROPOSAL, proposal, bureau.lead)
    assert list(task.co_departments.all()) == [bureau.co]
    with pytest.raises(TransitionError, match="已列入督办"):
        transitions.spawn_task(proposal, bureau.admin)
    response = client_for(bureau.admin).post(reverse("supervision_spawn", args=[proposal.pk]), {"spawn-working_days": "5"})
    assert response.status_code == 302 and SupervisionTask.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("who, sees", [("handler", True), ("co_clerk", True), ("leader", True), ("admin", True), ("stranger", False)])
def test_item_access_matrix(bureau, who, sees):
    task = make_task(bureau, title="落实某项仅限相关部门的批示")
    client = client_for(getattr(bureau, who))
    for url in (reverse(f"{NS}:inspect", args=[task.pk]), reverse(f"{NS}:history", args=[task.pk]), reverse("supervision_task", args=[task.pk])):
        assert client.get(url).status_code in ((200, 302) if sees else (404,)), url
    assert ("落实某项仅限相关部门的批示" in client.get(reverse("supervision_board")).content.decode()) is sees
    assert ("落实某项仅限相关部门的批示" in client.get(reverse(f"{NS}:list")).content.decode()) is sees
    posted = client.post(reverse(f"{NS}:action", args=[task.pk, "sign"]))
    assert posted.status_code == (302 if who == "handler" else 400 if sees else 404)


def test_board_lights_across_the_holiday(bureau, monkeypatch, django_assert_max_num_queries):
    national_day()
    monkeypatch.setattr("intranet.supervision.deadlines.current_date", lambda: date(2031, 9, 30))
    on_time = make_task(bureau, title="按期事项", start=date(2031, 9, 29), days=10)  # Sep 30, Oct 8-11 (11: 调休), 13-17: due Oct 17
    due_soon = make_task(bureau, title="临期事项", start=date(2031, 9, 26), days=3)  # due Oct 8: 1 working day away
    late = make_task(bureau, title="超期事项", start=date(2031, 9, 22), days=3)  # due Sep 25
    make_task(bureau, title="已办结事项", state=TaskState.CLOSED)
    client = client_for(bureau.handler)
    client.get(reverse("supervision_board"))
    with django_assert_max_num_queries(25):
        page = client.get(reverse("supervision_board"))
    rows = {row.title: row.light for row in page.context["rows"] if row.lead_department_id == bureau.lead.pk}
    assert rows == {"按期事项": Light.GREEN, "临期事项": Light.AMBER, "超期事项": Light.RED}
    html = page.content.decode()
    assert "已办结事项" not in html and "sv-light--red" in html
    assert (on_time.deadline, due_soon.deadline, late.deadline) == (date(2031, 10, 17), date(2031, 10, 8), date(2031, 9, 25))
