from django.urls import path

from . import views

# Mounted under /admin/ by wagtail_hooks.register_admin_urls: login and admin access required,
# and only on ADMIN_HOSTS like the rest of the admin.
urlpatterns = [
    path("", views.list_view, name="notify_list"),
    path("status/", views.status, name="notify_status"),
    path("preferences/", views.preferences_view, name="notify_preferences"),
    path("read-all/", views.mark_all_read, name="notify_mark_all_read"),
    path("<int:pk>/open/", views.open_notification, name="notify_open"),
    path("<int:pk>/read/", views.mark_read, name="notify_mark_read"),
]
