from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import files as file_views
from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Files (home/files.py): documents through Wagtail's serve view with its collection checks,
    # image renditions through a view that serves only what the requester may see; nothing
    # else under /media/.
    re_path(r"^documents/(?P<document_id>\d+)/(?P<document_filename>.*)$", file_views.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/images/(?P<name>[^/]+)$", file_views.serve_rendition, name="serve_rendition"),
    re_path(r"^media(/|$)", file_views.not_found),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("captcha/", include("interaction.protection.urls")),  # 404 in reCAPTCHA mode
    # One staff login: Wagtail's front-end login form leads to the admin's, ?next= kept.
    path("_util/login/", RedirectView.as_view(url=settings.LOGIN_URL, query_string=True), name="frontend_login"),
    path("", include(wagtail_urls)),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
