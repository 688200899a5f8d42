"""Sentence lookups (:mod:`quotes.attribution.sentences`) answer what spaCy's ``.sent`` answers."""

from __future__ import annotations

from handparse import VOCAB
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from quotes.attribution.sentences import next_sentence_end, sentence, sentence_start


@st.composite
def docs_and_spans(draw: st.DrawFn) -> tuple[Doc, int, int]:
    n = draw(st.integers(1, 14))
    starts = [True] + [draw(st.booleans()) for _ in range(n - 1)]
    doc = Doc(VOCAB, words=[f"w{i}" for i in range(n)], sent_starts=starts)
    i = draw(st.integers(0, n - 1))
    return doc, i, draw(st.integers(i + 1, n))


@given(docs_and_spans())
def test_lookups_equal_spacys_sentence_walk(case: tuple[Doc, int, int]) -> None:
    doc, i, j = case
    span = doc[i:j]
    assert sentence(doc[i]) == doc[i].sent
    assert sentence_start(doc[i]) == doc[i].sent.start
    assert sentence_start(span) == span.sent.start
    sent = span.sent
    assert next_sentence_end(span) == (doc[sent.end].sent.end if sent.end < len(doc) else sent.end)
