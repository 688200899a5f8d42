"""Attributions that are themselves reported ('..., according to CNN')."""

from __future__ import annotations

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.sentences import sentence


def reported_attribution(ctx: Context) -> None:
    """'"...," Sanders said, according to CNN.': CNN reports that Sanders said it. The quote stays
    Sanders's; the report is a mixed quote of its own, by CNN, holding his words and their
    attribution (the nested attribution of news annotation)."""
    for c in list(ctx.claims):
        report = nested_report(ctx, c)
        if report is not None:
            ctx.claim(report)
            ctx.reports[id(c)] = report


def _reports(cue: Cue) -> bool:
    """'according to X', or ', X reported' / ', X reports' after a comma."""
    word = cue.token.lower_
    doc = cue.token.doc
    return word == "according" or word in ("reports", "reported") and cue.token.i > 0 and doc[cue.token.i - 1].text == ","


def nested_report(ctx: Context, claim: Claim) -> Claim | None:
    """The report ('according to X', ', X reported') of the direct quote ``claim``'s attribution,
    in the same sentence right after it, as a mixed claim; None if there is none."""
    said = claim.cue
    if said is None or claim.kind != "direct" or said.token.lower_ == "according":
        return None
    _, qe = ctx.tok_range(claim.start, claim.end)
    if said.start < qe:
        return None  # the attribution must follow the quote
    doc = ctx.doc
    sent = sentence(said.token)
    for cue in ctx.cues_in(said.end, sent.end):
        if not _reports(cue) or cue.speaker is None:
            continue
        if ctx.any_quoted(qe, cue.start) or cue.start - said.end > 12:
            return None
        end = doc[cue.start - 1]
        while end.i > said.start and (end.is_punct or end.is_space):
            end = doc[end.i - 1]
        return Claim(claim.start, end.idx + len(end.text), "mixed", cue, list(claim.marks))
    return None
