"""A URLconf that mounts the whole project under /prefixed/, for the test that the second-factor
middleware reverses its always-allowed paths in the URLconf actually in use."""

from django.urls import include, path

urlpatterns = [path("prefixed/", include("config.urls"))]
