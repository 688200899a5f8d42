"""Property tests: for any text, extraction never raises and its offsets index the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.attribution import extract_quotes

pytestmark = pytest.mark.slow

# Words and marks that trigger the rules: cues, pronouns, names, every kind of quotation mark.
PIECES = st.sampled_from(
    [
        "said", "says", "told", "added", "according to", "he", "she", "they", "the minister",
        "Jens Stoltenberg", "Stoltenberg", "NATO", "that", "the", "talks", "will", "resume", ",", ".",
        ":", "\n", "\n\n", "“", "”", '"', "'", "‘", "’", "''", "«", "»", "„", "“", " ", "—", "-",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map(" ".join) | st.text(max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_offsets_index_the_text_and_kinds_do_not_overlap(nlp, text: str) -> None:
    quotes = extract_quotes(nlp(text))
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "mixed", "indirect")
        for a, b in ((q.speaker_start, q.speaker_end), (q.cue_start, q.cue_end)):
            if a is not None:
                assert 0 <= a <= b <= len(text)
        if q.speaker is not None and q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker
        by_kind.setdefault(q.kind, []).append((q.start, q.end))
    for spans in by_kind.values():
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, f"overlapping quotes {spans}"


# Article-like copy: quote paragraphs (closed or left open, as flattened copy leaves them), each
# with or without its attribution, narration with other sources' reported speech, run together
# on one line or printed one paragraph a line. Drawn with the offsets of the narration.
SPEAKERS = st.sampled_from(["he", "she", "Jens Stoltenberg", "the minister", "A spokesman for the ministry", "Kowalski"])
OPEN, CLOSE = st.sampled_from(["“", '"']), st.sampled_from(["”", '"', ""])
WORDS = st.sampled_from([
    "The talks will resume next week.", "We will not cut a single penny.", "Nobody asked us.",
    "I am proud of the players.", "This is a historic day for the alliance.",
])


@st.composite
def news_copy(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    pieces: list[tuple[str, bool]] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 2))
        if kind == 0:  # a quote, maybe attributed, maybe left open
            words = draw(WORDS)
            close = draw(CLOSE)
            if close and draw(st.booleans()):
                pieces.append((f"{draw(OPEN)}{words[:-1]},{close} {draw(SPEAKERS)} said.", False))
            else:
                pieces.append((f"{draw(OPEN)}{words}{close}", False))
        elif kind == 1:  # narration: another source's reported speech
            thing = draw(st.sampled_from(["road", "budget", "team"]))
            pieces.append((f"{draw(SPEAKERS).capitalize()} said the {thing} was ready.", True))
        else:
            pieces.append(("The meeting ended late on Monday.", False))
    sep = draw(st.sampled_from([" ", "\n"]))
    text, narration = "", []
    for piece, is_narration in pieces:
        text += sep if text else ""
        if is_narration:
            narration.append((len(text), len(text) + len(piece)))
        text += piece
    return text, narration


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(copy=news_copy())
def test_no_quote_holds_the_cue_and_speaker_of_another(nlp, copy: tuple[str, list[tuple[int, int]]]) -> None:
    """A quote never runs across another attribution (issue 12 item 5): no record's span holds
    both the cue and the speaker mention of another record, and no quotation holds a sentence
    of narration that reports someone's words."""
    text, narration = copy
    quotes = extract_quotes(nlp(text))
    for q in quotes:
        if q.kind == "direct":
            for s, e in narration:
                assert not (q.start <= s and e <= q.end), (text, q.text)
        if q.cue_start is None or q.speaker_start is None or q.cue_end is None or q.speaker_end is None:
            continue
        for other in quotes:
            if other is q:
                continue
            holds_cue = other.start <= q.cue_start and q.cue_end <= other.end
            holds_speaker = other.start <= q.speaker_start and q.speaker_end <= other.end
            assert not (holds_cue and holds_speaker), (text, other.text, q.cue, q.speaker)
