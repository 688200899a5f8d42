"""Parse only what quote extraction needs.

The parser and the entity recognizer are the whole cost of extraction. A paragraph with no
quotation mark, no reporting word and no closing colon cannot hold a quote or its attribution,
so it is blanked (replaced by spaces of the same length, line breaks kept) before parsing: offsets
stay those of the original text, and the parser spends almost nothing on it. What such a paragraph
can still contribute, a person introduced by full name and title ("Defense Minister Anna Kowalski
visited the base") or an organization ("The Labor Department calculates ..."), is kept as a
:class:`NameHint` found by a cheap capitalization scan.
"""

from __future__ import annotations

import re

from quotes.attribution.marks import paragraphs
from quotes.attribution.mentions import NameHint, name_hints, org_hints, poll_hints
from quotes.lexicon import DASHES, SPEAKER_LABEL, VERB_FORMS

__all__ = ["NameHint", "focus", "is_relevant"]

# Reporting words are looked up word by word: a regular expression alternating 828 words costs
# Python's re a try of each at every position (0.7 s per 200 articles, as much as the rules).
_WORD_RE = re.compile(r"\w+")
_PRONOUNS = frozenset({"he", "she", "it", "they"})
_LABEL_RE = re.compile(SPEAKER_LABEL)
# Any double mark, guillemet or backtick pair; single marks only where they are not apostrophes.
_MARK_RE = re.compile(r"[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`]|''|(?<!\w)[\u2018\u2019']|[\u2018\u2019'](?!\w)")


def is_relevant(paragraph: str) -> bool:
    """Whether a paragraph can hold a quote or an attribution (a short line after a dash signs the
    quote above it: "- Bernie Sanders."; a transcript's turn opens with its speaker's label:
    "PENCE: We will never support it.")."""
    stripped = paragraph.strip()
    return bool(
        _MARK_RE.search(paragraph) or _has_cue_word(paragraph) or stripped.endswith(":")
        or stripped[:1] in DASHES and len(stripped.split()) <= 12 or _LABEL_RE.match(stripped)
    )


def _has_cue_word(paragraph: str) -> bool:
    """Whether a whole word of the paragraph is a reporting verb form (any case)."""
    return any(m.group().lower() in VERB_FORMS for m in _WORD_RE.finditer(paragraph))


def needs_antecedent(paragraph: str) -> bool:
    """Whether a paragraph's attribution is a pronoun (``"...," he said``, ``he quickly added``,
    ``said she``): the paragraph before it is then parsed too, so that the pronoun finds its
    antecedent where a reader finds it (``In his assessment, Calderon intimated
    disappointment.`` / ``"...," he said.``). Words count as adjacent when only whitespace
    separates them."""
    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD_RE.finditer(paragraph)]

    def next_to(k: int) -> str | None:  # the word after words[k], if only whitespace is between
        if k + 1 < len(words) and paragraph[words[k][2] : words[k + 1][1]].isspace():
            return words[k + 1][0]
        return None

    for k, (word, _, _) in enumerate(words):
        if word in _PRONOUNS:
            after = next_to(k)
            if after in VERB_FORMS:
                return True
            if after is not None and len(after) > 2 and after.endswith("ly") and next_to(k + 1) in VERB_FORMS:
                return True
        elif word in VERB_FORMS and next_to(k) in _PRONOUNS:
            return True
    return False


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
        hints.extend(org_hints(para, start))
        hints.extend(poll_hints(para, start))
    if not pieces:
        return text, hints
    pieces.append(text[pos:])
    return "".join(pieces), hints
