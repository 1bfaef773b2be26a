"""Chinese text analysis: the one place where text becomes words.

Indexed text (every backend, every indexed model) and queries both go through jieba's search
mode (`cut_for_search`) with the bureau's user dictionary, so that 环境 finds
浦东新区环境保护和市容卫生管理局 and 垃圾分类 finds 生活垃圾分类工作动态. Words are written out
separated by spaces, which is what SQLite FTS5's and PostgreSQL's own tokenizers understand.

jieba costs about 1.5 s and 80 MiB to load, so it is loaded once per process: at start-up for
servers, workers and indexing commands (see SearchConfig.ready and config/gunicorn.conf.py),
otherwise on first use. Changing the dictionary changes the words: reindex afterwards.
"""

import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "bureau_terms.txt"
MAX_QUERY_LENGTH = 100
MAX_QUERY_TERMS = 12

# Characters that make up a word for every backend tokenizer (letters, digits, CJK).
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
# Control characters and the like never belong in a query.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
# Function words dropped from a query when it has other words.
STOPWORDS = frozenset("的 了 和 与 及 或 在 是 对 把 被 之 其 等 为 并 也 就 都 而 啊 吗 呢".split())

_lock = threading.Lock()
_tokenizer = None  # the per-process jieba instance


def dictionary_path():
    return Path(os.environ.get("SEARCH_USER_DICT") or DEFAULT_DICTIONARY)


def read_user_dictionary(path=None):
    """[(word, freq or None, tag or None)] from a jieba user dictionary; # starts a comment."""
    entries = []
    for line in Path(path or dictionary_path()).read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((word, freq, tag))
    return entries


def get_tokenizer():
    """The process's jieba tokenizer with the bureau dictionary, loaded on first call."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                # deferred: jieba costs 1.5 s and 80 MiB; loaded on first use or by warm_up
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word, freq, tag in read_user_dictionary():
                    tokenizer.add_word(word, freq, tag)
                _tokenizer = tokenizer
    return _tokenizer


def warm_up():
    """Load jieba now (servers and indexing commands call this at start-up)."""
    get_tokenizer()
    analyze("浦东新区环境保护和市容卫生管理局")


def is_loaded():
    return _tokenizer is not None


def normalise(text):
    """Full-width to half-width, compatibility forms folded, lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _words(text):
    for token in get_tokenizer().cut_for_search(text):
        yield from _WORD.findall(token)


@lru_cache(maxsize=2048)
def analyze(text):
    """Text as space-separated words for the index (cached: Wagtail asks for each value
    several times while indexing one object)."""
    if not text:
        return ""
    return " ".join(_words(normalise(text)))


def clean_query(raw):
    """What the visitor typed, made safe to echo and to analyse: no control characters,
    single spaces, at most MAX_QUERY_LENGTH characters."""
    if not isinstance(raw, str):
        return ""
    text = _CONTROL.sub(" ", raw[: MAX_QUERY_LENGTH * 4])
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY_LENGTH].strip()


# The number part of a document number (文号) such as 浦环保〔2005〕12号, and quoted text, are
# matched as phrases: their words must stand next to each other, not just anywhere.
_DOC_NUMBER = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d{1,5}\s*号")
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # the cleaned query, as typed
    terms: tuple  # words every result must contain
    highlight_terms: tuple  # what to mark in titles and snippets, longest first
    plain: str = ""  # the query without its phrases
    phrases: tuple = ()  # document numbers and quoted text, matched word next to word

    def __bool__(self):
        return bool(self.terms)


def split_phrases(text):
    """(the text without phrases, [phrases]): 文号 and text in matching quotes."""
    phrases = []

    def keep(match):
        phrase = next((g for g in match.groups() if g), match.group(0)) if match.groups() else match.group(0)
        if phrase.strip():
            phrases.append(phrase.strip())
        return " "

    rest = _QUOTED.sub(keep, text)
    rest = _DOC_NUMBER.sub(keep, rest)
    return _SPACES.sub(" ", rest).strip(), phrases


def _spans(text):
    """(word, start, end) for each word of the search-mode segmentation of `text`."""
    for token, start, _end in get_tokenizer().tokenize(text, mode="search"):
        for match in _WORD.finditer(token):
            yield match.group(), start + match.start(), start + match.end()


def _required(spans):
    """Drop words that are fully covered by smaller words inside them (垃圾分类 is covered by
    垃圾 + 分类): documents that say the same thing in other words still match, and the rest is
    what both the index and the query agree on whatever the context."""
    required = []
    for word, start, end in spans:
        inner = [(s, e) for w, s, e in spans if start <= s and e <= end and (s, e) != (start, end)]
        covered = set()
        for s, e in inner:
            covered.update(range(s, e))
        if not inner or not covered.issuperset(range(start, end)):
            required.append(word)
    return required


def _query_words(text):
    """(required words, words to mark) of a piece of query text."""
    spans = list(_spans(normalise(text)))
    terms = list(dict.fromkeys(_required(spans)))
    meaningful = [t for t in terms if t not in STOPWORDS]
    terms = meaningful or terms
    marks = {w for w, _s, _e in spans if w not in STOPWORDS or w in terms}
    return terms, marks


@lru_cache(maxsize=1024)
def analyse_query(raw):
    text = clean_query(raw)
    plain, phrases = split_phrases(text)
    terms, marks = _query_words(plain)
    kept_phrases = []
    for phrase in phrases:
        words = _required(list(_spans(normalise(phrase))))
        if words:
            kept_phrases.append(phrase)
            terms.extend(w for w in words if w not in terms)
            marks.update(words)
            marks.add(normalise(phrase))
    normalised = normalise(text)
    marks.update(part.strip('"“”「」') for part in normalised.split(" ") if _WORD.search(part))
    highlight_terms = tuple(sorted(marks, key=lambda w: (-len(w), w)))
    return AnalysedQuery(
        text=text,
        terms=tuple(terms[:MAX_QUERY_TERMS]),
        highlight_terms=highlight_terms,
        plain=plain,
        phrases=tuple(kept_phrases),
    )


def query_terms(raw):
    return list(analyse_query(raw).terms)
