"""The Wagtail admin is entirely in Chinese: the project's locale/zh_Hans catalogs fill what Wagtail's own
zh_Hans/zh catalogs leave untranslated (see scripts/compile_messages.py)."""

import importlib.util
import json
import re
import sys

import pytest
from django.conf import settings
from django.utils import translation

from config.settings.base import BASE_DIR

_spec = importlib.util.spec_from_file_location("compile_messages", BASE_DIR / "scripts" / "compile_messages.py")
compile_messages = importlib.util.module_from_spec(_spec)
sys.modules.setdefault(_spec.name, compile_messages)
_spec.loader.exec_module(compile_messages)

CJK = re.compile(r"[\u4e00-\u9fff]")

# English that the admin used to show staff before the project's catalog existed.
KNOWN_ENGLISH = ["Search all pages", "editor guide", "Pages created here", "Wagtail upgrade available"]


def _project_entries(domain):
    return compile_messages.parse_po(compile_messages.project_po(domain))[1]


@pytest.mark.parametrize(
    "msgid",
    [
        "Search all pages…",
        "Pages created here will not be accessible at any URL. To add pages to an existing site, "
        "create them as children of the homepage.",
        "Wagtail %(current_version)s editor guide",
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s",
        "Has child pages",
        "Schedule to publish",
        "Table headers",
    ],
)
def test_previously_missing_strings_are_chinese(msgid):
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    assert text != msgid
    assert CJK.search(text), text


def test_dashboard_page_count_plural_is_chinese():
    singular = '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>'
    plural = '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>'
    with translation.override("zh-hans"):
        for n in (1, 2097):
            text = translation.ngettext(singular, plural, n) % {"total": n, "site_name": "浦东环境网"}
            assert text == f'{n} 个页面<span class="w-sr-only">（创建于浦东环境网）</span>'


def test_project_catalog_wins_only_where_wagtail_is_silent():
    # Wagtail's own translations are untouched: the project catalog holds only what they lack.
    with translation.override("zh-hans"):
        assert translation.gettext("Publish") == "发布"
        assert translation.gettext("Snippets") == "片段"


def test_every_wagtail_gap_is_translated():
    """After a Wagtail upgrade: run `scripts/compile_messages.py update`, translate, `compile`."""
    for domain in compile_messages.DOMAINS:
        covered = {compile_messages.mo_key(e) for e in _project_entries(domain) if e.translated}
        gaps = {
            compile_messages.mo_key(e)
            for entries in compile_messages.find_missing(domain).values()
            for e in entries
        }
        assert gaps, f"expected Wagtail's {domain} catalogs to have gaps (is wagtail installed?)"
        assert sorted(gaps - covered) == [], domain


@pytest.mark.parametrize("domain", compile_messages.DOMAINS)
def test_translations_keep_placeholders_and_tags(domain):
    problems = {e.msgid: compile_messages.placeholder_problems(e) for e in _project_entries(domain)}
    assert {k: v for k, v in problems.items() if v} == {}
    for e in _project_entries(domain):
        if e.msgid_plural is not None:
            assert len(e.msgstr) == 1, e.msgid  # nplurals=1


@pytest.mark.parametrize("domain", compile_messages.DOMAINS)
def test_compiled_mo_is_up_to_date(domain):
    po = compile_messages.project_po(domain)
    assert po.with_suffix(".mo").read_bytes() == compile_messages.compile_po(po), (
        "run: .venv/bin/python scripts/compile_messages.py compile"
    )


def test_mo_writer_matches_gettext(tmp_path):
    """What the writer produces is what Python's gettext reads: context, plurals, header."""
    import gettext

    Entry = compile_messages.Entry
    header = Entry(msgid="", msgstr=[compile_messages.DEFAULT_HEADER])
    entries = [
        Entry(msgid="b", msgstr=["乙"]),
        Entry(msgid="a", msgstr=["甲"]),
        Entry(msgid="Open", msgctxt="door", msgstr=["打开"]),
        Entry(msgid="%(n)s page", msgid_plural="%(n)s pages", msgstr=["%(n)s 个页面"]),
        Entry(msgid="untranslated"),
        Entry(msgid="fuzzy", msgstr=["模糊"], flags={"fuzzy"}),
    ]
    path = tmp_path / "t.mo"
    path.write_bytes(compile_messages.make_mo(header, entries))
    with path.open("rb") as fh:
        t = gettext.GNUTranslations(fh)
    assert t.gettext("a") == "甲" and t.gettext("b") == "乙"
    assert t.pgettext("door", "Open") == "打开"
    assert t.ngettext("%(n)s page", "%(n)s pages", 5) == "%(n)s 个页面"
    assert t.gettext("untranslated") == "untranslated"
    assert t.gettext("fuzzy") == "fuzzy"
    assert t.info()["plural-forms"] == "nplurals=1; plural=0;"
    keys = list(compile_messages.read_mo(path))
    assert keys == sorted(keys, key=lambda k: k.encode())


def test_locale_paths_setting():
    assert BASE_DIR / "locale" in [p for p in settings.LOCALE_PATHS]


@pytest.fixture
def admin_client_zh(client, login, db, superuser):
    login(client, superuser)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/"])
def test_admin_shows_no_known_english(admin_client_zh, url):
    response = admin_client_zh.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for phrase in KNOWN_ENGLISH:
        assert phrase.lower() not in html.lower(), f"{phrase!r} on {url}"


def test_dashboard_shows_the_chinese_strings(admin_client_zh):
    html = admin_client_zh.get("/admin/").content.decode()
    assert "搜索所有页面…" in html
    assert re.search(r"\d[\d,]* 个页面<span class=\"w-sr-only\">", html)


def test_root_explorer_explains_in_chinese(admin_client_zh):
    html = admin_client_zh.get("/admin/pages/").content.decode()
    # superusers get the "root level is where you can add new sites" variant, others the short one
    assert "在此创建的页面" in html and "无法通过任何网址访问" in html


def test_admin_js_catalog_has_the_project_strings(admin_client_zh):
    response = admin_client_zh.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    for msgid, msgstr in (("Insert a block", "插入区块"), ("Changes have been autosaved.", "更改已自动保存。")):
        assert json.dumps(msgid) in body
        assert json.dumps(msgstr) in body or json.dumps(msgstr, ensure_ascii=False) in body
