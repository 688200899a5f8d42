"""Docs whose parse is written by hand, for tests of rules that must see exactly one structure."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from quotes.lexicon import VERB_FORMS

VOCAB = spacy.blank("en").vocab
_NO_SPACE_BEFORE = {",", ".", ":", "\u201d", "?", "!", "\n"}


def parsed(rows: list[tuple[str, int, str, str]], ents: dict[str, tuple[int, int]] | None = None) -> Doc:
    """A Doc from (word, absolute head, dep, pos) rows; spaces as English prints them, lemmas of
    the verbs of saying from the lexicon."""
    words = [r[0] for r in rows]
    spaces = [
        not (w in ("\u201c", "\n") or i + 1 == len(words) or words[i + 1] in _NO_SPACE_BEFORE)
        for i, w in enumerate(words)
    ]
    doc = Doc(
        VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
        pos=[r[3] for r in rows], lemmas=[VERB_FORMS.get(w.lower(), w.lower()) for w in words],
    )
    if ents:
        doc.ents = [Span(doc, s, e, label=label) for label, (s, e) in ents.items()]
    return doc
