"""The public pages: list, register (the code shown once), cancel with the code, sign up."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail

from interaction.volunteers.models import Registration, Volunteer

from .conftest import ActivityFactory, person

pytestmark = pytest.mark.django_db


def captcha(client, url):
    page = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def route(page, name, *args):
    return page.get_url() + page.reverse_subpage(name, args=args).lstrip("/")


def register(client, page, activity, i):
    url = route(page, "activity", activity.pk)
    return client.post(url, {**person(i), "agree": "on", **captcha(client, url)}, follow=True)


def test_list_shows_upcoming_activities_with_places(public_client, volunteer_page, activity):
    html = public_client.get(volunteer_page.get_url()).content.decode()
    assert activity.title in html and "名额" in html and "志愿者登记" in html


def test_register_shows_code_once_then_cancel_with_it(public_client, volunteer_page, activity):
    response = register(public_client, volunteer_page, activity, 1)
    html = response.content.decode()
    assert "报名成功" in html
    assert "no-store" in response["Cache-Control"]
    reference = re.search(r'data-testid="reference">([A-Z0-9]+)<', html).group(1)
    code = re.search(r'data-testid="code">([A-Z0-9]+)<', html).group(1)
    registration = Registration.objects.get(reference=reference)
    assert code not in registration.code_hash
    # Shown once: a reload no longer has it.
    assert code not in public_client.get(route(volunteer_page, "registered")).content.decode()

    url = route(volunteer_page, "cancel")
    wrong = public_client.post(url, {"reference": reference, "code": "ABCDEFGH", **captcha(public_client, url)})
    assert "不正确" in wrong.content.decode() and reference in wrong.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    done = public_client.post(url, {"reference": reference.lower(), "code": code.lower(), **captcha(public_client, url)})
    assert "已取消报名" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_full_activity_waitlists_and_a_cancellation_promotes(public_client, volunteer_page, django_capture_on_commit_callbacks):
    activity = ActivityFactory(capacity=1)
    register(public_client, volunteer_page, activity, 1)
    html = register(public_client, volunteer_page, activity, 2).content.decode()
    assert "已进入候补名单" in html and "第 <strong>1</strong> 位候补" in html
    first = Registration.objects.get(activity=activity, phone=person(1)["phone"])
    from interaction.volunteers import registration as rules

    with django_capture_on_commit_callbacks(execute=True):
        rules.cancel(first)
    assert Registration.objects.get(activity=activity, phone=person(2)["phone"]).status == Registration.Status.CONFIRMED
    assert mail.outbox and mail.outbox[0].to == [person(2)["email"]]


def test_form_errors_keep_input(public_client, volunteer_page, activity):
    url = route(volunteer_page, "activity", activity.pk)
    response = public_client.post(url, {**person(1, phone="12345"), "agree": "on", **captcha(public_client, url)})
    html = response.content.decode()
    assert "请填写正确的联系电话" in html and "志愿者1" in html
    assert not Registration.objects.filter(activity=activity).exists()


def test_past_activity_is_not_found_and_unknown_is_404(public_client, volunteer_page):
    from datetime import timedelta

    from django.utils import timezone

    past = ActivityFactory(starts_at=timezone.now() - timedelta(days=2))
    assert public_client.get(route(volunteer_page, "activity", past.pk)).status_code == 404
    assert public_client.get(route(volunteer_page, "activity", 999999)).status_code == 404
    hidden = ActivityFactory(published=False)
    assert public_client.get(route(volunteer_page, "activity", hidden.pk)).status_code == 404


def test_sign_up(public_client, volunteer_page):
    url = route(volunteer_page, "signup")
    data = {**person(7), "id_number": "11010519491231002X", "interests": ["sorting", "river"],
            "availability": ["weekend"], "note": "退休教师", **captcha(public_client, url)}
    response = public_client.post(url, data)
    assert response.status_code == 302
    html = public_client.get(response["Location"]).content.decode()
    assert "登记成功" in html and "志**" in html and "垃圾分类宣传、河道保洁" in html
    assert "登记成功" not in public_client.get(url).content.decode()  # shown once
    volunteer = Volunteer.objects.get(phone=person(7)["phone"])
    assert volunteer.interests == ["sorting", "river"] and volunteer.id_number == "11010519491231002X"
    assert volunteer.signed_up_at


def test_sign_up_refuses_a_bad_id_number_and_keeps_input(public_client, volunteer_page):
    url = route(volunteer_page, "signup")
    data = {**person(8), "id_number": "110105194912310021", "interests": ["river"], "availability": ["weekend"],
            **captcha(public_client, url)}
    html = public_client.post(url, data).content.decode()
    assert "身份证号码不正确" in html and "志愿者8" in html
    assert not Volunteer.objects.filter(phone=person(8)["phone"]).exists()


def test_user_text_is_escaped(public_client, volunteer_page):
    activity = ActivityFactory(title="<b>加粗</b>活动")
    html = public_client.get(route(volunteer_page, "activity", activity.pk)).content.decode()
    assert "<b>加粗</b>" not in html and "&lt;b&gt;" in html
