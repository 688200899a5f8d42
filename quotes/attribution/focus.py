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

from quotes.attribution.marks import paragraphs
from quotes.attribution.mentions import NameHint, name_hints
from quotes.lexicon import DASHES, VERB_FORMS

__all__ = ["NameHint", "focus", "is_relevant"]

_CUE_WORDS = "|".join(map(re.escape, sorted(VERB_FORMS, key=len, reverse=True)))
_CUE_RE = re.compile(r"\b(?:" + _CUE_WORDS + r")\b", re.I)
# Any double mark, guillemet or backtick pair; single marks only where they are not apostrophes.
_MARK_RE = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`]|''|(?<!\w)[\u2018\u2019']|[\u2018\u2019'](?!\w)")


def is_relevant(paragraph: str) -> bool:
    """Whether a paragraph can hold a quote or an attribution (a short line after a dash signs the
    quote above it: "- Bernie Sanders.")."""
    stripped = paragraph.strip()
    return bool(
        _MARK_RE.search(paragraph) or _CUE_RE.search(paragraph) or stripped.endswith(":")
        or stripped[:1] in DASHES and len(stripped.split()) <= 12
    )


#: A pronoun subject next to a reporting verb (``he said``, ``it added``, ``said they``): the
#: attribution needs its antecedent, which the paragraph before most often holds.
_PRONOUN_CUE_RE = re.compile(
    r"\b(?:he|she|it|they)\s+(?:\w+ly\s+)?(?:" + _CUE_WORDS + r")\b|\b(?:" + _CUE_WORDS + r")\s+(?:he|she|it|they)\b",
    re.I,
)


def needs_antecedent(paragraph: str) -> bool:
    """Whether a paragraph's attribution is a pronoun (``"...," he said``): the paragraph before
    it is then parsed too, so that the pronoun finds its antecedent where a reader finds it
    (``In his assessment, Calderon intimated disappointment.`` / ``"...," he said.``)."""
    return bool(_PRONOUN_CUE_RE.search(paragraph))


def focus(text: str, title_words: frozenset[str] = frozenset()) -> tuple[str, list[NameHint]]:
    """``text`` with irrelevant paragraphs blanked (same length), and the names they held; a
    paragraph just before one whose attribution is a pronoun is kept (:func:`needs_antecedent`)."""
    pieces: list[str] = []
    hints: list[NameHint] = []
    pos = 0
    paras = list(paragraphs(text))
    for k, (start, end) in enumerate(paras):
        para = text[start:end]
        if is_relevant(para) or k + 1 < len(paras) and needs_antecedent(text[paras[k + 1][0] : paras[k + 1][1]]):
            continue
        pieces.append(text[pos:start])
        pieces.append(" " * (end - start))
        pos = end
        hints.extend(name_hints(para, start, title_words))
    if not pieces:
        return text, hints
    pieces.append(text[pos:])
    return "".join(pieces), hints
