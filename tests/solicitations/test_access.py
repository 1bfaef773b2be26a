"""Submissions are for the campaign's owning group only: on the listing, export, delete and
file URLs typed by hand, not just hidden links. Personal answers are masked in the listing."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from interaction.solicitations.models import SolicitationFile, SolicitationSubmission, private_storage

from .conftest import CITIZEN_NAME, CITIZEN_PHONE, PNG_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_with_opinion(make_campaign):
    page = make_campaign()
    names = {f.label: f.clean_name for f in page.form_fields.all()}
    submission = SolicitationSubmission.objects.create(
        page=page, form_data={names["姓名"]: CITIZEN_NAME, names["联系电话"]: CITIZEN_PHONE, names["意见建议"]: "多设分类桶。"},
        attachment_count=1,
    )
    name = private_storage().save("solicitations/test/意见.png", ContentFile(PNG_BYTES))
    attachment = SolicitationFile.objects.create(submission=submission, file=name, original_name="意见.png",
                                                 content_type="image/png", size=len(PNG_BYTES))
    return page, submission, attachment


def listing(page):
    return reverse("wagtailforms:list_submissions", args=[page.pk])


def test_owner_sees_masked_listing_and_downloads_files(client, owner, campaign_with_opinion):
    page, submission, attachment = campaign_with_opinion
    client.force_login(owner)
    response = client.get(listing(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "多设分类桶。" in html
    assert CITIZEN_NAME not in html and CITIZEN_PHONE not in html
    assert "欧**" in html and "139****5678" in html
    assert submission.reference in html
    file_url = reverse("solicitations_file", args=[attachment.pk])
    assert file_url in html
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert PageLogEntry.objects.filter(page=page, action="solicitations.download_file", user=owner).exists()


def test_owner_exports_and_the_export_is_logged(client, owner, campaign_with_opinion):
    page, _submission, _attachment = campaign_with_opinion
    client.force_login(owner)
    response = client.get(listing(page) + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert CITIZEN_NAME in body  # the owning group works with the full answers
    assert PageLogEntry.objects.filter(page=page, action="solicitations.export", user=owner).exists()


@pytest.mark.parametrize("who", ["other_editor", "superuser", "staff_member"])
def test_others_are_refused_on_every_url(request, client, campaign_with_opinion, who):
    page, submission, attachment = campaign_with_opinion
    user = request.getfixturevalue(who)
    client.force_login(user)
    delete_url = reverse("wagtailforms:delete_submissions", args=[page.pk]) + f"?selected-submissions={submission.pk}"
    for url in (listing(page), listing(page) + "?export=xlsx", delete_url,
                reverse("solicitations_file", args=[attachment.pk])):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(delete_url).status_code in (302, 403)
    assert SolicitationSubmission.objects.filter(pk=submission.pk).exists()
    forms_index = client.get(reverse("wagtailforms:index"))
    assert page.title not in forms_index.content.decode()


def test_other_editor_can_still_edit_the_page(client, other_editor, campaign_with_opinion):
    page, _submission, _attachment = campaign_with_opinion
    client.force_login(other_editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_owner_deletes_and_the_deletion_is_logged(client, owner, campaign_with_opinion, django_capture_on_commit_callbacks):
    page, submission, attachment = campaign_with_opinion
    stored = attachment.file.name
    client.force_login(owner)
    delete_url = reverse("wagtailforms:delete_submissions", args=[page.pk]) + f"?selected-submissions={submission.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url)
    assert response.status_code == 302
    assert not SolicitationSubmission.objects.filter(pk=submission.pk).exists()
    assert not private_storage().exists(stored)
    assert PageLogEntry.objects.filter(page=page, action="solicitations.delete_submission", user=owner).exists()
    assert not ModelLogEntry.objects.filter(action="solicitations.delete_submission").exists()


def test_listing_queries_do_not_grow_with_rows(client, owner, campaign_with_opinion, django_assert_max_num_queries):
    page, _submission, _attachment = campaign_with_opinion
    names = {f.label: f.clean_name for f in page.form_fields.all()}
    SolicitationSubmission.objects.bulk_create(
        SolicitationSubmission(page=page, form_data={names["姓名"]: f"张{i}", names["意见建议"]: "意见"}) for i in range(15)
    )
    client.force_login(owner)
    client.get(listing(page))
    with django_assert_max_num_queries(40):
        assert client.get(listing(page)).status_code == 200
