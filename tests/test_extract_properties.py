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
