"""Register for a volunteer activity on a phone, keep the code, cancel with it; the person on the
waiting list moves up."""

from datetime import timedelta

from django.utils import timezone

from tests.e2e.conftest import screenshot
from tests.helpers import committed as _committed

TITLE = "滨江步道保洁（浏览器测试）"


def make_activity():
    from interaction.volunteers.models import Activity

    start = timezone.now() + timedelta(days=9)
    return Activity.objects.create(
        title=TITLE, description="沿滨江步道拾捡垃圾。", starts_at=start, ends_at=start + timedelta(hours=3),
        place="滨江大道泰东路口", capacity=1, hours=3,
    )


def test_register_for_an_activity_and_cancel_with_the_code(live_site, phone_page, django_db_blocker):
    def committed(fn):
        # Playwright runs an event loop in this thread: the ORM works from a thread of its own.
        with django_db_blocker.unblock():
            return _committed(fn)

    from interaction.volunteers import registration as rules
    from interaction.volunteers.models import Activity, Registration, Volunteer

    activity = committed(make_activity)
    try:
        page = phone_page
        page.goto(live_site.public_url + "/hdjl/zyzdj/")
        screenshot(page, "volunteers-index-phone")
        page.locator(".activity", has_text=TITLE).get_by_role("link", name="查看并报名").click()
        page.get_by_label("姓名").fill("沈佳怡")
        page.get_by_label("联系电话").fill("13812340001")
        page.get_by_label("电子邮箱").fill("shen.jiayi@example.cn")
        page.get_by_label("我已了解活动安排").check()
        page.get_by_label("验证码").fill("PASSED")  # CAPTCHA_TEST_MODE on the test server
        page.get_by_role("button", name="提交报名").click()
        page.get_by_role("heading", name="报名成功").wait_for()
        reference = page.get_by_test_id("reference").inner_text().strip()
        code = page.get_by_test_id("code").inner_text().strip()
        screenshot(page, "volunteers-registered-phone")

        # Someone else fills the waiting list meanwhile.
        committed(lambda: rules.register(Activity.objects.get(pk=activity.pk), name="韩立新", phone="13812340002"))

        page.get_by_role("link", name="取消报名").first.click()
        page.get_by_label("报名编号").fill(reference)
        page.get_by_label("取消码").fill(code.lower())
        page.get_by_label("验证码").fill("PASSED")
        page.get_by_role("button", name="确认取消报名").click()
        page.get_by_role("heading", name="已取消报名").wait_for()
        screenshot(page, "volunteers-cancelled-phone")

        statuses = committed(lambda: dict(Registration.objects.filter(activity_id=activity.pk).values_list("phone", "status")))
        assert statuses == {"13812340001": "cancelled", "13812340002": "confirmed"}
    finally:
        committed(lambda: (Registration.objects.filter(activity_id=activity.pk).delete(),
                           Activity.objects.filter(pk=activity.pk).delete(),
                           Volunteer.objects.filter(phone__in=["13812340001", "13812340002"]).delete()))
