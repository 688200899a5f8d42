"""Property test for runaway spans (issue 12, item 5): in flattened copy, where paragraphs of
quotes and narration run together on one line and closing marks go missing, no quote span ever
holds the cue or the speaker of another record."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotes.attribution import extract_quotes

pytestmark = pytest.mark.slow

SPEAKERS = ["Mayor Ana Diaz", "Diaz", "the clerk", "Tom Lee", "Lee", "she", "he", "the council's spokesman"]
VERBS = ["said", "added", "told reporters", "insisted"]
SENTENCES = [
    "We counted every ballot.", "The room was too small.", "Nobody wants another recount.",
    "There is nothing left to count.", "We will publish the figures tomorrow.", "It was a long night.",
]
NARRATION = ["Night fell over the town hall.", "The doors closed at nine.", "Outside, the square was empty."]


@st.composite
def flattened_article(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph of quotes and narration as flattened copy prints it (attributions after or
    before the quote, some closing marks lost where a paragraph break used to be), with the
    character ranges of its attributions ("Tom Lee said")."""
    text = ""
    attributions: list[tuple[int, int]] = []

    def add(piece: str, who_verb: str | None = None) -> None:
        nonlocal text
        text = text + (" " if text else "")
        if who_verb is not None:
            at = text.__len__() + piece.index(who_verb)
            attributions.append((at, at + len(who_verb)))
        text += piece

    for _ in range(draw(st.integers(2, 5))):
        if draw(st.booleans()):
            add(draw(st.sampled_from(NARRATION)))
        words = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
        who, verb = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(VERBS))
        mark = draw(st.sampled_from(['"', '"', "\u201c"]))
        close = '"' if mark == '"' else "\u201d"
        if draw(st.integers(0, 2)) == 0:
            add(f"{mark}{words}")  # its closing mark was lost with the paragraph break
        elif draw(st.booleans()):
            add(f"{mark}{words[:-1]},{close} {who} {verb}.", f"{who} {verb}")
        else:
            lead = who[0].upper() + who[1:]
            add(f"{lead} {verb}: {mark}{words}{close}", f"{lead} {verb}")
    return text, attributions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=flattened_article())
@example(article=('The doors closed at nine. "We counted every ballot. "Nobody wants another recount," Tom Lee said. '
                  '"It was a long night," Mayor Ana Diaz said.', [(84, 96), (121, 140)]))
def test_no_span_holds_an_attribution(nlp, article: tuple[str, list[tuple[int, int]]]) -> None:
    text, attributions = article
    quotes = extract_quotes(nlp(text))
    for q in quotes:
        for start, end in attributions:  # nor any attribution printed in the copy
            assert not (q.start <= start and end <= q.end), (text, q, text[start:end])
        for other in quotes:
            if other is q:
                continue
            for start, end in ((other.cue_start, other.cue_end), (other.speaker_start, other.speaker_end)):
                if start is None or end is None or (start, end) in ((q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end)):
                    continue  # the same attribution shared by two parts of one quote
                assert not (q.start <= start and end <= q.end), (text, q, other)
