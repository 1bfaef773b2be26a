"""信息精灵 in the admin: my notifications (list, open, mark read), the bell's status JSON and my
channel preferences. Every view reaches notifications only through
Notification.objects.for_user(request.user): another user's id is a 404."""

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from core.pagination import paginate

from .api import channel_choices, mobile_of
from .models import Notification, Preference
from .registry import CHANNELS, events

BELL_LATEST = 5
PAGE_SIZE = 20


def _safe_next(request, url, fallback):
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return fallback


def _event_labels():
    return {event.key: event.label for event in events()}


class NotificationListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notify/list.html"
    page_title = "信息精灵"
    header_icon = "notify-bell"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = Notification.objects.for_user(self.request.user)
        unread_only = self.request.GET.get("unread") == "1"
        shown = mine.unread() if unread_only else mine
        page = paginate(self.request, shown.only("pk", "event", "title", "body", "url", "created_at", "read_at"), PAGE_SIZE)
        labels = _event_labels()
        for notification in page:
            notification.event_label = labels.get(notification.event, "通知")
        context.update(page=page, unread_only=unread_only, unread=mine.unread().count())
        return context


list_view = NotificationListView.as_view()


@require_POST
def open_notification(request, pk):
    """Mark one of my notifications read and go where it points (a local address only)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    return redirect(_safe_next(request, notification.url, reverse("notify_list")))


@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    return redirect(_safe_next(request, request.POST.get("next"), reverse("notify_list")))


@require_POST
def mark_all_read(request):
    count = Notification.objects.for_user(request.user).mark_read()
    if count:
        messages.success(request, f"已将 {count} 条通知标为已读。")
    return redirect(_safe_next(request, request.POST.get("next"), reverse("notify_list")))


@require_GET
def status(request):
    """The bell: my unread count and latest unread few. Two queries; private, never stored."""
    unread = Notification.objects.for_user(request.user).unread()
    count = unread.count()
    latest = list(unread.values("pk", "event", "title", "created_at")[:BELL_LATEST]) if count else []
    labels = _event_labels()
    response = JsonResponse(
        {
            "unread": count,
            "latest": [
                {
                    "id": row["pk"],
                    "title": row["title"],
                    "event": labels.get(row["event"], "通知"),
                    "created_at": timezone.localtime(row["created_at"]).strftime("%Y-%m-%d %H:%M"),
                }
                for row in latest
            ],
            "list_url": reverse("notify_list"),
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


class PreferencesForm(forms.Form):
    """A checkbox per registered event and channel (e-mail, 短信); in-app is always on."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.rows = []
        for event in events():
            current = channel_choices([user], event)
            row = {"event": event, "fields": []}
            for channel, label in CHANNELS:
                name = f"{event.key}:{channel}"
                self.fields[name] = forms.BooleanField(
                    label=f"{event.label}：{label}", required=False, initial=current[(user.pk, channel)]
                )
                row["fields"].append(name)
            self.rows.append(row)

    def bound_rows(self):
        return [{"event": row["event"], "fields": [self[name] for name in row["fields"]]} for row in self.rows]

    def save(self):
        """Store every choice; returns the ones that changed as ["事件：渠道 开/关", ...]."""
        before = {
            (event.key, channel): enabled
            for event in events()
            for (_user, channel), enabled in channel_choices([self.user], event).items()
        }
        rows, changed = [], []
        for name, value in self.cleaned_data.items():
            key, channel = name.rsplit(":", 1)
            rows.append(Preference(user=self.user, event=key, channel=channel, enabled=value))
            if before.get((key, channel)) != value:
                changed.append(f"{self.fields[name].label} {'开' if value else '关'}")
        Preference.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["user", "event", "channel"], update_fields=["enabled"]
        )
        if changed:
            log(
                instance=Preference.objects.filter(user=self.user).order_by("pk").first(),
                action="notify.preferences",
                user=self.user,
                data={"changed": changed},
            )
        return changed


class PreferencesView(WagtailAdminTemplateMixin, FormView):
    template_name = "notify/preferences.html"
    form_class = PreferencesForm
    page_title = "信息精灵接收设置"
    header_icon = "notify-bell"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("notify_list"), "label": "信息精灵"},
            {"url": "", "label": "接收设置"},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(email=user.email, mobile=mobile_of(user), channels=CHANNELS)
        return context

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "接收设置已保存。")
        return redirect("notify_preferences")


preferences_view = PreferencesView.as_view()

