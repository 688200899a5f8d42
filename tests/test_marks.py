"""Pairing quotation marks: news conventions, apostrophes, stray marks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.attribution.marks import find_quote_spans, paragraphs


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“NATO is here,” he said.", ["“NATO is here,”"]),
        ('"We are committed", Bayramov said.', ['"We are committed"']),
        # split by the attribution: two spans
        ("“We will not leave,” she said, “until the talks resume.”", ["“We will not leave,”", "“until the talks resume.”"]),
        # headline single marks; the apostrophe of a possessive is not a mark
        ("Dialogue going in ‘right direction,’ says Jens Stoltenberg", ["‘right direction,’"]),
        ("Azerbaijan’s army and the countries’ borders", []),
        ("It's the '90s, don't you know", []),
        # nested single quote stays inside the double quote
        ("“He said ‘no’ twice,” she recalled.", ["“He said ‘no’ twice,”"]),
        # wire copy's doubled apostrophes and backticks
        ("''Like this,'' he said.", ["''Like this,''"]),
        ("``Like that,'' she said.", ["``Like that,''"]),
        # guillemets and German low-high marks
        ("Il a dit « non » hier.", ["« non »"]),
        ("Er sagte „nein“ gestern.", ["„nein“"]),
        # straight marks: two quotes in one sentence
        ('He said "yes" and then "no".', ['"yes"', '"no"']),
        # a stray closing mark is ignored
        ("a stray ” mark and nothing else", []),
        # a colon introduction
        ('Stoltenberg said: "Both are partners."', ['"Both are partners."']),
        # straight marks nested in straight marks
        ('"He told me "never again" and I believed him," said Ana Petrova.', ['"He told me "never again" and I believed him,"']),
        # a stray mark followed by a space opens nothing
        ('" said Ana Petrova.', []),
        # flattened copy: a new opening mark after a finished sentence starts the next quote
        ('The vote was late. "The clerks want to go home. "There is nothing left to count," Lee added. '
         'Then Mayor Diaz spoke. "We counted every ballot," Diaz said.',
         ['"The clerks want to go home.', '"There is nothing left to count,"', '"We counted every ballot,"']),
        ("“The clerks want to go home. “There is nothing left to count,” Lee added.",
         ["“The clerks want to go home.", "“There is nothing left to count,”"]),
        # a nested quote stays nested, even after a full stop, when the outer quote closes after it
        ('"The count ended. “It was fair,” one clerk said, and we agree," Lee said.',
         ['"The count ended. “It was fair,” one clerk said, and we agree,"']),
        ('"The count ended. "Fair" was the word," Lee said.', ['"The count ended. "Fair" was the word,"']),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_flattened_quote_continues_into_the_next() -> None:
    text = 'Night fell. "The clerks want to go home. "There is nothing left to count," Lee added.'
    first, second = find_quote_spans(text)
    assert not first.closed and first.continues and second.closed
    assert first.paragraph == second.paragraph


def test_multi_paragraph_quote_is_one_span_per_paragraph() -> None:
    text = "“First paragraph of the quote.\n“Second paragraph, closed,” he said.\nAfter."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["“First paragraph of the quote.", "“Second paragraph, closed,”"]
    assert spans[0].continues and not spans[0].closed
    assert spans[1].closed and not spans[1].continues
    assert spans[0].paragraph == 0 and spans[1].paragraph == 1


def test_unclosed_quote_stops_at_its_paragraph() -> None:
    text = "He called it “absurd and wrong\nThe next paragraph is plain reporting.\nAnd so is this one."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "“absurd and wrong"
    assert not spans[0].continues


# Flattened copy: paragraphs run into one line, each quote paragraph opening without the one
# before it closing (the news convention for a quote that goes on in the next paragraph).
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The coach spoke late. “We ran all night. “Next year we win,” he said. The club said no.",
            ["“We ran all night.", "“Next year we win,”"],
        ),
        (
            'The coach spoke late. "We ran all night. "Next year we win," he said. The club said no.',
            ['"We ran all night.', '"Next year we win,"'],
        ),
        (
            "“Three paragraphs. “Still the same quote? “Yes, the end.” Narration follows.",
            ["“Three paragraphs.", "“Still the same quote?", "“Yes, the end.”"],
        ),
        # a nested quote after a verb is still nested, and a closing mark typo'd as an opening one closes
        ('"He told me "never again" and left," said Ana Petrova.', ['"He told me "never again" and left,"']),
        ("“We stay,“ said Jim Corbyn. “For good.”", ["“We stay,“", "“For good.”"]),
    ],
)
def test_flattened_paragraphs_pair_as_a_reader_pairs_them(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_a_quote_left_open_by_flattening_ends_before_the_next_and_continues_into_it() -> None:
    text = "Intro. “We ran all night. “Next year we win,” he said."
    first, second = find_quote_spans(text)
    assert not first.closed and first.continues and text[first.end - 1] == "."
    assert second.closed and first.paragraph == second.paragraph == 0


def test_inner_offsets_drop_the_marks() -> None:
    text = "''Like this,'' he said."
    (span,) = find_quote_spans(text)
    s, e = span.inner
    assert text[s:e] == "Like this,"


def test_paragraphs_strip_blank_lines_and_edges() -> None:
    text = "  One.  \n\n\nTwo\n   \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\"'“”‘’«»„`:")), max_size=80))
def test_spans_index_the_text_and_never_overlap(text: str) -> None:
    spans = find_quote_spans(text)
    last_end = -1
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        last_end = s.end
        assert "\n" not in text[s.start : s.end]
        inner_s, inner_e = s.inner
        assert s.start <= inner_s <= inner_e <= s.end


def test_find_quote_spans_read_twice_gives_equal_fresh_lists() -> None:
    # extraction pairs an article's marks twice; the second read may be remembered, never shared
    text = "“We will stay,” she said.\n\n“Not for long,” he replied."
    first = find_quote_spans(text)
    first.clear()
    again = find_quote_spans(text)
    assert [text[q.start : q.end] for q in again] == ["“We will stay,”", "“Not for long,”"]
    other = "“Changed,” she said."  # another text is paired anew
    assert [other[q.start : q.end] for q in find_quote_spans(other)] == ["“Changed,”"]
