"""Case attachments (complaint photos, identity documents): stored privately, outside MEDIA_ROOT,
0640; reachable only through the case attachment view by who may open the case — on both hosts —
and never through a traversal probe."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from interaction.cases.choices import Channel
from interaction.cases.models import Case

from .conftest import PNG_BYTES

pytestmark = pytest.mark.django_db

HOSTS = ("localhost", "intranet.localhost")


def attachment_url(case_pk, attachment_pk):
    return reverse(Case.snippet_viewset.get_url_name("attachment"), args=[case_pk, attachment_pk])


def client_for(user, host):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def complaint(case_factory, dept_a, photo):
    case = case_factory.processing(dept_a, attachments=[photo])
    return case, case.attachments.get()


def test_attachments_are_written_privately(complaint):
    _case, attachment = complaint
    path = Path(attachment.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_bytes() == PNG_BYTES


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("handler_b", False), ("colleague", False), ("handler_a", True), ("info_centre", True)],
)
def test_attachment_matrix_on_both_hosts(complaint, host, who, allowed, request, make_staff, dept_a):
    case, attachment = complaint
    users = {
        "anonymous": None,
        "colleague": make_staff("attach_colleague", dept_a),  # same department, no case role
    }
    user = users[who] if who in users else request.getfixturevalue(who)
    response = client_for(user, host).get(attachment_url(case.pk, attachment.pk))
    if allowed:
        assert response.status_code == 200
        assert content(response) == PNG_BYTES
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code in (302, 404)
        assert PNG_BYTES not in content(response)


@pytest.mark.parametrize("host", HOSTS)
def test_attachment_probes_are_404(complaint, case_factory, dept_a, info_centre, host, photo):
    case, attachment = complaint
    other_case = case_factory.processing(dept_a, attachments=[photo])
    other_attachment = other_case.attachments.get()
    client = client_for(info_centre, host)  # sees every case: only the URL can fail
    base = attachment_url(case.pk, attachment.pk)
    probes = [
        attachment_url(case.pk, other_attachment.pk),  # another case's file under this case
        base.replace(f"/{attachment.pk}/", "/../../"),
        base.replace(f"/{attachment.pk}/", "/%2e%2e/"),
        base.replace(f"/{attachment.pk}/", "/%252e%252e/"),
        base.replace(f"/{attachment.pk}/", "/..%5c..%5c/"),
        base.replace(f"/{attachment.pk}/", f"/{attachment.pk}%00/"),
        base + attachment.file.name,
        base.replace(f"/{attachment.pk}/", "/99999999999999999999999999/"),
        base.replace(f"/{case.pk}/", "/99999999999999999999999999/"),
        f"/media/{attachment.file.name}",
        f"/media/images/../{attachment.file.name}",
        f"/media/images/%2e%2e/{attachment.file.name}",
    ]
    for url in probes:
        response = client.get(url, follow=True)  # (CommonMiddleware may first append a slash)
        assert response.status_code == 404, url
        assert PNG_BYTES not in content(response), url


def test_identity_documents_need_the_personal_data_permission_on_both_hosts(case_factory, dept_a, handler_a, info_centre, photo):
    case = case_factory.processing(dept_a, channel=Channel.DISCLOSURE, attachments=[photo])
    url = attachment_url(case.pk, case.attachments.get().pk)
    for host in HOSTS:
        assert client_for(handler_a, host).get(url).status_code in (302, 403)
        assert content(client_for(info_centre, host).get(url)) == PNG_BYTES
