"""Speaker rules of :mod:`quotes.attribution.cues` on Docs whose parse is built by hand.

The model's parse of a sentence can change between versions; these tests pin the parse that a
rule handles, so each rule is checked on exactly the structure it is written for.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from quotes.attribution.cues import find_cues
from quotes.attribution.sources import speaker_of


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, punctuation)


def parsed(
    words: list[str], heads: list[int], deps: list[str], pos: list[str],
    ents: dict[str, tuple[int, int]] | None = None,
) -> Doc:
    """A Doc with the given parse; ``heads`` are absolute token indices, ``ents`` label -> (start, end).
    Lemmas are the lower-cased words, with "said" -> "say"."""
    lemmas = ["say" if w == "said" else w.lower() for w in words]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    if ents:
        doc.ents = [Span(doc, s, e, label=label) for label, (s, e) in ents.items()]
    return doc


def test_a_date_the_parser_made_the_subject_is_not_the_speaker() -> None:
    # "Silver tweeted Wednesday" with "Wednesday" parsed as the subject of an inverted verb
    doc = parsed(
        ["“", "Yes", ",", "”", "tweeted", "Wednesday", "."],
        [4, 4, 4, 4, 4, 4, 4],
        ["punct", "intj", "punct", "punct", "ROOT", "nsubj", "punct"],
        ["PUNCT", "INTJ", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
        {"DATE": (5, 6)},
    )
    assert speaker_of(doc[4], frozenset(range(0, 4))) is None


def test_an_age_is_a_speaker_even_when_tagged_as_a_date() -> None:
    doc = parsed(
        ["the", "46-year-old", "said", "."],
        [1, 2, 2, 2],
        ["det", "nsubj", "ROOT", "punct"],
        ["DET", "NOUN", "VERB", "PUNCT"],
        {"DATE": (1, 2)},
    )
    assert speaker_of(doc[2]).text == "46-year-old"


def test_a_passive_agent_speaks_only_for_the_passive_verb_itself() -> None:
    # "Silverman was joined by Franken and joked": Franken joined, Silverman joked
    words = ["Silverman", "was", "joined", "by", "Franken", "and", "joked"]
    doc = parsed(
        words,
        [2, 2, 2, 2, 3, 2, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "cc", "conj"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "VERB"],
    )
    assert speaker_of(doc[6]).text == "Silverman"
    # "Rubio was asked by the moderator": the agent asks
    doc = parsed(
        ["Rubio", "was", "asked", "by", "Baker"],
        [2, 2, 2, 2, 3],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN"],
    )
    assert speaker_of(doc[2]).text == "Baker"


def test_a_name_between_commas_is_the_speaker_not_the_word_before() -> None:
    # "after winning Ohio, Gov. John Kasich (R-Ohio), said" with the name hung on "Ohio"
    words = ["after", "winning", "Ohio", ",", "Gov.", "John", "Kasich", "(", "R-Ohio", ")", ",", "said"]
    doc = parsed(
        words,
        [11, 0, 1, 2, 6, 6, 2, 6, 6, 6, 11, 11],
        ["prep", "pcomp", "dobj", "punct", "compound", "compound", "conj", "punct", "appos", "punct", "punct", "ROOT"],
        ["ADP", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "VERB"],
        {"GPE": (2, 3), "PERSON": (5, 7)},
    )
    assert speaker_of(doc[11]).text == "Kasich"
    assert [c.token.text for c in find_cues(doc)] == ["said"]


def test_the_noun_whose_relative_clause_ends_at_the_verb_speaks() -> None:
    # "an official who spoke anonymously said" with "said" left without a subject
    doc = parsed(
        ["an", "official", "who", "spoke", "anonymously", "said"],
        [1, 5, 3, 1, 3, 5],
        ["det", "npadvmod", "nsubj", "relcl", "advmod", "ROOT"],
        ["DET", "NOUN", "PRON", "VERB", "ADV", "VERB"],
    )
    assert speaker_of(doc[5]).text == "official"


def test_a_participle_hung_on_a_thing_takes_the_person_of_the_main_clause() -> None:
    # "Bennett denied the notion that a shakeup is coming, explaining that he was away":
    # the parser hangs "explaining" on "coming", whose subject is a thing
    words = ["Bennett", "denied", "the", "notion", "that", "a", "shakeup", "is", "coming", ",",
             "explaining", "that", "he", "was", "away", "."]
    heads = [1, 1, 3, 1, 8, 6, 8, 8, 3, 8, 8, 13, 13, 10, 13, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "mark", "det", "nsubj", "aux", "acl", "punct",
            "advcl", "mark", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT",
           "VERB", "SCONJ", "PRON", "AUX", "ADJ", "PUNCT"]
    doc = parsed(words, heads, deps, pos, {"PERSON": (0, 1)})
    doc[10].tag_ = "VBG"
    assert speaker_of(doc[10]).text == "Bennett"
    # the same parse with a person as the inner subject keeps the inner subject
    words[6] = "protester"
    doc = parsed(words, heads, deps, pos, {"PERSON": (0, 1)})
    doc[10].tag_ = "VBG"
    assert speaker_of(doc[10]).text == "protester"


def test_a_participle_after_a_quote_has_no_inverted_speaker() -> None:
    # '"We lose," referencing the number': unlike '"We lose," said the senator', a participle
    # never inverts, so the noun after it is what is referred to, not who speaks
    doc = parsed(
        ["“", "We", "lose", ",", "”", "referencing", "the", "number", "."],
        [5, 2, 5, 5, 5, 5, 7, 5, 5],
        ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "det", "dobj", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
    )
    doc[5].tag_ = "VBG"
    assert speaker_of(doc[5], frozenset(range(0, 5))) is None
    doc[5].tag_ = "VBD"  # "said the number" would be inverted
    assert speaker_of(doc[5], frozenset(range(0, 5))).text == "number"
