from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Image renditions are public; original uploads and documents are not served from here
    # (documents go through Wagtail's serve view, which checks collection privacy).
    re_path(r"^media/(?P<path>images/.+)$", serve_static, {"document_root": settings.MEDIA_ROOT}),
    path("captcha/", include("interaction.protection.urls")),  # 404 in reCAPTCHA mode
    path("", include(wagtail_urls)),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
