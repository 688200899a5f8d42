"""Quotes attributed by a cue printed next to them."""

from __future__ import annotations

from quotes.attribution.context import BEFORE_WINDOW, Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.sentences import sentence_start
from quotes.attribution.sources import speaker_of
from quotes.lexicon import NOT_SOURCES


def adjacent_cue(ctx: Context) -> None:
    """A quote that no reported clause holds takes the cue printed next to it: after it in the same
    sentence ('"...," said Stoltenberg', the trailing attribution of news copy), or before it
    after a colon or a comma ('He said: "..."'), or a colon closing the previous paragraph that
    introduces it ('He said:' then the quote as a paragraph of its own)."""
    for k, m in enumerate(ctx.marks):
        if k in ctx.assigned:
            continue
        cue = ctx.cue_after(k) or cue_before(ctx, k)
        if cue is not None:
            ctx.claim(Claim(m.start, m.end, "direct", cue, [m]), k)


def cue_before(ctx: Context, k: int) -> Cue | None:
    """The cue of a colon or comma right before the quoted span ``k`` (in its paragraph, or closing
    the paragraph before)."""
    m = ctx.marks[k]
    pstart = ctx.paras[m.paragraph][0]
    lo = ctx.marks[k - 1].end if k > 0 and ctx.marks[k - 1].paragraph == m.paragraph else pstart
    before = ctx.text[lo : m.start].rstrip()
    if before and before[-1] in ":,":
        ts, te = ctx.tok_range(lo, m.start)
        found = next((c for c in reversed(ctx.cues_in(ts, te)) if te - c.end <= BEFORE_WINDOW), None)
        if found is not None:
            return found
        if before[-1] == ":":
            return colon_attribution(ctx, ts, te)
    if not before.strip() and m.paragraph > 0:
        # "He said:" closing the previous paragraph introduces this one.
        ps, pe = ctx.paras[m.paragraph - 1]
        if ctx.text[ps:pe].rstrip().endswith(":"):
            ts, te = ctx.tok_range(ps, pe)
            found = ctx.cues_in(ts, te)
            if found:
                return found[-1]
            return colon_attribution(ctx, ts, te)
    return None


def colon_attribution(ctx: Context, ts: int, te: int) -> Cue | None:
    """A colon introduces a quote ('Stated Stone:', 'the headline reads:', '- Jane Roe:'):
    the clause before it names the source, or the noun phrase right before the colon does."""
    doc = ctx.doc
    # ':"' glued to the mark is one token
    colon = next((t for t in reversed(doc[ts:te]) if t.text.startswith(":")), None)
    if colon is None:
        return None
    lo = max(ts, sentence_start(colon))
    dash = next((t for t in reversed(doc[lo : colon.i]) if t.text in ("-", "\u2013", "\u2014")), None)
    if dash is not None and colon.i - dash.i <= 6:
        lo = dash.i + 1  # "Pollsters agree - Carl Bialik:": the byline after the dash is the source
    verbs = [t for t in doc[lo : colon.i] if t.pos_ == "VERB" and (t.dep_ == "ROOT" or not lo <= t.head.i < colon.i)]
    for verb in reversed(verbs):
        speaker = speaker_of(verb, ctx.quoted)
        if speaker is not None and speaker.lower_ in NOT_SOURCES:
            return None  # "That means:", "Here's the thing:" introduce no one's words
        if speaker is not None and lo <= speaker.i < colon.i:
            return Cue(verb, verb.i, verb.i + 1, speaker, None)
    if verbs:
        return None
    nouns = [
        t for t in doc[lo : colon.i]
        if t.pos_ in ("PROPN", "NOUN") and t.i not in ctx.quoted and t.ent_type_ not in ("DATE", "TIME")
    ]  # "Here's Clinton in December 1992:" is Clinton's
    if not nouns:
        return None
    head = nouns[-1]
    while head.dep_ in ("compound", "conj") and lo <= head.head.i < colon.i and head.head.i > head.i:
        head = head.head
    return Cue(colon, colon.i, colon.i + 1, head, None)
