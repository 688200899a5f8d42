"""The one name normaliser: how printed names (and quote texts) become what they are compared by.

Every module that compares names uses these functions, each for one purpose:

- :func:`fold`, :func:`name_tokens`, :func:`name_key`, :func:`slug`: matching names against the
  gazetteer ("Erdoğan's", "ERDOGAN" and "Mr. Erdogan" are one name; ids are slugs);
- :func:`printed_name`: a name as the article prints it, for display and for the article's own
  people ("Mr. Stoltenberg's" -> "Stoltenberg"), case kept;
- :func:`search_words`: the words of a ``--speaker`` search and of stored speaker names, for
  fuzzy matching ("Stoltenberg, Jens" -> stoltenberg, jens);
- :func:`casefold_name`: names compared whole, ignoring case and spacing (evaluation);
- :func:`canonical_text`: a quote's text as recycled-quote detection compares it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from quotes.lexicon import HONORIFICS  # words before a name that are not part of it

__all__ = [
    "HONORIFICS",
    "NAME_SUFFIXES",
    "canonical_text",
    "casefold_name",
    "fold",
    "name_key",
    "name_tokens",
    "printed_name",
    "search_words",
    "slug",
    "spelled_as_printed",
    "strip_possessive",
]

# Generational suffixes after a name ("Joseph R. Biden Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Letters NFKD does not decompose, typographic apostrophes and dashes.
SPECIAL = str.maketrans(
    {
        "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
        "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d",
        "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00ad": "",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics (Erdoğan -> erdogan, Əliyev -> eliyev, ’ -> ')."""
    t = unicodedata.normalize("NFKD", text.translate(SPECIAL))
    return "".join(c for c in t if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name as matched: folded, no possessive, honorifics and Jr. dropped."""
    t = fold(text)
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"(?<=s)'(?=\s|$)", "", t)
    t = t.replace("'", "")
    toks = re.findall(r"[^\W_]+", t)
    while toks and toks[0] in HONORIFICS:
        toks.pop(0)
    return tuple(tok for tok in toks if tok not in NAME_SUFFIXES)


def name_key(text: str) -> str:
    """The words of :func:`name_tokens` joined by spaces: the key names are compared by."""
    return " ".join(name_tokens(text))


def slug(text: str) -> str:
    """A stable id for a name: ``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text).replace("'", "")))


_SPACE = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"(?:['\u2019]s?)$")


def strip_possessive(text: str) -> str:
    """``Stoltenberg's`` -> ``Stoltenberg``, ``Sanders'`` -> ``Sanders``."""
    return _POSSESSIVE_END.sub("", text).strip()


_DOTTED_HONORIFICS = HONORIFICS | {h + "." for h in HONORIFICS}


def printed_name(text: str, honorifics: Collection[str] = _DOTTED_HONORIFICS) -> str:
    """A name as printed, for display: spacing collapsed, no possessive, no honorific words
    (``honorifics`` are compared lower-cased, so a set may hold "mr." with its dot); case and
    diacritics are kept ("Mr. Erdoğan's" -> "Erdoğan")."""
    words = _SPACE.sub(" ", strip_possessive(text)).strip().split()
    return " ".join(w for w in words if w.lower() not in honorifics and w not in ("'s", "\u2019s"))


def spelled_as_printed(name: str, printed: str) -> str:
    """A known person's ``name`` with each word spelled as the article prints it, where the two
    differ only in diacritics or case: US copy writes "Erdogan" and "Francois Hollande", and a
    reader (and the evaluation's name match) takes the article's spelling as the name. Words the
    article does not print keep the known spelling ("Recep Tayyip Erdoğan" + "Erdogan" ->
    "Recep Tayyip Erdogan")."""
    seen: dict[str, str] = {}
    for word in _SPACE.sub(" ", strip_possessive(printed)).split():
        word = word.strip(".,;:()\"'\u2019")
        if any(ch.isalpha() for ch in word):
            seen.setdefault(_plain(word), word)
    return " ".join(seen.get(_plain(word), word) for word in name.split())


def _plain(word: str) -> str:
    """A word without diacritics, case kept (a capitalised headline word is not a spelling)."""
    t = unicodedata.normalize("NFKD", word.translate(SPECIAL))
    return "".join(c for c in t if not unicodedata.combining(c))


def search_words(name: str) -> list[str]:
    """Lower-cased words of a name without punctuation, for fuzzy search ("Stoltenberg, Jens"
    -> stoltenberg, jens); honorifics before it ("Mr Younger" -> younger) and one-letter words
    (initials) are dropped unless nothing else is left."""
    from rapidfuzz import utils

    words = utils.default_process(name).split()
    k = 0
    while k < len(words) - 1 and words[k] in HONORIFICS:
        k += 1
    words = words[k:]
    return [w for w in words if len(w) > 1] or words


def casefold_name(name: str | None) -> str:
    """A name compared whole: case-folded, spacing collapsed (None -> "")."""
    return " ".join((name or "").casefold().split())


_JOINER = re.compile(r"(?<=\w)['\u2018\u2019\u02bc`\u00b4](?=\w)")
_NON_WORD = re.compile(r"[\W_]+")


def canonical_text(text: str) -> str:
    """A quote's canonical form for recycled-quote detection: NFKC, case-folded, apostrophes
    inside words removed ("don't" = "dont"), other punctuation and quotation marks to spaces,
    spaces collapsed."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _JOINER.sub("", t)
    return _NON_WORD.sub(" ", t).strip()
