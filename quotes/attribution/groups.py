"""Parts of one quotation: split by its attribution, or run on over paragraphs."""

from __future__ import annotations

from quotes.attribution.context import Claim, Context

# How far apart (in characters) two parts of a quote split by their attribution may be.
MAX_PART_GAP = 400


def link_groups(claims: list[Claim], ctx: Context) -> None:
    """Give the parts of one quote a shared ``group``: the two parts around one attribution
    ('"We are ready," he said. "We have been for weeks."'), a continuation and the quote it
    continues, and a quote running over paragraphs (the next paragraph opens with a mark again)."""
    _split_by_attribution(claims)
    for c in claims:
        if c.cue is None and c.inherit_from is not None:
            gid = c.inherit_from.group if c.inherit_from.group is not None else id(c.inherit_from)
            c.inherit_from.group = gid
            c.group = gid
    _across_paragraphs(ctx, claims)


def _split_by_attribution(claims: list[Claim]) -> None:
    """Direct quotes sharing one cue and printed close together are parts of one quote."""
    by_cue: dict[int, Claim] = {}
    for c in claims:
        if c.kind == "direct" and c.cue is not None:
            first = by_cue.setdefault(c.cue.token.i, c)
            if first is not c and first.marks and c.marks and first.end <= c.start and c.start - first.end < MAX_PART_GAP:
                c.group = id(first)
                first.group = id(first)


def _across_paragraphs(ctx: Context, claims: list[Claim]) -> None:
    """A quote left open at the end of a paragraph and continued in the next is one group; the part
    without an attribution takes the other's (often printed in the last part)."""
    marks, assigned = ctx.marks, ctx.assigned
    for k, m in enumerate(marks):
        if not (m.continues and k + 1 < len(marks)):
            continue
        a, b = assigned.get(k), assigned.get(k + 1)
        if a is None or b is None or a is b:
            continue
        if m.paragraph == marks[k + 1].paragraph and a.cue is None and b.cue is not None:
            _flattened(a, b, claims)
        else:
            _continued(a, b)


def _continued(a: Claim, b: Claim) -> None:
    """Quote ``a`` runs on into ``b`` in the next paragraph: one group, and the part without an
    attribution takes the other's."""
    gid = a.group if a.group is not None else id(a)
    a.group = gid
    b.group = gid
    if b.cue is None and b.inherit_from is None:
        b.inherit_from = a
    elif a.cue is None and a.inherit_from is None and b.cue is not None:
        # the attribution of a multi-paragraph quote is often printed in its last part
        a.inherit_from = b


def _flattened(a: Claim, b: Claim, claims: list[Claim]) -> None:
    """Flattened copy put two paragraphs of one quote on one line (the first lost its closing
    mark, quotes.attribution.marks): the first part takes the attribution printed after the
    second, not the speaker of the quote before it."""
    old = a.inherit_from
    a.inherit_from = b
    gid = b.group if b.group is not None else id(b)
    a.group = b.group = gid
    if old is not None and old.group is not None and sum(c.group == old.group for c in claims) == 1:
        old.group = None  # no longer a part of anything
