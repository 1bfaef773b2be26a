"""信息精灵 in the admin: its pages under /admin/notify/, a menu item that carries the bell (the
unread count, refreshed by static/notify/bell.js polling the status endpoint), a link on the
account page to the channel preferences, and the log action of a preference change."""

from django.urls import include, path, reverse, reverse_lazy
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static

from wagtail.models import ModelLogEntry

from . import urls
from .models import Preference


@hooks.register("register_admin_urls")
def notify_urls():
    return [path("notify/", include(urls))]


@hooks.register("register_icons")
def notify_icons(icons):
    return icons + ["notify/icons/bell.svg"]


@hooks.register("register_admin_menu_item")
def notify_menu_item():
    # The bell: bell.js finds this item by its data attribute and shows the unread count on it.
    return MenuItem(
        "信息精灵",
        reverse_lazy("notify_list"),
        name="notify",
        icon_name="notify-bell",
        attrs={"data-notify-bell": ""},
        order=150,  # just below the dashboard, above 页面
    )


@hooks.register("register_account_menu_item")
def notify_preferences_account_item(request):
    return {
        "url": reverse("notify_preferences"),
        "label": "信息精灵接收设置",
        "help_text": "选择哪些通知同时发送到电子邮箱或手机短信；站内通知总会收到。",
    }


@hooks.register("insert_global_admin_css")
def notify_css():
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("notify/bell.css"))


@hooks.register("insert_global_admin_js")
def notify_js():
    return format_html(
        '<script src="{}" defer data-status-url="{}" data-list-url="{}"></script>',
        versioned_static("notify/bell.js"),
        reverse("notify_status"),
        reverse("notify_list"),
    )


@hooks.register("register_log_actions")
def notify_log_actions(actions):
    # A preference change is logged against the user's preference row (Wagtail's log needs a
    # registered model; the user model is not one).
    actions.register_model(Preference, ModelLogEntry)
    actions.register_action("notify.preferences", "修改信息精灵接收设置", "修改信息精灵接收设置")
