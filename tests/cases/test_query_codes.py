"""Query codes under load: a keyed HMAC instead of the password hasher, nothing slow while the
reference counter is locked, and codes stored in the former format still working."""

import math
from unittest import mock

import pytest
from django.contrib.auth import hashers
from django.core.files.storage import Storage
from django.db import connection
from django.test import override_settings

from interaction.cases import codes, deadlines
from interaction.cases import workflow as wf
from interaction.cases.choices import Channel
from interaction.cases.models import Case, CaseAttachment
from tests.cases.test_public_pages import channel_page, lookup, new_case, png, soup, submit

pytestmark = pytest.mark.django_db

PBKDF2_FIRST = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_password_hasher():
    """Any use of Django's password hashers (make_password, check_password, ...) fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the password hasher ran")

    with mock.patch.object(hashers, "get_hasher", refuse), mock.patch.object(hashers, "identify_hasher", refuse):
        yield


def test_codes_are_random_and_document_their_strength():
    generated = {codes.new_code() for _ in range(2000)}
    assert len(generated) == 2000
    assert all(len(code) == codes.LENGTH and set(code) <= set(codes.ALPHABET) for code in generated)
    assert not set("01IO") & set(codes.ALPHABET)
    assert codes.BITS == codes.LENGTH * math.log2(len(codes.ALPHABET)) == 40


def test_submission_and_lookup_never_run_the_password_hasher(public_client, public_home, no_password_hasher, settings):
    settings.PASSWORD_HASHERS = PBKDF2_FIRST
    page = channel_page(public_home, Channel.COMPLAINT)
    response = submit(public_client, page, Channel.COMPLAINT)
    assert response.status_code == 302
    receipt = soup(public_client.get(response["Location"]))
    reference, code = [span.get_text() for span in receipt.select(".receipt__code .code-text")]
    case = Case.objects.get(reference=reference)
    assert case.check_query_code(code)

    assert lookup(public_client, page, case.reference, code, follow=False).status_code == 302
    for reference, attempt in ((case.reference, "AAAA2222"), ("TS209901010001", code)):
        refused = lookup(public_client, page, reference, attempt)
        assert "编号或查询码不正确" in refused.content.decode()


def test_the_stored_value_is_a_keyed_hash_not_the_code(settings):
    case, code = new_case()
    assert case.query_code_hash.startswith("hmac_sha256$") and code not in case.query_code_hash
    assert case.check_query_code(code) and case.check_query_code(f"  {code.lower()} ")
    assert not case.check_query_code("") and not case.check_query_code(None)
    assert not case.check_query_code(code[:-1] + ("2" if code[-1] != "2" else "3"))
    # Without the server-side key the stored value verifies nothing.
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert not Case.objects.get(pk=case.pk).check_query_code(code)


def test_rotating_the_key_keeps_old_codes_and_rewrites_them_on_lookup(settings):
    settings.CASE_CODE_KEY = "old-case-code-key-" + "x" * 32
    case, code = new_case()
    before = case.query_code_hash
    settings.CASE_CODE_KEY = "new-case-code-key-" + "y" * 32
    settings.CASE_CODE_KEY_FALLBACKS = ["old-case-code-key-" + "x" * 32]
    stored = Case.objects.get(pk=case.pk)
    assert not stored.check_query_code("AAAA2222")
    assert Case.objects.get(pk=case.pk).query_code_hash == before  # a wrong code rewrites nothing
    assert stored.check_query_code(code)
    after = Case.objects.get(pk=case.pk).query_code_hash
    assert after != before and after == codes.make_hash(code)
    settings.CASE_CODE_KEY_FALLBACKS = []
    assert Case.objects.get(pk=case.pk).check_query_code(code)


def test_codes_stored_by_the_password_hasher_still_open_their_case_once_upgraded(public_client, public_home, settings):
    settings.PASSWORD_HASHERS = PBKDF2_FIRST
    page = channel_page(public_home, Channel.COMPLAINT)
    case, code = new_case()
    legacy = hashers.make_password(code)  # as the former version stored it
    assert legacy.startswith("pbkdf2_sha256$")
    Case.objects.filter(pk=case.pk).update(query_code_hash=legacy)

    assert "编号或查询码不正确" in lookup(public_client, page, case.reference, "AAAA2222").content.decode()
    assert Case.objects.get(pk=case.pk).query_code_hash == legacy
    assert lookup(public_client, page, case.reference, code, follow=False).status_code == 302
    upgraded = Case.objects.get(pk=case.pk).query_code_hash
    assert upgraded.startswith("hmac_sha256$")
    with mock.patch.object(hashers, "identify_hasher", side_effect=AssertionError("hasher ran")):
        assert Case.objects.find_by_code(Channel.COMPLAINT, case.reference, code) == case


def test_the_transaction_only_takes_the_number_and_inserts(monkeypatch, photo):
    """Hashing, deadline, validation and file writes happen before the reference counter is
    locked; the transaction holds only the counter and the inserts."""
    base_depth = len(connection.atomic_blocks)
    depths = {}

    def record(name, original):
        def wrapper(*args, **kwargs):
            depths.setdefault(name, []).append(len(connection.atomic_blocks))
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(codes, "make_hash", record("hash", codes.make_hash))
    monkeypatch.setattr(deadlines, "compute_due_date", record("deadline", deadlines.compute_due_date))
    monkeypatch.setattr(Case, "full_clean", record("validate", Case.full_clean))
    monkeypatch.setattr(Storage, "save", record("file", Storage.save))
    monkeypatch.setattr(Case, "make_reference", staticmethod(record("reference", Case.make_reference)))
    case, _code = wf.submit(
        Channel.COMPLAINT, attachments=[photo], name="李四", phone="13900001111", title="噪声",
        content="夜间施工噪声扰民。", category="noise", location="某路",
    )
    assert case.attachments.count() == 1
    assert {name: set(values) for name, values in depths.items()} == {
        "hash": {base_depth}, "deadline": {base_depth}, "validate": {base_depth}, "file": {base_depth},
        "reference": {base_depth + 1},
    }


def test_a_failed_submission_leaves_no_file_behind(monkeypatch):
    saved = []
    original = Storage.save

    def save(self, name, content, max_length=None):
        result = original(self, name, content, max_length=max_length)
        saved.append((self, result))
        return result

    monkeypatch.setattr(Storage, "save", save)
    monkeypatch.setattr(Case, "make_reference", staticmethod(mock.Mock(side_effect=RuntimeError("counter down"))))
    before = Case.objects.count(), CaseAttachment.objects.count()
    with pytest.raises(RuntimeError):
        wf.submit(Channel.COMPLAINT, attachments=[png("a.png"), png("b.png")], name="李四", phone="13900001111",
                  title="噪声", content="夜间施工噪声扰民。", category="noise", location="某路")
    assert len(saved) == 2
    assert not any(storage.exists(name) for storage, name in saved)
    assert (Case.objects.count(), CaseAttachment.objects.count()) == before


@override_settings(PASSWORD_HASHERS=PBKDF2_FIRST)
def test_a_wrong_reference_costs_an_hmac_not_a_password_hash(no_password_hasher):
    assert Case.objects.find_by_code(Channel.COMPLAINT, "TS209901010001", "AAAA2222") is None


def test_a_submission_writes_no_search_or_reference_index_entry(case_factory, dept_a, info_centre):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.index import get_indexed_models
    from wagtail.models import ReferenceIndex

    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")  # what the database backend writes

    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case))
    case = case_factory.replied(dept_a, title="崂山路绿化带垃圾堆放", content="崂山路绿化带有人堆放垃圾。")
    assert Case in get_indexed_models()
    assert not entries.filter(object_id=str(case.pk)).exists()
    assert not ReferenceIndex.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
    ).exists()
    wf.publish(case, info_centre)
    assert entries.filter(object_id=str(case.pk)).exists()
    wf.unpublish(case, info_centre)
    assert entries.filter(object_id=str(case.pk)).exists()  # kept, marked not public
