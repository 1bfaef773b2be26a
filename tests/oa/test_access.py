"""Who may open an OA item, over every URL that shows it: listing, 办理 page, edit, print,
attachment, history, chooser and the notification link. A typed URL is refused like a hidden link."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from intranet.oa import routing
from intranet.oa.access import visible_items
from intranet.oa.choices import Action, Kind, Secrecy
from intranet.oa.models import Attachment
from intranet.oa.routing import Hop

NS = "wagtailsnippets_oa_officialdocument"


@pytest.fixture
def routed(bureau):
    doc = bureau.document(kind=Kind.HANDLE, title="关于浦东某河道污染情况的核查（内部）", secrecy=Secrecy.INTERNAL)
    client = Client()
    client.force_login(bureau.registrar)
    upload = SimpleUploadedFile("核查材料.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse(f"{NS}:upload", args=[doc.pk]), {"file": upload})
    assert response.status_code == 302
    routing.send(doc, bureau.registrar, [Hop(Action.HANDLE, [bureau.a, bureau.b], parallel=True)])
    return doc


def urls(doc):
    attachment = Attachment.objects.get(item=doc)
    return {
        "inspect": reverse(f"{NS}:inspect", args=[doc.pk]),
        "print": reverse(f"{NS}:print", args=[doc.pk]),
        "attachment": reverse(f"{NS}:attachment", args=[doc.pk, attachment.pk]),
        "history": reverse(f"{NS}:history", args=[doc.pk]),
        "chosen": reverse("wagtailsnippetchoosers_oa_officialdocument:chosen", args=[doc.pk]),
        "item": reverse("oa_item", args=[doc.pk]),
    }


def who(bureau, name):
    return getattr(bureau, name)


@pytest.mark.parametrize("name", ["registrar", "a", "b", "leader"])
def test_people_of_the_document_open_every_url(bureau, routed, name, client):
    client.force_login(who(bureau, name))
    for label, url in urls(routed).items():
        response = client.get(url)
        assert response.status_code in (200, 302), (label, response.status_code)
        if label == "item":
            assert response["Location"] == urls(routed)["inspect"]
        if label == "attachment":
            assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
            assert "no-store" in response["Cache-Control"]
    listing = client.get(reverse(f"{NS}:list"))
    assert "关于浦东某河道污染情况的核查" in listing.content.decode()


@pytest.mark.parametrize("name", ["stranger", "c", "unit_registrar"])
def test_others_get_404_everywhere_and_see_nothing_in_lists(bureau, routed, name, client):
    client.force_login(who(bureau, name))
    for label, url in urls(routed).items():
        assert client.get(url).status_code == 404, label
    for action in ("complete", "recall", "urge", "close"):
        response = client.post(reverse(f"{NS}:action", args=[routed.pk, action]), {"complete-opinion": "x"})
        assert response.status_code == 404, action
    assert "河道污染" not in client.get(reverse(f"{NS}:list")).content.decode()
    assert not visible_items(who(bureau, name)).filter(pk=routed.pk).exists()


def test_anonymous_visitor_is_sent_to_login(routed, client):
    for label, url in urls(routed).items():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], label


def test_edit_and_delete_only_for_drafts_by_their_managers(bureau, client):
    draft = bureau.document(kind=Kind.READ, title="草稿")
    edit, delete = reverse(f"{NS}:edit", args=[draft.pk]), reverse(f"{NS}:delete", args=[draft.pk])
    client.force_login(bureau.a)
    assert client.get(edit).status_code == 404
    client.force_login(bureau.registrar)
    assert client.get(edit).status_code == 200
    routing.send(draft, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    assert client.get(edit).status_code == 404  # once sent, only routing changes it
    assert client.get(delete).status_code == 404


def test_leader_of_an_unrelated_department_sees_nothing(bureau, routed, client):
    from tests.factories import StaffFactory

    other_leader = StaffFactory(department=bureau.other)
    other_leader.staff_profile.is_leader = True
    other_leader.staff_profile.save()
    client.force_login(other_leader)
    assert client.get(urls(routed)["inspect"]).status_code == 404


def test_public_items_reach_all_staff_only_once_closed(bureau, client):
    doc = bureau.document(kind=Kind.READ, title="关于国庆节放假安排的通知", secrecy=Secrecy.PUBLIC)
    routing.send(doc, bureau.registrar, [Hop(Action.READ, [bureau.a])])
    client.force_login(bureau.stranger)
    inspect = reverse(f"{NS}:inspect", args=[doc.pk])
    assert client.get(inspect).status_code == 404
    routing.complete(doc, bureau.a, "")
    routing.close(doc, bureau.registrar)
    assert client.get(inspect).status_code == 200


def test_opening_is_audit_logged_for_every_viewer(bureau, routed, client):
    from intranet.oa.models import OALogEntry

    client.force_login(bureau.leader)
    client.get(urls(routed)["inspect"])
    client.get(urls(routed)["attachment"])
    logged = list(OALogEntry.objects.filter(item_id=routed.pk, user=bureau.leader).values_list("action", flat=True))
    assert sorted(logged) == ["oa.download", "oa.open"]


def test_site_history_report_shows_only_visible_items(bureau, routed, client):
    client.force_login(bureau.stranger)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code in (200, 403)
    assert "河道污染" not in response.content.decode()
