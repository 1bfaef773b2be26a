from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.sites import is_intranet, site_for_request


@require_GET
@cache_control(max_age=3600)
def robots_txt(request):
    if site_for_request(request) is None or is_intranet(request):
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /search/",
            "Disallow: /documents/",
            f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
        ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context here: the template must render even when the database is down.
    return HttpResponseServerError(loader.get_template("500.html").render())
