"""The 网上投票 staff side: a menu entry listing the polls one may manage, each poll's results
page (export, voiding) also reachable from the page's buttons, and the audit-log actions."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import rules, views
from .models import PollPage

admin_urls = (
    [
        path("", views.poll_list, name="list"),
        path("<int:page_id>/", views.poll_results, name="results"),
        path("<int:page_id>/results.xlsx", views.export_results, name="export"),
        path("<int:page_id>/ballots/<int:ballot_id>/void/", views.void_ballot, name="void"),
    ],
    "polls_admin",
)


@hooks.register("register_admin_urls")
def poll_admin_urls():
    return [path("polls/", include(admin_urls))]


class PollMenuItem(MenuItem):
    def is_shown(self, request):
        return PollPage.editable_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def poll_menu_item():
    return PollMenuItem("投票结果", reverse("polls_admin:list"), name="poll-results", icon_name="tasks", order=260)


def _results_button(page, user, priority):
    is_poll = issubclass(page.specific_class or type(None), PollPage)
    if is_poll and PollPage.editable_by(user).filter(pk=page.pk).exists():
        yield Button("投票结果", url=reverse("polls_admin:results", args=[page.pk]), icon_name="tasks", priority=priority)


@hooks.register("register_page_header_buttons")
def poll_header_button(page, user, view_name=None, next_url=None):
    yield from _results_button(page, user, 25)


@hooks.register("register_page_listing_more_buttons")
def poll_listing_button(page, user, next_url=None):
    yield from _results_button(page, user, 25)


@hooks.register("register_log_actions")
def register_poll_log_actions(actions):
    actions.register_action(rules.VOID_ACTION, "作废选票", "作废选票")
    actions.register_action(rules.EXPORT_ACTION, "导出投票结果", "导出投票结果")
