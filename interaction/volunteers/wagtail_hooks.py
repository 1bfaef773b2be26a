from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from . import admin_views
from .roles import setup_volunteer_roles
from .viewsets import ActivityViewSet, RegistrationViewSet, VolunteerViewSet

register_snippet(ActivityViewSet)
register_snippet(RegistrationViewSet)
register_snippet(VolunteerViewSet)


@hooks.register("register_admin_urls")
def volunteer_admin_urls():
    return [
        path("volunteers/activity/<int:activity_id>/roster/", admin_views.roster, name="volunteers_roster"),
        path("volunteers/check-in/<str:reference>/", admin_views.check_in, name="volunteers_check_in"),
        path(
            "volunteers/volunteer/<int:volunteer_id>/personal/", admin_views.personal_data,
            name="volunteers_personal_data",
        ),
    ]


@hooks.register("register_log_actions")
def volunteer_log_actions(actions):
    actions.register_action("volunteers.register", "志愿活动报名", "报名志愿活动")
    actions.register_action("volunteers.cancel", "取消报名", "取消志愿活动报名")
    actions.register_action("volunteers.promote", "候补转正", "候补转为正式报名")
    actions.register_action("volunteers.check_in", "签到", "志愿者签到")
    actions.register_action("volunteers.set_hours", "修改服务时长", "修改志愿服务时长")
    actions.register_action("volunteers.sign_up", "志愿者登记", "登记为志愿者")
    actions.register_action("volunteers.view_personal_data", "查看个人信息", "查看志愿者完整个人信息")


@hooks.register(ROLES_HOOK, order=role_order("interaction.volunteers"))
def volunteer_roles():
    setup_volunteer_roles()
