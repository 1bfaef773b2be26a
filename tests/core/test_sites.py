"""Which site a request is on and whether it is the intranet, answered by core.sites alone."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from core.sites import is_intranet, is_intranet_site, public_site, site_for_request


def _request(host):
    return RequestFactory().get("/", HTTP_HOST=host)


@pytest.mark.django_db
def test_the_intranet_host_is_the_intranet_and_the_portal_is_not(public_home, intranet_home):
    public, intranet = _request("localhost"), _request("intranet.localhost")
    assert site_for_request(public).root_page.pk == public_home.pk
    assert site_for_request(intranet).root_page.pk == intranet_home.pk
    assert is_intranet(intranet) and not is_intranet(public)
    assert public_site().root_page.pk == public_home.pk


@pytest.mark.django_db
def test_an_unknown_host_falls_back_to_the_public_site(public_home):
    assert not is_intranet(_request("elsewhere.example"))


@pytest.mark.django_db
def test_a_site_rooted_elsewhere_is_not_the_intranet(intranet_home):
    column = intranet_home.get_children().first()
    assert not is_intranet_site(Site(hostname="x.example", root_page=column))
    assert not is_intranet_site(None)


@pytest.mark.django_db
def test_robots_txt_closes_the_intranet_only(public_client, intranet_client):
    assert "Disallow: /\n" in intranet_client.get("/robots.txt").content.decode()
    assert "Sitemap:" in public_client.get("/robots.txt").content.decode()
    assert "Sitemap:" not in intranet_client.get("/robots.txt").content.decode()
