"""The start-up passes' candidates (:mod:`quotes.attribution.tokens`) on Docs parsed by hand: each
list holds the tokens its pass keeps (it may hold more: the pass tests them in full)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from handparse import VOCAB, parsed
from spacy.tokens import Doc, Span, Token

from quotes.attribution.cues import is_speech_verb
from quotes.attribution.tokens import TokenTable
from quotes.lexicon import UNNAMED_SOURCE_NOUNS

# "According to officials, the spokeswoman said Gorka left."
_SPOKESWOMAN = [
    ("According", 6, "prep", "VERB"), ("to", 0, "prep", "ADP"), ("officials", 1, "pobj", "NOUN"),
    (",", 6, "punct", "PUNCT"), ("the", 5, "det", "DET"), ("spokeswoman", 6, "nsubj", "NOUN"),
    ("said", 6, "ROOT", "VERB"), ("Gorka", 8, "nsubj", "PROPN"), ("left", 6, "ccomp", "VERB"), (".", 6, "punct", "PUNCT"),
]
# "The Treasury told reporters the senator will ask NASA."
_TREASURY = [
    ("The", 1, "det", "DET"), ("Treasury", 2, "nsubj", "NOUN"), ("told", 2, "ROOT", "VERB"),
    ("reporters", 2, "dobj", "NOUN"), ("the", 5, "det", "DET"), ("senator", 7, "nsubj", "NOUN"),
    ("will", 7, "aux", "AUX"), ("ask", 2, "ccomp", "VERB"), ("NASA", 7, "dobj", "PROPN"), (".", 2, "punct", "PUNCT"),
]


def _treasury() -> Doc:
    doc = parsed(_TREASURY)
    doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 8, 9, label="ORG")]
    return doc


def _tagged_noun() -> Doc:
    """'Cruz says no' with ``says`` mistagged: a noun by its coarse tag, a verb by its fine tag;
    and 'his claim' (a noun of saying, tagged as one)."""
    return Doc(VOCAB, words=["Cruz", "says", "no", "to", "his", "claim"],
               heads=[1, 1, 1, 1, 5, 3], deps=["nsubj", "ROOT", "dobj", "prep", "poss", "pobj"],
               pos=["PROPN", "NOUN", "DET", "ADP", "PRON", "NOUN"], tags=["NNP", "VBZ", "DT", "IN", "PRP$", "NN"],
               lemmas=["Cruz", "say", "no", "to", "his", "claim"])


DOCS: dict[str, Callable[[], Doc]] = {
    "spokeswoman": lambda: parsed(_SPOKESWOMAN),
    "treasury": _treasury,
    "mistagged": _tagged_noun,
    "empty": lambda: Doc(VOCAB, words=[]),
}


@pytest.mark.parametrize(
    ("doc", "candidates", "expected"),
    [
        ("spokeswoman", "cue_candidates", [0, 6]),  # "According", "said" (lemma say); not "left"
        ("spokeswoman", "noun_subjects", [5]),
        ("spokeswoman", "unnamed_source_subjects", [5]),
        ("spokeswoman", "title_proper_nouns", [7]),  # "Gorka"; "According" is a verb
        ("treasury", "cue_candidates", [2, 7]),  # "told", "ask"
        ("treasury", "noun_subjects", [5]),  # "Treasury" is an entity
        ("treasury", "unnamed_source_subjects", []),
        ("treasury", "title_proper_nouns", []),  # "NASA" is not in title case
        ("mistagged", "cue_candidates", [1]),  # a verb by its fine tag; "claim" is a noun
        ("mistagged", "title_proper_nouns", [0]),
        ("empty", "cue_candidates", []),
        ("empty", "noun_subjects", []),
    ],
)
def test_candidates_of_each_start_up_pass(doc: str, candidates: str, expected: list[int]) -> None:
    assert getattr(TokenTable(DOCS[doc]()), candidates)() == expected


def _noun_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and not tok.ent_type_


def _unnamed_source(tok: Token) -> bool:
    return tok.lower_ in UNNAMED_SOURCE_NOUNS and tok.dep_ in ("nsubj", "nsubjpass") and not tok.ent_type_


# The first tests of each pass, on Token objects as the passes wrote them before the table.
FULL_TESTS: dict[str, Callable[[Token], bool]] = {
    "cue_candidates": lambda t: t.lower_ == "according" or is_speech_verb(t),
    "noun_subjects": _noun_subject,
    "unnamed_source_subjects": _unnamed_source,
    "title_proper_nouns": lambda t: t.pos_ == "PROPN" and t.is_title,
}


@pytest.mark.parametrize("doc", sorted(DOCS))
@pytest.mark.parametrize("candidates", sorted(FULL_TESTS))
def test_no_pass_loses_a_token_its_full_test_keeps(doc: str, candidates: str) -> None:
    parsed_doc = DOCS[doc]()
    assert getattr(TokenTable(parsed_doc), candidates)() == [t.i for t in parsed_doc if FULL_TESTS[candidates](t)]


def test_starts_are_the_tokens_character_offsets() -> None:
    doc = parsed(_SPOKESWOMAN)
    assert TokenTable(doc).starts == [t.idx for t in doc]
