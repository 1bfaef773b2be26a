#!/usr/bin/env python3
"""Project translations that fill the gaps in Wagtail's Simplified Chinese catalogs.

Wagtail ships zh_Hans (and zh) catalogs that are incomplete, so parts of the admin show in
English. The project supplies the missing strings in locale/zh_Hans/LC_MESSAGES/{django,djangojs}.po
(LOCALE_PATHS); Django merges that catalog over the apps' ones. Standard library only, so it runs
on machines without GNU gettext.

    python scripts/compile_messages.py missing              # per app: en msgids with no zh_Hans/zh translation
    python scripts/compile_messages.py missing --untranslated   # ... that locale/ does not cover yet either
    python scripts/compile_messages.py update               # add new gaps to locale/zh_Hans/*.po (empty msgstr)
    python scripts/compile_messages.py compile              # .po -> .mo
    python scripts/compile_messages.py check                # exit 1 if a .mo is stale or an entry is untranslated

Run `update` after upgrading Wagtail, translate the new empty entries, then `compile`; commit .po and .mo.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
LANGUAGE = "zh_Hans"
FALLBACK_LANGUAGES = ("zh_Hans", "zh")  # what Python's gettext tries for zh_Hans, in order
DOMAINS = ("django", "djangojs")

# Wagtail apps (relative to the wagtail package) whose catalogs the admin uses. wagtail.contrib.simple_translation
# and wagtail.locales are not used (WAGTAIL_I18N_ENABLED = False); styleguide is a developer tool.
WAGTAIL_APPS = (
    ".",
    "admin",
    "snippets",
    "users",
    "documents",
    "images",
    "embeds",
    "search",
    "sites",
    "contrib/settings",
    "contrib/forms",
    "contrib/redirects",
    "contrib/search_promotions",
    "contrib/table_block",
    "contrib/typed_table_block",
    "contrib/routable_page",
    "contrib/sitemaps",
    "contrib/frontend_cache",
)

MO_MAGIC = 0x950412DE


# --------------------------------------------------------------------------------------------------------------
# .po reading


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])  # one item, or msgstr[0..n-1] for plurals
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)  # "#" lines other than flags, kept verbatim

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and all(self.msgstr)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\"}


def _unquote(token: str, path: Path, lineno: int) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{path}:{lineno}: expected a quoted string, got {token!r}")
    body = token[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in "01234567" and nxt:
            m = re.match(r"[0-7]{1,3}", body[i + 1 :])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        elif nxt == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 2 :])
            out.append(chr(int(m.group(0), 16)))
            i += 2 + len(m.group(0))
        else:
            raise ValueError(f"{path}:{lineno}: unknown escape \\{nxt}")
    return "".join(out)


def parse_po(path: Path) -> tuple[Entry | None, list[Entry]]:
    """Return (header entry, other entries). Obsolete (#~) entries are dropped."""
    entries: list[Entry] = []
    cur: Entry | None = None
    field_name: str | None = None  # "msgctxt", "msgid", "msgid_plural" or "msgstr[N]"
    values: dict[str, str] = {}
    pending_comments: list[str] = []
    pending_flags: set[str] = set()

    def finish():
        nonlocal cur, values
        if cur is None:
            return
        cur.msgctxt = values.get("msgctxt")
        cur.msgid = values.get("msgid", "")
        cur.msgid_plural = values.get("msgid_plural")
        if cur.msgid_plural is None:
            cur.msgstr = [values.get("msgstr", "")]
        else:
            idx = sorted(int(k[7:-1]) for k in values if k.startswith("msgstr["))
            if idx != list(range(len(idx))) or not idx:
                raise ValueError(f"{path}: bad plural msgstr indexes for {cur.msgid!r}")
            cur.msgstr = [values[f"msgstr[{i}]"] for i in idx]
        entries.append(cur)
        cur = None
        values = {}

    text = path.read_text(encoding="utf-8")
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if cur is not None and field_name and field_name.startswith("msgstr"):
                finish()
                field_name = None
            if line.startswith("#,"):
                pending_flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            else:
                pending_comments.append(raw)
            continue
        m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\s+(.*)$", line)
        if m:
            keyword, rest = m.groups()
            if keyword == "msgctxt" or (keyword == "msgid" and field_name != "msgctxt"):
                finish()
                cur = Entry(msgid="", flags=pending_flags, comments=pending_comments)
                pending_flags, pending_comments = set(), []
            if cur is None:
                raise ValueError(f"{path}:{lineno}: {keyword} outside an entry")
            if keyword in values:
                raise ValueError(f"{path}:{lineno}: duplicate {keyword}")
            field_name = keyword
            values[keyword] = _unquote(rest, path, lineno)
            continue
        if line.startswith('"'):
            if field_name is None:
                raise ValueError(f"{path}:{lineno}: continuation line outside a field")
            values[field_name] += _unquote(line, path, lineno)
            continue
        raise ValueError(f"{path}:{lineno}: cannot parse {raw!r}")
    finish()

    header = None
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        header = entries.pop(0)
    seen = set()
    for e in entries:
        if e.key in seen:
            raise ValueError(f"{path}: duplicate entry {e.key!r}")
        seen.add(e.key)
    return header, entries


def parse_header(header: Entry | None) -> dict[str, str]:
    fields = {}
    if header is not None:
        for line in header.msgstr[0].splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
    return fields


def nplurals_of(header: Entry | None) -> int:
    forms = parse_header(header).get("Plural-Forms", "nplurals=1; plural=0;")
    m = re.search(r"nplurals\s*=\s*(\d+)", forms)
    if not m:
        raise ValueError(f"bad Plural-Forms header: {forms!r}")
    return int(m.group(1))


# --------------------------------------------------------------------------------------------------------------
# .mo reading and writing


def read_mo(path: Path) -> dict[str, str]:
    """Raw catalog of a GNU .mo file: key ("ctx\\x04id", plurals "id\\x00plural") -> msgstr (plurals "\\x00"-joined)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == MO_MAGIC else ">"
    if struct.unpack(order + "I", data[:4])[0] != MO_MAGIC:
        raise ValueError(f"{path}: not a .mo file")
    _, _, count, orig_off, trans_off = struct.unpack(order + "5I", data[:20])
    catalog = {}
    for i in range(count):
        olen, opos = struct.unpack(order + "2I", data[orig_off + 8 * i : orig_off + 8 * i + 8])
        tlen, tpos = struct.unpack(order + "2I", data[trans_off + 8 * i : trans_off + 8 * i + 8])
        catalog[data[opos : opos + olen].decode("utf-8")] = data[tpos : tpos + tlen].decode("utf-8")
    return catalog


def mo_key(entry: Entry) -> str:
    key = entry.msgid if entry.msgid_plural is None else entry.msgid + "\x00" + entry.msgid_plural
    return key if entry.msgctxt is None else entry.msgctxt + "\x04" + key


def make_mo(header: Entry | None, entries: list[Entry]) -> bytes:
    """GNU .mo bytes for the translated, non-fuzzy entries (as msgfmt writes them, without a hash table)."""
    nplurals = nplurals_of(header)
    messages: dict[bytes, bytes] = {}
    if header is not None:
        messages[b""] = header.msgstr[0].encode("utf-8")
    for e in entries:
        if not e.translated:
            continue
        if e.msgid_plural is not None:
            if len(e.msgstr) != nplurals:
                raise ValueError(f"{e.msgid!r}: {len(e.msgstr)} plural forms, header says nplurals={nplurals}")
            value = "\x00".join(e.msgstr)
        else:
            value = e.msgstr[0]
        messages[mo_key(e).encode("utf-8")] = value.encode("utf-8")

    keys = sorted(messages)
    count = len(keys)
    orig_table_off = 28
    trans_table_off = orig_table_off + 8 * count
    data_off = trans_table_off + 8 * count
    originals = b""
    translations = b""
    orig_index = []
    trans_index = []
    for k in keys:
        orig_index.append((len(k), len(originals)))
        originals += k + b"\x00"
    trans_base = data_off + len(originals)
    for k in keys:
        v = messages[k]
        trans_index.append((len(v), trans_base + len(translations)))
        translations += v + b"\x00"
    out = struct.pack("<7I", MO_MAGIC, 0, count, orig_table_off, trans_table_off, 0, data_off)
    out += b"".join(struct.pack("<2I", length, data_off + pos) for length, pos in orig_index)
    out += b"".join(struct.pack("<2I", length, pos) for length, pos in trans_index)
    return out + originals + translations


def compile_po(po_path: Path) -> bytes:
    header, entries = parse_po(po_path)
    return make_mo(header, entries)


def project_po(domain: str) -> Path:
    return LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


# --------------------------------------------------------------------------------------------------------------
# Finding what Wagtail leaves untranslated


def wagtail_dir() -> Path:
    try:
        import wagtail  # noqa: PLC0415  # deferred: the script also runs without the venv, then reports
    except ImportError:
        found = sorted(BASE_DIR.glob(".venv/lib/python3*/site-packages/wagtail"))
        if not found:
            sys.exit("wagtail not found: run with the project's .venv python")
        return found[-1]
    return Path(wagtail.__file__).resolve().parent


def app_catalogs(domain: str, apps=WAGTAIL_APPS) -> list[tuple[str, Path]]:
    """(app label, locale dir) of each app that has an `en` catalog for the domain."""
    root = wagtail_dir()
    result = []
    for app in apps:
        locale_dir = (root / app / "locale").resolve()
        if (locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po").exists():
            result.append(("wagtail" if app == "." else "wagtail/" + app, locale_dir))
    return result


def translated_keys(locale_dir: Path, domain: str) -> dict[str, str]:
    """Keys with a non-empty translation in the app's zh_Hans or zh .mo (what gettext loads), first wins."""
    result: dict[str, str] = {}
    for lang in FALLBACK_LANGUAGES:
        mo = locale_dir / lang / "LC_MESSAGES" / f"{domain}.mo"
        if mo.exists():
            for key, value in read_mo(mo).items():
                if key and value.split("\x00")[0] and key not in result:
                    result[key] = value
    return result


def find_missing(domain: str, apps=WAGTAIL_APPS) -> dict[str, list[Entry]]:
    """app -> en entries (msgstr emptied) that neither its zh_Hans nor its zh catalog translates."""
    missing = {}
    for label, locale_dir in app_catalogs(domain, apps):
        _, en_entries = parse_po(locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po")
        done = translated_keys(locale_dir, domain)
        gaps = []
        for e in en_entries:
            if mo_key(e) not in done:
                gaps.append(
                    Entry(
                        msgid=e.msgid,
                        msgctxt=e.msgctxt,
                        msgid_plural=e.msgid_plural,
                        msgstr=[""],
                        flags={f for f in e.flags if f.endswith("-format")},
                        comments=[c for c in e.comments if c.startswith("#:")],
                    )
                )
        if gaps:
            missing[label] = gaps
    return missing


# --------------------------------------------------------------------------------------------------------------
# .po writing


def _quote(s: str) -> str:
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    return f'"{s}"'


def _field(name: str, value: str) -> list[str]:
    if "\n" in value[:-1]:  # multi-line: split after each \n like msgmerge does
        parts = re.findall(r"[^\n]*\n|[^\n]+$", value)
        return [f'{name} ""'] + [_quote(p) for p in parts]
    return [f"{name} {_quote(value)}"]


def format_entry(e: Entry) -> str:
    lines = list(e.comments)
    if e.flags:
        lines.append("#, " + ", ".join(sorted(e.flags)))
    if e.msgctxt is not None:
        lines += _field("msgctxt", e.msgctxt)
    lines += _field("msgid", e.msgid)
    if e.msgid_plural is not None:
        lines += _field("msgid_plural", e.msgid_plural)
        for i, s in enumerate(e.msgstr):
            lines += _field(f"msgstr[{i}]", s)
    else:
        lines += _field("msgstr", e.msgstr[0])
    return "\n".join(lines)


DEFAULT_HEADER = (
    "Project-Id-Version: pudong-env\n"
    "PO-Revision-Date: 2026-01-01 00:00+0800\n"
    "Last-Translator: pudong-env <noreply@localhost>\n"
    "Language-Team: pudong-env\n"
    "Language: zh_Hans\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)


def write_po(path: Path, header: Entry | None, entries: list[Entry]) -> None:
    if header is None:
        header = Entry(
            msgid="",
            msgstr=[DEFAULT_HEADER],
            comments=["# Simplified Chinese strings that Wagtail's own zh_Hans/zh catalogs lack.",
                      "# Generated by scripts/compile_messages.py update; translate, then run compile."],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(format_entry(e) for e in [header, *entries]) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------------------------
# Commands


def cmd_missing(args) -> int:
    total = 0
    for domain in args.domain:
        covered = set()
        if args.untranslated and project_po(domain).exists():
            covered = {mo_key(e) for e in parse_po(project_po(domain))[1] if e.translated}
        for app, gaps in find_missing(domain).items():
            gaps = [e for e in gaps if mo_key(e) not in covered]
            if not gaps:
                continue
            print(f"## {app} ({domain}): {len(gaps)}")
            for e in gaps:
                ctx = f"[{e.msgctxt}] " if e.msgctxt is not None else ""
                plural = f"  |  {e.msgid_plural!r}" if e.msgid_plural is not None else ""
                print(f"  {ctx}{e.msgid!r}{plural}")
            total += len(gaps)
    print(f"# {total} missing")
    return 0


def cmd_update(args) -> int:
    for domain in args.domain:
        path = project_po(domain)
        header, existing = parse_po(path) if path.exists() else (None, [])
        by_key = {mo_key(e): e for e in existing}
        wanted: dict[str, Entry] = {}
        for gaps in find_missing(domain).values():
            for e in gaps:
                k = mo_key(e)
                if k in wanted:
                    for c in e.comments:
                        if c not in wanted[k].comments:
                            wanted[k].comments.append(c)
                    continue
                old = by_key.get(k)
                if old is not None:
                    e.msgstr = old.msgstr
                    e.flags = e.flags | (old.flags & {"fuzzy"})
                    e.comments = [c for c in old.comments if c.startswith("#.")] + e.comments
                elif e.msgid_plural is not None:
                    e.msgstr = [""] * nplurals_of(header)
                wanted[k] = e
        obsolete = [e for k, e in by_key.items() if k not in wanted]
        entries = sorted(wanted.values(), key=lambda e: (e.msgid.lower(), e.msgid, e.msgctxt or ""))
        # Strings Wagtail translated in the meantime are kept (they may still be relied on), marked obsolete.
        for e in obsolete:
            e.flags = set(e.flags)
            if not any(c.startswith("#. no longer missing") for c in e.comments):
                e.comments = ["#. no longer missing in Wagtail's catalogs", *e.comments]
        write_po(path, header, entries + obsolete)
        todo = sum(1 for e in entries if not e.translated)
        print(f"{path.relative_to(BASE_DIR)}: {len(entries)} entries, {todo} untranslated, {len(obsolete)} no longer missing")
    return 0


def cmd_compile(args) -> int:
    for domain in args.domain:
        po = project_po(domain)
        if not po.exists():
            continue
        mo = po.with_suffix(".mo")
        data = compile_po(po)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            print(f"wrote {mo.relative_to(BASE_DIR)}")
        else:
            print(f"{mo.relative_to(BASE_DIR)} up to date")
    return 0


def cmd_check(args) -> int:
    ok = True
    for domain in args.domain:
        po = project_po(domain)
        if not po.exists():
            continue
        header, entries = parse_po(po)
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != make_mo(header, entries):
            print(f"{mo.relative_to(BASE_DIR)} is stale: run scripts/compile_messages.py compile")
            ok = False
        untranslated = [e.msgid for e in entries if not e.translated]
        if untranslated:
            print(f"{po.relative_to(BASE_DIR)}: {len(untranslated)} untranslated or fuzzy: {untranslated[:5]}")
            ok = False
        for e in entries:
            for problem in placeholder_problems(e):
                print(f"{po.relative_to(BASE_DIR)}: {e.msgid!r}: {problem}")
                ok = False
    return 0 if ok else 1


_PLACEHOLDER_RE = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z_][A-Za-z0-9_]*\}|</?[a-zA-Z][^>]*>")


def placeholders(s: str) -> list[str]:
    """Python-format and str.format placeholders and HTML tags in s, sorted."""
    return sorted(_PLACEHOLDER_RE.findall(s))


def placeholder_problems(e: Entry) -> list[str]:
    """Placeholders and HTML tags of the msgid that a translation drops, or that it invents."""
    if not e.translated:
        return []
    problems = []
    if e.msgid_plural is None:
        allowed = set(placeholders(e.msgid))
        required = placeholders(e.msgid)
    else:
        # Chinese has one form, used for every n: it follows the plural text, which names the count
        # where the singular often says "1" or "one".
        allowed = set(placeholders(e.msgid)) | set(placeholders(e.msgid_plural))
        required = placeholders(e.msgid_plural)
    for s in e.msgstr:
        got = placeholders(s)
        invented = sorted({p for p in got if p not in allowed})
        if invented:
            problems.append(f"unknown placeholder/tag {invented} in {s!r}")
        left = list(got)
        missing = []
        for p in required:
            if p in left:
                left.remove(p)
            else:
                missing.append(p)
        if missing:
            problems.append(f"missing {missing} in {s!r}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("missing", cmd_missing), ("update", cmd_update), ("compile", cmd_compile), ("check", cmd_check)):
        p = sub.add_parser(name)
        p.add_argument("--domain", action="append", choices=DOMAINS)
        if name == "missing":
            p.add_argument("--untranslated", action="store_true", help="hide what locale/ already translates")
        p.set_defaults(func=func)
    args = parser.parse_args(argv)
    args.domain = args.domain or list(DOMAINS)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
