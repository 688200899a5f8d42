"""Cost that grows linearly (issue 15): each test is named after a failure of a long input, and
asserts how the work grows with the input's length, counted as the lines of ``quotes`` code run
(not wall-clock time, which a shared machine makes noisy). Linear work grows 2x per doubling;
quadratic work 4x. The allowance is the issue's 2.2x per doubling.
"""

from __future__ import annotations

from pathlib import Path

import linecount
from handparse import parsed
from linecount import per_doubling
from spacy.tokens import Span

import quotes
from quotes.attribution import extract_quotes
from quotes.attribution.context import Context
from quotes.attribution.focus import focus
from quotes.attribution.marks import find_quote_spans
from quotes.attribution.mentions import TITLE_MAX_WORDS, printed_title

PACKAGE = str(Path(quotes.__file__).resolve().parent)
MAX_PER_DOUBLING = 2.2


def lines_run(fn, *args) -> int:  # type: ignore[no-untyped-def]
    """How many lines of the ``quotes`` package ``fn(*args)`` runs."""
    return linecount.lines_run(fn, *args, within=PACKAGE)[0]


# One paragraph of wire copy, parsed by hand: '“We are ready,” Anna Kowalski said. Kowalski said
# the talks would resume. “We leave at dawn.”' and a line break.
_BLOCK = [
    ("\u201c", 1, "punct", "PUNCT"), ("Ready", 6, "intj", "INTJ"), (",", 1, "punct", "PUNCT"),
    ("\u201d", 1, "punct", "PUNCT"), ("Anna", 5, "compound", "PROPN"), ("Kowalski", 6, "nsubj", "PROPN"),
    ("said", 6, "ROOT", "VERB"), (".", 6, "punct", "PUNCT"),
    ("Kowalski", 9, "nsubj", "PROPN"), ("said", 9, "ROOT", "VERB"), ("the", 11, "det", "DET"),
    ("talks", 13, "nsubj", "NOUN"), ("would", 13, "aux", "AUX"), ("resume", 9, "ccomp", "VERB"),
    (".", 9, "punct", "PUNCT"),
    ("\u201c", 17, "punct", "PUNCT"), ("We", 17, "nsubj", "PRON"), ("leave", 17, "ROOT", "VERB"),
    ("at", 17, "prep", "ADP"), ("dawn", 18, "pobj", "NOUN"), (".", 17, "punct", "PUNCT"),
    ("\u201d", 17, "punct", "PUNCT"), ("\n", 17, "dep", "SPACE"),
]
_PERSONS = [(4, 6), (8, 9)]


def article(paragraphs: int):  # type: ignore[no-untyped-def]
    n = len(_BLOCK)
    rows = [(w, h + k * n, d, p) for k in range(paragraphs) for w, h, d, p in _BLOCK]
    doc = parsed(rows)
    doc.ents = [Span(doc, s + k * n, e + k * n, label="PERSON") for k in range(paragraphs) for s, e in _PERSONS]
    return doc


def test_article_length_is_linear_not_quadratic() -> None:
    # N copies of a paragraph with attributed quotes: 1,600 -> 6,400 paragraphs took 9.1x the time
    # (whole-article loops per quote: _outer_first, _nested_report, _attributed_after,
    # _previous_quote_claim, rule 1)
    small, large = article(40), article(160)
    assert len(extract_quotes(large)) == 4 * len(extract_quotes(small)) > 0
    growth = per_doubling(lines_run(extract_quotes, small), lines_run(extract_quotes, large), 4)
    assert growth <= MAX_PER_DOUBLING


def test_5000_pairs_of_quotation_marks_in_one_document() -> None:
    # '“” “” “” ...' (156 s for 5,000 pairs): every mark looked back over all the marks before it
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    small, large = nlp("\u201c\u201d " * 250), nlp("\u201c\u201d " * 1000)
    growth = per_doubling(lines_run(extract_quotes, small), lines_run(extract_quotes, large), 4)
    assert growth <= MAX_PER_DOUBLING


def test_a_long_run_of_capitalized_words_in_focus() -> None:
    # 'Bravo ' x 1600 + 'aCharlie Delta ' (19 KB) took 158 s in focus(): the title before each name
    # was searched from every position of the run
    def run(n: int) -> int:
        return lines_run(focus, "Bravo " * n + "aCharlie Delta ")

    assert per_doubling(run(400), run(1600), 4) <= MAX_PER_DOUBLING
    # and what is read before a name is bounded, however long the run (a regular expression did
    # the reading before, out of sight of the line count)
    title = printed_title("Minister " * 5000)
    assert title is not None and len(title.split()) == TITLE_MAX_WORDS


def test_unclosed_single_marks_in_one_paragraph() -> None:
    # "'a 'a 'a ..." (8,000 marks: 198 s): each opening single mark read the rest of its
    # paragraph for a closing one
    def run(n: int) -> int:
        return lines_run(find_quote_spans, "'a " * n)

    assert per_doubling(run(500), run(2000), 4) <= MAX_PER_DOUBLING


def test_straight_marks_left_in_a_long_paragraph() -> None:
    # '"a "b" "a "b" ...': each straight mark counted the marks left in its paragraph, and every
    # unclosed mark was looked at again for each later one
    def run(n: int) -> int:
        return lines_run(find_quote_spans, '"a "b" ' * n + "\u201ca " * n)

    assert per_doubling(run(500), run(2000), 4) <= MAX_PER_DOUBLING


# '“We wait. The minister said no.' and a line break, then 'Talks resume.' and a line break: a quote
# whose mark never closes, cut before the narration that attributes someone's words.
_UNCLOSED = [
    ("\u201c", 2, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("wait", 2, "ROOT", "VERB"), (".", 2, "punct", "PUNCT"),
    ("The", 5, "det", "DET"), ("minister", 6, "nsubj", "NOUN"), ("said", 6, "ROOT", "VERB"), ("no", 6, "dobj", "INTJ"),
    (".", 6, "punct", "PUNCT"), ("\n", 6, "dep", "SPACE"),
    ("Talks", 11, "nsubj", "NOUN"), ("resume", 11, "ROOT", "VERB"), (".", 11, "punct", "PUNCT"), ("\n", 11, "dep", "SPACE"),
]


def test_cut_before_many_unclosed_quotes_is_linear_not_quadratic() -> None:
    # _cut_before read doc.text, which joins every token of the article, once per cut quote: an
    # article of N unclosed quotes cost N times its length, in spaCy's code (counted as calls)
    def run(n: int) -> int:
        k = len(_UNCLOSED)
        doc = parsed([(w, h + i * k, d, p) for i in range(n) for w, h, d, p in _UNCLOSED])
        calls, ctx = linecount.calls_made(Context.of, doc)
        assert [doc.text[m.start : m.end] for m in ctx.marks] == ["\u201cWe wait."] * n  # every quote was cut
        return calls

    assert per_doubling(run(50), run(200), 4) <= MAX_PER_DOUBLING
