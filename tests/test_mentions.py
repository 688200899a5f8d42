"""Speaker mentions (:mod:`quotes.attribution.mentions`) on Docs whose parse is built by hand."""

from __future__ import annotations

from handparse import parsed
from spacy.tokens import Span

from quotes.attribution.mentions import mention_for


def test_a_phrase_of_time_after_the_speaker_is_not_the_mention() -> None:
    # "Lopez at the time said ...": the parse hangs "at the time" on the name
    doc = parsed([
        ("Lopez", 4, "nsubj", "PROPN"), ("at", 0, "prep", "ADP"), ("the", 3, "det", "DET"),
        ("time", 1, "pobj", "NOUN"), ("said", 4, "ROOT", "VERB"), ("no", 4, "dobj", "INTJ"),
        (".", 4, "punct", "PUNCT"),
    ])
    m = mention_for(doc[0])
    assert m.span(doc).text == "Lopez"
    # "the mayor on Monday said": a date too
    doc = parsed([
        ("the", 1, "det", "DET"), ("mayor", 4, "nsubj", "NOUN"), ("on", 1, "prep", "ADP"),
        ("Monday", 2, "pobj", "PROPN"), ("said", 4, "ROOT", "VERB"), (".", 4, "punct", "PUNCT"),
    ])
    doc.ents = [Span(doc, 3, 4, label="DATE")]
    assert mention_for(doc[1]).span(doc).text == "the mayor"


def test_a_phrase_that_says_who_stays_in_the_mention() -> None:
    # "the mayor of Springfield said": the "of" phrase is part of the description
    doc = parsed([
        ("the", 1, "det", "DET"), ("mayor", 4, "nsubj", "NOUN"), ("of", 1, "prep", "ADP"),
        ("Springfield", 2, "pobj", "PROPN"), ("said", 4, "ROOT", "VERB"), (".", 4, "punct", "PUNCT"),
    ])
    doc.ents = [Span(doc, 3, 4, label="GPE")]
    assert mention_for(doc[1]).span(doc).text == "the mayor of Springfield"
