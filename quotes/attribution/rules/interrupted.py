"""Reported sentences that an attribution interrupts: 'In any case, he said, the industry was over-supplied.'"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.sentences import sentence_start


def interrupted_front(ctx: Context) -> None:
    """'Particularly in lower-wage parts of the state, he said, "we don't know what the answer
    will be"': an attribution set off by commas in mid-sentence reports the words on both sides
    of it. The cue's content is the part after it (news annotation makes it a quote of its own);
    the part before it, from the start of the sentence to the comma, is a second quote by the same
    speaker: indirect, or mixed when it holds quoted words of its own."""
    for cue in ctx.cues:
        front = front_of(ctx, cue)
        if front is None:
            continue
        cs, ce = ctx.chars(*front)
        inside = list(ctx.marks_overlapping(cs, ce))
        if any(k in ctx.assigned or ctx.marks[k].start < cs or ctx.marks[k].end > ce for k in inside):
            continue  # '"Yes," he said, "..."': a quotation split by its attribution is one already
        kind = "mixed" if inside else "indirect"
        ctx.claim(Claim(cs, ce, kind, cue, [ctx.marks[k] for k in inside]), *inside)


def front_of(ctx: Context, cue: Cue) -> tuple[int, int] | None:
    """The tokens from the start of the sentence to the comma that opens ``cue``'s attribution,
    when the attribution (speaker and verb, in either order) stands between two commas in
    mid-sentence and its content comes after it; None otherwise."""
    bounds = _attribution(cue)
    if bounds is None:
        return None
    left, right = bounds
    doc = ctx.doc
    start = sentence_start(cue.token)
    if not _set_off(doc, start, left, right) or ctx.cues_in(start, left - 1):
        return None
    s = start
    while s < left - 1 and (doc[s].is_punct and not doc[s].is_quote or doc[s].is_space):
        s += 1
    if s >= left - 1 or not _reported(doc[s : left - 1], cue):
        return None
    return s, left - 1


def _reported(front: Span, cue: Cue) -> bool:
    """Whether the words before the attribution belong to the clause it reports, not to the
    attribution: they hang on a word of the cue's content ('Particularly in poorer parts of the
    state, he said, "we don't know"'), not on the cue ('At a rally Tuesday, Beck said, "..."' sets
    the scene), and they say something (a connective alone, 'But, he said, ...', is no quote)."""
    assert cue.content is not None
    cs, ce = cue.content
    heads = {t.head.i for t in front if not front.start <= t.head.i < front.end}
    if not heads or any(not cs <= h < ce for h in heads):
        return False
    return any(t.pos_ in _CONTENT_POS for t in front)


# Parts of speech that make a phrase say something (not 'But', 'Still', 'After all').
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "AUX", "NUM", "ADJ"})


def _attribution(cue: Cue) -> tuple[int, int] | None:
    """The first and last token of the attribution (the speaker's phrase and the cue words),
    when the cue's content comes after it; None for 'according to' and a cue without a speaker."""
    if cue.content is None or cue.speaker is None or cue.token.lower_ == "according":
        return None
    speaker = [t.i for t in cue.speaker.subtree]
    left, right = min(cue.token.i, min(speaker)), max(cue.end - 1, max(speaker))
    return (left, right) if cue.content[0] > right else None


def _set_off(doc: Doc, start: int, left: int, right: int) -> bool:
    """Whether tokens ``left``..``right`` stand between two commas after words of the sentence
    that starts at ``start``, with no line break before them."""
    if left - 1 <= start or doc[left - 1].text != "," or right + 1 >= len(doc) or doc[right + 1].text != ",":
        return False
    return not any(t.is_space and "\n" in t.text for t in doc[start : left - 1])
