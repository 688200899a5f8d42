"""The attribution rules of :mod:`quotes.attribution.rules`, each alone, on Docs parsed by hand.

As in tests/test_cues.py, the parse is pinned so that each rule is checked on exactly the
structure it is written for; a rule runs on a fresh :class:`Context`, with the claims of earlier
rules made by hand where it needs them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handparse import parsed

from quotes.attribution import extract_quotes
from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.overlaps import keep_all, marks_first
from quotes.attribution.rules import RULES, describe
from quotes.attribution.rules.adjacent import adjacent_cue
from quotes.attribution.rules.complement import complement_of_verb
from quotes.attribution.rules.continuation import _is_name, continuation
from quotes.attribution.rules.interrupted import interrupted_front
from quotes.attribution.rules.layout import dash_signature, transcript_turn
from quotes.attribution.rules.nested import reported_attribution
from quotes.attribution.rules.reported import reported_clause

def texts(ctx: Context) -> list[tuple[str, str]]:
    return [(c.kind, ctx.text[c.start : c.end]) for c in ctx.claims]


# 'Kowalski said the talks would resume.'
INDIRECT = [
    ("Kowalski", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
    ("talks", 5, "nsubj", "NOUN"), ("would", 5, "aux", "AUX"), ("resume", 1, "ccomp", "VERB"),
    (".", 1, "punct", "PUNCT"),
]
# 'Kowalski said the alliance is “ready”.'
MIXED = [
    ("Kowalski", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
    ("alliance", 4, "nsubj", "NOUN"), ("is", 1, "ccomp", "AUX"), ("\u201c", 6, "punct", "PUNCT"),
    ("ready", 4, "acomp", "ADJ"), ("\u201d", 6, "punct", "PUNCT"), (".", 1, "punct", "PUNCT"),
]
# 'Kowalski said: “We are ready.”'
DIRECT = [
    ("Kowalski", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), (":", 1, "punct", "PUNCT"),
    ("\u201c", 5, "punct", "PUNCT"), ("We", 5, "nsubj", "PRON"), ("are", 1, "ccomp", "AUX"),
    ("ready", 5, "acomp", "ADJ"), (".", 5, "punct", "PUNCT"), ("\u201d", 5, "punct", "PUNCT"),
]
# '“Ready,” Kowalski said.' with the quote parsed as an interjection: no reported clause
TRAILING = [
    ("\u201c", 1, "punct", "PUNCT"), ("Ready", 5, "intj", "INTJ"), (",", 1, "punct", "PUNCT"),
    ("\u201d", 1, "punct", "PUNCT"), ("Kowalski", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB"),
    (".", 5, "punct", "PUNCT"),
]


def test_reported_clause_without_marks_is_indirect() -> None:
    ctx = Context.of(parsed(INDIRECT))
    reported_clause(ctx)
    assert texts(ctx) == [("indirect", "the talks would resume")]
    assert ctx.claims[0].cue is not None and ctx.claims[0].cue.speaker.text == "Kowalski"


def test_reported_clause_with_words_outside_the_marks_is_mixed() -> None:
    ctx = Context.of(parsed(MIXED))
    reported_clause(ctx)
    assert texts(ctx) == [("mixed", "the alliance is \u201cready\u201d")]
    assert ctx.assigned == {0: ctx.claims[0]}


def test_reported_clause_that_a_quote_covers_is_direct() -> None:
    ctx = Context.of(parsed(DIRECT))
    reported_clause(ctx)
    assert texts(ctx) == [("direct", "\u201cWe are ready.\u201d")]


def test_complement_of_a_verb_of_judging_takes_the_partial_quote() -> None:
    # 'Bush called the order “quite dangerous.”': "call" is no verb of saying, so no cue
    doc = parsed([
        ("Bush", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
        ("order", 1, "dobj", "NOUN"), ("\u201c", 6, "punct", "PUNCT"), ("quite", 6, "advmod", "ADV"),
        ("dangerous", 1, "oprd", "ADJ"), (".", 6, "punct", "PUNCT"), ("\u201d", 6, "punct", "PUNCT"),
    ])
    ctx = Context.of(doc)
    assert ctx.cues == []
    complement_of_verb(ctx)
    assert texts(ctx) == [("mixed", "the order \u201cquite dangerous.\u201d")]
    cue = ctx.claims[0].cue
    assert cue is not None and cue.token.text == "called" and cue.speaker.text == "Bush"


def test_complement_rule_leaves_a_quote_that_opens_its_sentence() -> None:
    ctx = Context.of(parsed(TRAILING))
    complement_of_verb(ctx)
    assert ctx.claims == []


def test_adjacent_cue_after_the_closing_mark_attributes_the_quote() -> None:
    ctx = Context.of(parsed(TRAILING))
    reported_clause(ctx)  # the verb reports no clause here
    assert ctx.claims == []
    adjacent_cue(ctx)
    assert texts(ctx) == [("direct", "\u201cReady,\u201d")]
    assert ctx.claims[0].cue.speaker.text == "Kowalski"


def test_adjacent_cue_before_a_colon_attributes_the_quote() -> None:
    # 'Kowalski said: “Ready.”' with the quote hung on the verb as an interjection
    doc = parsed([
        ("Kowalski", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), (":", 1, "punct", "PUNCT"),
        ("\u201c", 4, "punct", "PUNCT"), ("Ready", 1, "intj", "INTJ"), (".", 4, "punct", "PUNCT"),
        ("\u201d", 4, "punct", "PUNCT"),
    ])
    ctx = Context.of(doc)
    adjacent_cue(ctx)
    assert texts(ctx) == [("direct", "\u201cReady.\u201d")]
    assert ctx.claims[0].cue.token.text == "said"


def test_a_hyphen_before_a_colon_is_no_byline_dash() -> None:
    # 'The paper counts deaths in a two-hour spree: “Ready.”': the hyphen of "two-hour" is no
    # "- Jane Roe:" signature, so the clause's verb and subject still introduce the quote
    from spacy.tokens import Doc

    rows = [
        ("The", 1, "det", "DET"), ("paper", 2, "nsubj", "NOUN"), ("counts", 2, "ROOT", "VERB"),
        ("deaths", 2, "dobj", "NOUN"), ("in", 2, "prep", "ADP"), ("a", 9, "det", "DET"),
        ("two", 8, "nummod", "NUM"), ("-", 8, "punct", "PUNCT"), ("hour", 9, "compound", "NOUN"),
        ("spree", 4, "pobj", "NOUN"), (":", 2, "punct", "PUNCT"), ("\u201c", 12, "punct", "PUNCT"),
        ("Ready", 2, "intj", "INTJ"), (".", 12, "punct", "PUNCT"), ("\u201d", 12, "punct", "PUNCT"),
    ]
    spaces = [True] * 6 + [False, False, True, False, True, False, False, False, False]
    doc = Doc(parsed(rows).vocab, words=[r[0] for r in rows], spaces=spaces, heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows])
    assert "two-hour spree:" in doc.text
    ctx = Context.of(doc)
    adjacent_cue(ctx)
    assert ctx.claims and ctx.claims[0].cue.token.text == "counts"
    assert ctx.claims[0].cue.speaker.text == "paper"


def test_a_thing_before_a_colon_is_no_source() -> None:
    # 'After long talks: “Ready.”': a colon after a thing introduces no one's words; after a
    # name it does ('After Kowalski: “Ready.”' is his)
    rows = [
        ("After", 5, "prep", "ADP"), ("long", 2, "amod", "ADJ"), ("talks", 0, "pobj", "NOUN"),
        (":", 5, "punct", "PUNCT"), ("\u201c", 5, "punct", "PUNCT"), ("Ready", 5, "ROOT", "INTJ"),
        (".", 5, "punct", "PUNCT"), ("\u201d", 5, "punct", "PUNCT"),
    ]
    ctx = Context.of(parsed(rows))
    adjacent_cue(ctx)
    assert ctx.claims == []
    rows[2] = ("Kowalski", 0, "pobj", "PROPN")
    ctx = Context.of(parsed(rows))
    adjacent_cue(ctx)
    assert ctx.claims and ctx.claims[0].cue.speaker.text == "Kowalski"


def test_reported_attribution_is_a_mixed_quote_of_the_reporting_source() -> None:
    # '“Ready,” Sanders said, according to CNN.': Sanders's quote, reported by CNN
    doc = parsed([
        ("\u201c", 1, "punct", "PUNCT"), ("Ready", 5, "intj", "INTJ"), (",", 1, "punct", "PUNCT"),
        ("\u201d", 1, "punct", "PUNCT"), ("Sanders", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB"),
        (",", 5, "punct", "PUNCT"), ("according", 5, "prep", "VERB"), ("to", 7, "prep", "ADP"),
        ("CNN", 8, "pobj", "PROPN"), (".", 5, "punct", "PUNCT"),
    ])
    ctx = Context.of(doc)
    said = next(c for c in ctx.cues if c.token.text == "said")
    quote = ctx.claim(Claim(ctx.marks[0].start, ctx.marks[0].end, "direct", said, [ctx.marks[0]]), 0)
    reported_attribution(ctx)
    report = ctx.reports[id(quote)]
    assert ctx.claims == [quote, report]
    assert (report.kind, ctx.text[report.start : report.end]) == ("mixed", "\u201cReady,\u201d Sanders said")
    assert report.cue is not None and report.cue.speaker.text == "CNN"


# '“Ready,” Kowalski said. “We leave at dawn.”'
TWO_QUOTES = TRAILING[:-1] + [
    (".", 5, "punct", "PUNCT"), ("\u201c", 9, "punct", "PUNCT"), ("We", 9, "nsubj", "PRON"),
    ("leave", 9, "ROOT", "VERB"), ("at", 9, "prep", "ADP"), ("dawn", 10, "pobj", "NOUN"),
    (".", 9, "punct", "PUNCT"), ("\u201d", 9, "punct", "PUNCT"),
]


def test_continuation_inherits_the_speaker_of_the_quote_before() -> None:
    ctx = Context.of(parsed(TWO_QUOTES))
    assert len(ctx.marks) == 2
    said = ctx.cues[0]
    first = ctx.claim(Claim(ctx.marks[0].start, ctx.marks[0].end, "direct", said, [ctx.marks[0]]), 0)
    continuation(ctx)
    second = ctx.assigned[1]
    assert second.cue is None and second.inherit_from is first
    assert ctx.text[second.start : second.end] == "\u201cWe leave at dawn.\u201d"


def test_continuation_never_runs_across_another_attribution() -> None:
    # '“Ready,” Kowalski said. [another source's attribution] “We leave at dawn.”'
    ctx = Context.of(parsed(TWO_QUOTES))
    said = ctx.cues[0]
    ctx.claim(Claim(ctx.marks[0].start, ctx.marks[0].end, "direct", said, [ctx.marks[0]]), 0)
    between = ctx.marks[0].end + 1
    other = Cue(said.token, said.start, said.end, ctx.doc[9], None)  # someone else ('We') speaks there
    ctx.claim(Claim(between, between + 5, "indirect", other))
    continuation(ctx)
    second = ctx.assigned[1]
    assert second.cue is None and second.inherit_from is None


def test_continuation_keeps_a_long_unattributed_quote_and_drops_a_short_one() -> None:
    # '“We leave at dawn.”' (four words) then nothing: kept without a speaker
    ctx = Context.of(parsed([(w, h - 7, d, p) for w, h, d, p in TWO_QUOTES[7:]]))
    continuation(ctx)
    assert [(c.kind, c.cue, c.inherit_from) for c in ctx.claims] == [("direct", None, None)]
    # '“Ready.”' alone is a scare quote or a title
    ctx = Context.of(parsed([("\u201c", 1, "punct", "PUNCT"), ("Ready", 1, "ROOT", "INTJ"), (".", 1, "punct", "PUNCT"),
                             ("\u201d", 1, "punct", "PUNCT")]))
    continuation(ctx)
    assert ctx.claims == []


def test_continuation_takes_the_sign_off_in_the_next_paragraph() -> None:
    # '“We leave at dawn tomorrow.”\n- Jane Roe': the layout of quote boxes
    doc = parsed([
        ("\u201c", 2, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("leave", 2, "ROOT", "VERB"),
        ("at", 2, "prep", "ADP"), ("dawn", 3, "pobj", "NOUN"), ("tomorrow", 2, "npadvmod", "NOUN"),
        (".", 2, "punct", "PUNCT"), ("\u201d", 2, "punct", "PUNCT"), ("\n", 7, "dep", "SPACE"),
        ("-", 11, "punct", "PUNCT"), ("Jane", 11, "compound", "PROPN"), ("Roe", 11, "ROOT", "PROPN"),
    ])
    assert doc.text == "\u201cWe leave at dawn tomorrow.\u201d\n- Jane Roe"
    ctx = Context.of(doc)
    continuation(ctx)
    (claim,) = ctx.claims
    assert claim.cue is not None and claim.cue.token.text == "-" and claim.cue.speaker.text == "Roe"


def test_a_sign_off_wins_over_continuing_the_quote_before() -> None:
    # '“Ready,” Kowalski said.\n“We leave at dawn.”\n- Jane Roe': a list of signed quotes
    doc = parsed(TRAILING + [
        ("\n", 5, "dep", "SPACE"), ("\u201c", 10, "punct", "PUNCT"), ("We", 10, "nsubj", "PRON"),
        ("leave", 10, "ROOT", "VERB"), ("at", 10, "prep", "ADP"), ("dawn", 11, "pobj", "NOUN"),
        (".", 10, "punct", "PUNCT"), ("\u201d", 10, "punct", "PUNCT"), ("\n", 10, "dep", "SPACE"),
        ("-", 18, "punct", "PUNCT"), ("Jane", 18, "compound", "PROPN"), ("Roe", 18, "ROOT", "PROPN"),
    ])
    assert doc.text == "\u201cReady,\u201d Kowalski said.\n\u201cWe leave at dawn.\u201d\n- Jane Roe"
    ctx = Context.of(doc)
    ctx.claim(Claim(ctx.marks[0].start, ctx.marks[0].end, "direct", ctx.cues[0], [ctx.marks[0]]), 0)
    continuation(ctx)
    second = ctx.assigned[1]
    assert second.inherit_from is None
    assert second.cue is not None and second.cue.token.text == "-" and second.cue.speaker.text == "Roe"


def _between(subject: list[tuple[str, int, str, str]]) -> list[tuple[str, int, str, str]]:
    """'“Ready,” Kowalski said. <a sentence of five tokens, 7-11>. “We leave at dawn.”'"""
    return TRAILING + subject + [
        ("\u201c", 14, "punct", "PUNCT"), ("We", 14, "nsubj", "PRON"), ("leave", 14, "ROOT", "VERB"),
        ("at", 14, "prep", "ADP"), ("dawn", 15, "pobj", "NOUN"), (".", 14, "punct", "PUNCT"),
        ("\u201d", 14, "punct", "PUNCT"),
    ]


@pytest.mark.parametrize(
    "sentence, ents, speaker",
    [
        # a name introduced by what they did speaks the quote after it
        ([("Kerr", 8, "nsubj", "PROPN"), ("defended", 8, "ROOT", "VERB"), ("the", 10, "det", "DET"),
          ("plan", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")], {"PERSON": (7, 8)}, "Kerr"),
        ([("Unifor", 8, "nsubj", "PROPN"), ("rejected", 8, "ROOT", "VERB"), ("the", 10, "det", "DET"),
          ("plan", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")], {"ORG": (7, 8)}, "Unifor"),
        # a lone surname the tagger missed is taken when the article tags it elsewhere (here: not)
        ([("Kerr", 8, "nsubj", "PROPN"), ("defended", 8, "ROOT", "VERB"), ("the", 10, "det", "DET"),
          ("plan", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")], {"PERSON": (4, 5)}, None),
        ([("The", 8, "det", "DET"), ("judge", 9, "nsubj", "NOUN"), ("defended", 9, "ROOT", "VERB"),
          ("it", 9, "dobj", "PRON"), (".", 9, "punct", "PUNCT")], {}, "judge"),
        # the same speaker again, a subject that is no name, a name that is no entity: the quote continues
        ([("Kowalski", 8, "nsubj", "PROPN"), ("defended", 8, "ROOT", "VERB"), ("the", 10, "det", "DET"),
          ("plan", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")], {"PERSON": (7, 8)}, None),
        ([("The", 8, "det", "DET"), ("plan", 9, "nsubj", "NOUN"), ("drew", 9, "ROOT", "VERB"),
          ("criticism", 9, "dobj", "NOUN"), (".", 9, "punct", "PUNCT")], {}, None),
        ([("Monday", 8, "nsubj", "PROPN"), ("brought", 8, "ROOT", "VERB"), ("the", 10, "det", "DET"),
          ("vote", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT")], {"DATE": (7, 8)}, None),
        ([("A", 8, "det", "DET"), ("judge", 9, "nsubj", "NOUN"), ("defended", 9, "ROOT", "VERB"),
          ("it", 9, "dobj", "PRON"), (".", 9, "punct", "PUNCT")], {}, None),
    ],
)
def test_a_named_subject_in_the_sentence_before_takes_the_quote(sentence, ents, speaker) -> None:
    rows = _between(sentence)
    doc = parsed(rows, ents)
    ctx = Context.of(doc)
    assert len(ctx.marks) == 2 and ctx.text.endswith(". \u201cWe leave at dawn.\u201d")
    first = ctx.claim(Claim(ctx.marks[0].start, ctx.marks[0].end, "direct", ctx.cues[0], [ctx.marks[0]]), 0)
    continuation(ctx)
    second = ctx.assigned[1]
    if speaker is None:
        assert second.cue is None and second.inherit_from is first
    else:
        assert second.inherit_from is None and second.cue is not None
        assert second.cue.speaker.text == speaker and second.cue.token.i == second.cue.speaker.head.i


def test_a_surname_the_tagger_missed_is_a_name_when_the_article_tags_it_elsewhere() -> None:
    # 'Ann Kerr met Kerr.': the second Kerr has no entity of its own
    rows = [("Ann", 1, "compound", "PROPN"), ("Kerr", 2, "nsubj", "PROPN"), ("met", 2, "ROOT", "VERB"),
            ("Kerr", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT")]
    assert _is_name(parsed(rows, {"PERSON": (0, 2)})[3])
    assert not _is_name(parsed(rows)[3])


# 'PARK: We are ready.\nJONES: Are you sure?': a transcript, one turn per paragraph
TRANSCRIPT = [
    ("PARK", 3, "dep", "PROPN"), (":", 3, "punct", "PUNCT"), ("We", 3, "nsubj", "PRON"), ("are", 3, "ROOT", "AUX"),
    ("ready", 3, "acomp", "ADJ"), (".", 3, "punct", "PUNCT"), ("\n", 5, "dep", "SPACE"),
    ("JONES", 9, "dep", "PROPN"), (":", 9, "punct", "PUNCT"), ("Are", 9, "ROOT", "AUX"), ("you", 9, "nsubj", "PRON"),
    ("sure", 9, "acomp", "ADJ"), ("?", 9, "punct", "PUNCT"),
]


def test_transcript_turn_is_the_labelled_speakers_words() -> None:
    doc = parsed(TRANSCRIPT)
    assert doc.text == "PARK: We are ready.\nJONES: Are you sure?"
    ctx = Context.of(doc)
    transcript_turn(ctx)
    assert texts(ctx) == [("direct", "We are ready."), ("direct", "Are you sure?")]
    assert [(c.cue.token.text, c.cue.speaker.text) for c in ctx.claims if c.cue and c.cue.speaker] == [
        (":", "PARK"), (":", "JONES")]


def test_a_heading_in_capitals_is_no_transcript() -> None:
    # 'UPDATE: We are ready.\nJONES: Are you sure?': one label is a heading, one turn alone no transcript
    rows = [("UPDATE", *TRANSCRIPT[0][1:])] + TRANSCRIPT[1:]
    ctx = Context.of(parsed(rows))
    transcript_turn(ctx)
    assert ctx.claims == []


# '“Overdue,” - Jane Roe' and '“Overdue,” - that was all.'
SIGNED = [
    ("\u201c", 1, "punct", "PUNCT"), ("Overdue", 1, "ROOT", "INTJ"), (",", 1, "punct", "PUNCT"),
    ("\u201d", 1, "punct", "PUNCT"), ("-", 6, "punct", "PUNCT"), ("Jane", 6, "compound", "PROPN"),
    ("Roe", 1, "appos", "PROPN"),
]
UNSIGNED = SIGNED[:5] + [
    ("that", 6, "nsubj", "PRON"), ("was", 1, "parataxis", "AUX"), ("all", 6, "attr", "PRON"), (".", 1, "punct", "PUNCT"),
]


def test_dash_signature_names_the_speaker_after_the_dash() -> None:
    doc = parsed(SIGNED)
    assert doc.text == "\u201cOverdue,\u201d - Jane Roe"
    ctx = Context.of(doc)
    dash_signature(ctx)
    (claim,) = ctx.claims
    assert ctx.text[claim.start : claim.end] == "\u201cOverdue,\u201d"
    assert claim.cue is not None and claim.cue.token.text == "-" and claim.cue.speaker.text == "Roe"
    ctx = Context.of(parsed(UNSIGNED))
    dash_signature(ctx)
    assert ctx.claims == []


def test_the_overlap_policy_is_swappable() -> None:
    ctx = Context.of(parsed(MIXED))
    direct = Claim(0, 20, "direct", None)
    indirect = Claim(10, 30, "indirect", None)
    assert marks_first([indirect, direct], ctx) == [direct]
    assert keep_all([indirect, direct], ctx) == [direct, indirect]


def test_extract_quotes_takes_the_rules_and_the_policy() -> None:
    doc = parsed(MIXED)
    assert [q.kind for q in extract_quotes(doc)] == ["mixed"]
    assert extract_quotes(doc, rules=()) == []
    reported = tuple(r for r in RULES if r.name == "reported-clause")
    assert [q.speaker for q in extract_quotes(doc, rules=reported)] == ["Kowalski"]


def test_every_rule_is_named_and_documented() -> None:
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    for r in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        assert len(r.summary) > 60, r.name


def test_readme_lists_the_rules_in_registry_order() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- rules -->\n(.*?)\n<!-- /rules -->", readme, re.S)
    assert listed is not None, "README.md has no <!-- rules --> block"
    assert listed.group(1) == describe(), "paste the output of: python -m quotes.attribution.rules"


# 'In any case, Kowalski said, the talks would resume.': the attribution interrupts the sentence
_INTERRUPTED = [
    ("In", 8, "prep", "ADP"), ("any", 2, "det", "DET"), ("case", 0, "pobj", "NOUN"), (",", 8, "punct", "PUNCT"),
    ("Kowalski", 5, "nsubj", "PROPN"), ("said", 8, "parataxis", "VERB"), (",", 8, "punct", "PUNCT"),
    ("talks", 8, "nsubj", "NOUN"), ("resume", 8, "ROOT", "VERB"), (".", 8, "punct", "PUNCT"),
]
# 'Late in the “long” night, Kowalski said, the talks resumed.': the front holds a quoted word
_INTERRUPTED_MIXED = [
    ("Late", 11, "advmod", "ADV"), ("in", 0, "prep", "ADP"), ("the", 6, "det", "DET"), ("\u201c", 6, "punct", "PUNCT"),
    ("long", 6, "amod", "ADJ"), ("\u201d", 6, "punct", "PUNCT"), ("night", 1, "pobj", "NOUN"), (",", 11, "punct", "PUNCT"),
    ("Kowalski", 9, "nsubj", "PROPN"), ("said", 11, "parataxis", "VERB"), (",", 11, "punct", "PUNCT"),
    ("resumed", 11, "ROOT", "VERB"), (".", 11, "punct", "PUNCT"),
]

# 'At noon, Kowalski said, talks resume.': the opening phrase hangs on the cue
_SETTING = [
    ("At", 5, "prep", "ADP"), ("noon", 0, "pobj", "NOUN"), (",", 5, "punct", "PUNCT"),
    ("Kowalski", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB"), (",", 5, "punct", "PUNCT"),
    ("talks", 7, "nsubj", "NOUN"), ("resume", 5, "ccomp", "VERB"), (".", 5, "punct", "PUNCT"),
]
# 'But, Kowalski said, talks resume.'
_CONNECTIVE = [
    ("But", 6, "cc", "CCONJ"), (",", 6, "punct", "PUNCT"), ("Kowalski", 3, "nsubj", "PROPN"),
    ("said", 6, "parataxis", "VERB"), (",", 6, "punct", "PUNCT"), ("talks", 6, "nsubj", "NOUN"),
    ("resume", 6, "ROOT", "VERB"), (".", 6, "punct", "PUNCT"),
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (_INTERRUPTED, [("indirect", "In any case")]),
        (_INTERRUPTED_MIXED, [("mixed", "Late in the \u201clong\u201d night")]),
        (_SETTING, []),  # the scene of the attribution is not reported
        (_CONNECTIVE, []),  # nor is a connective alone
        (INDIRECT, []),  # an attribution that opens its sentence interrupts nothing
        (TRAILING, []),
    ],
)
def test_the_words_before_an_interrupting_attribution_are_its_speakers_too(rows, expected) -> None:
    ctx = Context.of(parsed(rows))
    interrupted_front(ctx)
    assert texts(ctx) == expected
    assert all(c.cue is not None and c.cue.speaker.text == "Kowalski" for c in ctx.claims)
