"""Highlighting and snippets, done on the raw text (no backend here has highlighting).

Everything that is not a mark is escaped, so a title such as "<b>通知</b>" is shown as text.
Matching folds full-width forms and case the same way the analysis does; Latin words only
match whole words (no "or" inside "for").
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120
_ASCII_WORD = re.compile(r"[0-9a-z]")
_SENTENCE_END = "。！？；!?;\n"


def _fold(text):
    """The text folded as analysis folds it, and for each folded character its raw index."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):  # the usual case: character for character
        return folded, range(len(text))
    chars, index = [], []
    for i, ch in enumerate(text):
        folded = ch.lower() if ch.isascii() else unicodedata.normalize("NFKC", ch).lower()
        for c in folded:
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _is_ascii_word(term):
    return bool(term) and term.isascii() and term.isalnum()


def find_spans(text, terms):
    """Merged, sorted (start, end) spans of the raw text where any term occurs."""
    if not text or not terms:
        return []
    folded, index = _fold(text)
    spans = []
    for term in terms:
        if not term:
            continue
        ascii_word = _is_ascii_word(term)
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not ascii_word or (
                (start == 0 or not _ASCII_WORD.match(folded[start - 1]))
                and (end == len(folded) or not _ASCII_WORD.match(folded[end]))
            ):
                spans.append((index[start], index[end - 1] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text, spans):
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def highlight(text, terms):
    """The whole text, escaped, with every occurrence of the terms in <mark>."""
    return _render(text or "", find_spans(text or "", terms))


def snippet_window(text, terms, length=SNIPPET_LENGTH):
    """(start, end) of the stretch of text that shows the most distinct terms, starting at a
    sentence when one starts shortly before; the beginning of the text when none occurs."""
    text = text or ""
    if len(text) <= length:
        return 0, len(text)
    folded, index = _fold(text)
    occurrences = []
    for term in terms:
        start = folded.find(term) if term else -1
        while start != -1:
            occurrences.append((index[start], term))
            start = folded.find(term, start + 1)
    if not occurrences:
        return 0, length
    occurrences.sort()
    best_start, best_count = occurrences[0][0], 0
    for position, _term in occurrences:
        count = len({t for p, t in occurrences if position <= p < position + length - 20})
        if count > best_count:
            best_start, best_count = position, count
    start = max(0, best_start - 20)
    for i in range(best_start - 1, start - 1, -1):
        if text[i] in _SENTENCE_END:
            start = i + 1
            break
    end = min(len(text), start + length)
    return start, end


def snippet(text, terms, length=SNIPPET_LENGTH):
    """(plain text, escaped HTML with marks) of an extract of about `length` characters of the
    text around the terms, with … where it was cut."""
    text = _collapse(text)
    start, end = snippet_window(text, terms, length)
    before, after = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    extract = text[start:end]
    html = before + highlight(extract, terms) + after
    return before + extract + after, mark_safe(html)  # noqa: S308 - highlight() escapes


def _collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()
