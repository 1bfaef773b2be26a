from django.urls import path, reverse
from wagtail import hooks

from intranet.oa.admin.viewsets import CountedMenuItem

from . import views
from .models import Meeting, MeetingLogEntry
from .notifications import pending_receipts


@hooks.register("register_admin_urls")
def meeting_urls():
    return [
        path("meetings/", views.meeting_list, name="meetings_list"),
        path("meetings/new/", views.meeting_new, name="meetings_new"),
        path("meetings/<int:pk>/", views.meeting_detail, name="meetings_detail"),
        path("meetings/<int:pk>/reply/", views.meeting_reply, name="meetings_reply"),
        path("meetings/<int:pk>/urge/", views.meeting_urge, name="meetings_urge"),
        path("meetings/<int:pk>/upload/", views.meeting_upload, name="meetings_upload"),
        path("meetings/<int:pk>/attachment/<int:attachment_id>/", views.meeting_attachment, name="meetings_attachment"),
        path("meetings/<int:pk>/sign-in/", views.meeting_sign_in, name="meetings_sign_in"),
    ]


@hooks.register("register_oa_menu_item")
def meetings_menu_item():
    return CountedMenuItem(
        "会议通知", reverse("meetings_list"), lambda user: pending_receipts(user).count(),
        name="meetings", icon_name="date", order=50,
    )


LOG_ACTIONS = {
    "meetings.send": "发送会议通知",
    "meetings.reply": "会议回执",
    "meetings.urge": "会议回执催办",
    "meetings.attach": "上传会议附件",
    "meetings.download": "下载会议附件",
}


@hooks.register("register_log_actions")
def meeting_log_actions(actions):
    actions.register_model(Meeting, MeetingLogEntry)
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
