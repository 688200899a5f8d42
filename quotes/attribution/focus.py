"""Parse only what quote extraction needs.

The parser and the entity recognizer are the whole cost of extraction. A paragraph with no
quotation mark, no reporting word and no closing colon cannot hold a quote or its attribution,
so it is blanked (replaced by spaces of the same length, line breaks kept) before parsing: offsets
stay those of the original text, and the parser spends almost nothing on it. What such a paragraph
can still contribute, a person introduced by full name and title ("Defense Minister Anna Kowalski
visited the base"), is kept as a :class:`NameHint` found by a cheap capitalization scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.attribution.cues import VERB_FORMS
from quotes.attribution.marks import paragraphs
from quotes.attribution.mentions import ROLE_WORDS

_CUE_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(VERB_FORMS, key=len, reverse=True))) + r")\b", re.I)
# Any double mark, guillemet or backtick pair; single marks only where they are not apostrophes.
_MARK_RE = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`]|''|(?<!\w)[\u2018\u2019']|[\u2018\u2019'](?!\w)")
_NAME_RE = re.compile(r"(?:[A-Z][\w\u2019'.-]*\s+){1,4}[A-Z][\w\u2019'-]+")
_NOT_NAME_WORDS = frozenset(
    """
    the a an and of for in on at to by with from this that these those monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december house party department states union council committee agency news
    times post city county court ministry office army forces university street
    """.split()
)


@dataclass(frozen=True, slots=True)
class NameHint:
    """A probable person's name (and the title printed before it) in a blanked paragraph."""

    name: str
    start: int
    role: str | None


def is_relevant(paragraph: str) -> bool:
    """Whether a paragraph can hold a quote or an attribution (a short line after a dash signs the
    quote above it: "- Bernie Sanders.")."""
    stripped = paragraph.strip()
    return bool(
        _MARK_RE.search(paragraph) or _CUE_RE.search(paragraph) or stripped.endswith(":")
        or stripped[:1] in ("-", "\u2013", "\u2014") and len(stripped.split()) <= 12
    )


def focus(text: str, title_words: frozenset[str] = frozenset()) -> tuple[str, list[NameHint]]:
    """``text`` with irrelevant paragraphs blanked (same length), and the names they held."""
    pieces: list[str] = []
    hints: list[NameHint] = []
    pos = 0
    for start, end in paragraphs(text):
        para = text[start:end]
        if is_relevant(para):
            continue
        pieces.append(text[pos:start])
        pieces.append(" " * (end - start))
        pos = end
        hints.extend(name_hints(para, start, title_words))
    if not pieces:
        return text, hints
    pieces.append(text[pos:])
    return "".join(pieces), hints


def name_hints(para: str, offset: int, title_words: frozenset[str] = frozenset()) -> list[NameHint]:
    """Capitalized runs that look like 'Title Given Family': a title prefix is split off as role."""
    roles = ROLE_WORDS | title_words
    out: list[NameHint] = []
    for m in _NAME_RE.finditer(para):
        words = m.group().split()
        # a role is everything up to the last title word, an organization before it included
        # ("NATO Secretary-General", "Defense Minister")
        last = max((k for k, w in enumerate(words[:-2]) if w.lower().strip(".,") in roles), default=-1)
        role_words, words = words[: last + 1], words[last + 1 :]
        while words and words[0].lower() in _NOT_NAME_WORDS:
            role_words.append(words.pop(0))
        if len(words) < 2 or any(w.lower().strip(".,") in _NOT_NAME_WORDS | roles for w in words):
            continue
        role = " ".join(w for w in role_words if w.lower() not in _NOT_NAME_WORDS) or None
        if m.start() == 0 and role is None:
            continue  # a capitalized sentence start is not evidence of a name
        name = " ".join(words).rstrip(".,")
        start = offset + m.start() + m.group().index(words[0])
        if role is None:
            long_role = _long_title_before(para, m.start(), roles)
            if long_role is not None and len(words) > 2:
                # "... Special Representative for the Caucasus and Central Asia Javier Colomina":
                # the title's complement ran into the name; the name is its last two words
                name = " ".join(words[-2:]).rstrip(".,")
                start = offset + m.start() + m.group().rindex(words[-2])
                role = clean_space(long_role + " " + " ".join(words[:-2]))
        out.append(NameHint(name, start, role))
    return out


# A long title printed before a name: title-case words joined by "for", "and", "of", "the"
# ("Deputy Assistant Secretary General for Political Affairs and Security Policy and NATO
# Secretary General's Special Representative for the Caucasus and"), as agency copy prints it.
_TITLE_TAIL_RE = re.compile(r"(?:(?:[A-Z][\w\u2019'.-]*|for|and|of|the)\s+)+$")


def _long_title_before(para: str, end: int, roles: frozenset[str], connector: bool = True) -> str | None:
    """The title-case run ending right before ``end`` when it holds a title word (and, with
    ``connector``, ends in one: '... Representative for the Caucasus and'), else None."""
    m = _TITLE_TAIL_RE.search(para[:end])
    if m is None:
        return None
    words = m.group().split()
    while words and words[0].lower() in ("for", "and", "of", "the"):
        words.pop(0)
    if not words or connector and words[-1] not in ("for", "and", "of", "the"):
        return None
    if not any(w.lower().strip(".,").removesuffix("\u2019s").removesuffix("'s") in roles for w in words):
        return None
    return " ".join(words)


def printed_title(before: str, title_words: frozenset[str] = frozenset()) -> str | None:
    """The title printed right before a name (``before`` ends where the name starts):
    'Defense Minister ', '... Special Representative for the Caucasus and Central Asia '."""
    title = _long_title_before(before.rstrip() + " ", len(before.rstrip()) + 1, ROLE_WORDS | title_words, connector=False)
    return clean_space(title) if title else None


def clean_space(text: str) -> str:
    return " ".join(text.split())
