"""Quotes attributed by the layout of the copy rather than by a verb: transcript speaker labels
and dash signatures."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.sources import compound_head
from quotes.lexicon import DASH_CHARS, NOT_SPEAKER_LABELS, SPEAKER_LABEL

# 'WALLACE: ...', 'JAKE TAPPER: ...', 'SEN. BERNIE SANDERS (I-VT): ...' at the start of a paragraph.
_LABEL_RE = re.compile(SPEAKER_LABEL)
# A transcript has at least this many labelled turns; one label alone is a heading ('UPDATE: ...').
MIN_TURNS = 2
# A dash signature is a name, maybe with a title and a place: a few words, not a clause.
MAX_SIGNATURE_WORDS = 12


def transcript_turn(ctx: Context) -> None:
    """A paragraph that opens with a speaker label in capitals ('WALLACE: Do you accept it?'), as
    transcripts of interviews and debates print their turns: the turn is the labelled person's
    words, up to the end of the paragraph. Only where the article has at least two labelled turns
    by two speakers, or the label names a person of the article; headings in capitals ('UPDATE:',
    'EDITOR'S NOTE:') label no one."""
    turns = _labelled_paragraphs(ctx)
    if not turns:
        return
    labels = {m.group(1) for _, m in turns}
    people = {w.lower() for e in ctx.doc.ents if e.label_ == "PERSON" for w in e.text.split()}
    for pi, m in turns:
        named = m.group(1).split()[-1].lower() in people
        if not named and (len(turns) < MIN_TURNS or len(labels) < 2):
            continue
        _claim_turn(ctx, m, ctx.paras[pi][1])


def _labelled_paragraphs(ctx: Context) -> list[tuple[int, re.Match[str]]]:
    """(paragraph index, label match) of the paragraphs that open with a speaker label, headings
    in capitals ('UPDATE:') left out."""
    turns = []
    for pi, (ps, pe) in enumerate(ctx.paras):
        m = _LABEL_RE.match(ctx.text, ps, pe)
        if m is None or m.group(1).strip(" .").lower() in NOT_SPEAKER_LABELS:
            continue
        turns.append((pi, m))
    return turns


def _claim_turn(ctx: Context, m: re.Match[str], pe: int) -> None:
    """Claim the turn after label ``m`` to the paragraph's end ``pe`` for the labelled speaker, the
    colon its cue, with the unclaimed quoted spans inside it; nothing when the label's words or
    colon are not tokens of their own."""
    ls, le = ctx.tok_range(m.start(1), m.end(1))
    colon = next((t for t in ctx.doc[le : le + 4] if t.text.startswith(":")), None)
    if le <= ls or colon is None:
        return
    speaker = _label_head(ctx, ls, le)
    inside = [k for k, q in enumerate(ctx.marks) if m.end() <= q.start and q.end <= pe and k not in ctx.assigned]
    cue = Cue(colon, colon.i, colon.i + 1, speaker, None)
    ctx.claim(Claim(m.end(), pe, "direct", cue, [ctx.marks[k] for k in inside]), *inside)


def _label_head(ctx: Context, ls: int, le: int) -> Token:
    """The word of a label that names its speaker: the last word of the name ('JAKE TAPPER')."""
    words = [t for t in ctx.doc[ls:le] if t.is_alpha]
    return words[-1] if words else ctx.doc[le - 1]


def dash_signature(ctx: Context) -> None:
    """A quote signed after a dash on its own line ('"The rules are overdue" -Commissioner Geoffrey
    Starks', also with an en or em dash), the layout of quote boxes, pull quotes and lists of
    reactions: the name after the dash speaks."""
    for k, m in enumerate(ctx.marks):
        if k in ctx.assigned:
            continue
        cue = signature_after(ctx, k)
        if cue is not None:
            ctx.claim(Claim(m.start, m.end, "direct", cue, [m]), k)


def signature_after(ctx: Context, k: int) -> Cue | None:
    """The dash and the name signing the quoted span ``k``: right after its closing mark, up to the
    next quote or the end of the paragraph, a few words that open with a capitalized name."""
    m = ctx.marks[k]
    pend = ctx.paras[m.paragraph][1]
    nxt = ctx.marks[k + 1].start if k + 1 < len(ctx.marks) and ctx.marks[k + 1].paragraph == m.paragraph else pend
    after = ctx.text[m.end : nxt]
    lead = re.match(r"[ \t,]*(?:--|[" + DASH_CHARS + r"])[ \t]*(?=[A-Z])", after)
    if lead is None:
        return None
    ts, te = ctx.tok_range(m.end, nxt)
    if te <= ts:
        return None
    doc = ctx.doc
    dash = next((t for t in doc[ts:te] if t.text[:1] in DASH_CHARS), None)  # '-', '--', en and em dashes
    if dash is None or dash.idx >= m.end + lead.end():
        return None
    # the signature runs to the end of its sentence
    end = next((t.i for t in doc[dash.i + 1 : te] if t.text in (".", "!", "?")), te)
    name = _signing_name(doc[dash.i + 1 : end])
    if name is None:
        return None
    return Cue(dash, dash.i, dash.i + 1, compound_head(name, end), None)


def _signing_name(signature: Span) -> Token | None:
    """The name opening a signature: a proper noun (or a person's or organization's word) among
    its first four words; None when the signature is empty, longer than a name with a title and a
    place, or opens with a verb (a clause, not a signature)."""
    words = [t for t in signature if not t.is_punct]
    if not words or len(words) > MAX_SIGNATURE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words[:4]):
        return None
    return next((t for t in words[:4] if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")), None)
