"""Reported clauses: what a cue's clausal complement holds."""

from __future__ import annotations

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue


def reported_clause(ctx: Context) -> None:
    """The clause a verb of saying reports is the quote: *indirect* when it holds no quotation
    marks ('Pashinyan said he could see no diplomatic resolution'), *direct* when a quote covers it
    ('He said: "We are ready."'), *mixed* when it also has words outside the marks ('He added that
    the alliance urges both sides to "de-escalate"'). A trailing source that reports a clause
    holding another cue goes first: in 'Clinton pledged to "...," the Sentinel reported' the
    Sentinel reports the whole clause (nested attribution goes to the outermost source)."""
    for cue in outer_first(ctx):
        if cue.content is None:
            continue
        cs, ce = ctx.chars(*cue.content)
        inside = [k for k in ctx.marks_overlapping(cs, ce) if k not in ctx.assigned]
        if not inside:
            if cue.content[1] - cue.content[0] >= 3:
                ctx.claim(Claim(cs, ce, "indirect", cue))
            continue
        _claim_quoted_clause(ctx, cue, cs, ce, inside)


def _claim_quoted_clause(ctx: Context, cue: Cue, cs: int, ce: int, inside: list[int]) -> None:
    """The clause [cs, ce) holds the quoted spans ``inside``: each is a direct quote when the clause
    has (almost) no words of its own, else the clause with them is one mixed quote."""
    marks = ctx.marks
    outside_words = ctx.words_outside(cs, ce, [marks[k] for k in inside])
    spill = any(marks[k].start < cs - 2 or marks[k].end > ce + 2 for k in inside)
    if outside_words == 0 or spill and outside_words <= 2:
        # '... but Moscow denies - "why would you not?" asked Dunn': the attribution
        # right after the closing mark is the quote's own, whatever clause holds it
        for k in [k for k in inside if not ctx.attributed_after(k, cue)]:
            ctx.claim(Claim(marks[k].start, marks[k].end, "direct", cue, [marks[k]]), k)
    else:
        s = min([cs] + [marks[k].start for k in inside])
        e = max([ce] + [marks[k].end for k in inside])
        ctx.claim(Claim(s, e, "mixed", cue, [marks[k] for k in inside]), *inside)


def outer_first(ctx: Context) -> list[Cue]:
    """Cues in text order, except that a trailing attribution whose clause holds another cue
    comes first: in 'Clinton pledged to "promote changes," the Orlando Sentinel reported' the
    paper reports the whole clause, partial quote included (nested attribution goes to the
    outermost source)."""
    def outer(c: Cue) -> bool:
        if c.content is None or c.content[1] > c.start or c.speaker is None:
            return False
        if c.speaker.pos_ == "PRON":
            return False  # 'Tyler said that ... "guiding principles," he said': the same speaker twice
        # the inner cue opens the clause before any quoted word; an inner '"...," Sanders said'
        # keeps the direct quote (rule 4 adds the report). The first cue in the clause is the one
        # to check: a later one has more words before it that could be quoted.
        inner = ctx.first_cue_in(c.content[0], c.content[1])
        return inner is not None and inner is not c and not ctx.any_quoted(c.content[0], inner.start)

    flags = [outer(c) for c in ctx.cues]
    return [c for c, f in zip(ctx.cues, flags) if f] + [c for c, f in zip(ctx.cues, flags) if not f]
