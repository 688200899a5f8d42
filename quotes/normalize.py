"""The one name normaliser: how a printed name becomes the key it is compared by.

Every module that compares names (the gazetteer, the article's people, the store's speaker
search, evaluation) uses these functions, so "Erdoğan's", "ERDOGAN" and "Mr. Erdogan" are the
same name everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["HONORIFICS", "NAME_SUFFIXES", "fold", "name_key", "name_tokens", "slug"]

# Words before a name that are not part of it ("Mr. Pashinyan", "Sir Cameron").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "madame", "mme", "lord", "lady"})
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
