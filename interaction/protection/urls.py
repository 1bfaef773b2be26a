"""The local captcha's URLs (django-simple-captcha's views: image, audio, refresh), answering
only while public forms use the local captcha. In reCAPTCHA mode they are 404: nobody may
mint captcha challenges (rows in the database, CPU for images) that no form will accept."""

from functools import wraps

from captcha import views
from django.http import Http404
from django.urls import re_path

from .forms import recaptcha_enabled


def local_captcha_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if recaptcha_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    re_path(r"image/(?P<key>\w+)/$", local_captcha_only(views.captcha_image), name="captcha-image", kwargs={"scale": 1}),
    re_path(r"image/(?P<key>\w+)@2/$", local_captcha_only(views.captcha_image), name="captcha-image-2x", kwargs={"scale": 2}),
    re_path(r"audio/(?P<key>\w+).wav$", local_captcha_only(views.captcha_audio), name="captcha-audio"),
    re_path(r"refresh/$", local_captcha_only(views.captcha_refresh), name="captcha-refresh"),
]
