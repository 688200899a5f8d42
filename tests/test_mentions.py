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


def test_a_party_tag_taken_for_the_subject_gives_the_tagged_name() -> None:
    # "Sen. Bo Park (R-Ga.) said": the parse makes the tag the subject; the mention is the name,
    # its title and its tag, headed by the name
    rows = [
        ("Sen.", 2, "compound", "PROPN"), ("Bo", 2, "compound", "PROPN"), ("Park", 8, "dep", "PROPN"),
        ("(", 6, "punct", "PUNCT"), ("R", 6, "compound", "PROPN"), ("-", 6, "punct", "PUNCT"),
        ("Ga.", 8, "nsubj", "PROPN"), (")", 6, "punct", "PUNCT"), ("said", 8, "ROOT", "VERB"),
        ("no", 8, "dobj", "INTJ"),
    ]
    from spacy.tokens import Doc

    base = parsed(rows)
    spaces = [True, True, True, False, False, False, False, True, True, False]
    doc = Doc(base.vocab, words=[r[0] for r in rows], spaces=spaces, heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows])
    assert "Park (R-Ga" in doc.text
    m = mention_for(doc[6])
    assert m.span(doc).text == "R-Ga."  # no person entity: the tag is all there is
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    m = mention_for(doc[6])
    assert m.span(doc).text == "Sen. Bo Park (R-Ga.)"
    assert doc[m.head].text == "Park"
