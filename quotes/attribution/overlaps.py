"""What to keep when claims overlap: a policy is a function from the rules' claims to the claims
that become records (the way spaCy's ``span_ruler`` takes a ``spans_filter``).

:func:`marks_first` is the default. Pass another to :func:`quotes.attribution.extract_quotes`
(``overlaps=``) to change the policy, e.g. to keep every claim for an annotation tool.
"""

from __future__ import annotations

from collections.abc import Callable

from quotes.attribution.context import Claim, Context

OverlapPolicy = Callable[[list[Claim], Context], list[Claim]]


def keep_all(claims: list[Claim], ctx: Context) -> list[Claim]:
    """Every claim, overlapping or not, in text order."""
    return sorted(claims, key=lambda c: (c.start, c.end))


def marks_first(claims: list[Claim], ctx: Context) -> list[Claim]:
    """Quotes with marks win over reported speech that overlaps them; two mixed quotes whose
    reported clauses overlap are cut apart between their marks (or are one quote when their marks
    interleave); reported speech nested at the end of other reported speech cuts the outer one
    short, and the verb's own attribution wins over an outer "according to"."""
    marked = _merge_mixed(claims)
    return sorted(marked + _indirect_outside(claims, marked, ctx), key=lambda c: (c.start, c.end))


def _merge_mixed(claims: list[Claim]) -> list[Claim]:
    """Direct and mixed claims in text order, overlapping mixed ones cut apart or merged:
    'explained why "the Hispanics" ... were going to "love" him', or nested: 'According to X, Y
    said that A "b" and C "d"'."""
    marked: list[Claim] = []
    for c in sorted((c for c in claims if c.kind != "indirect"), key=lambda c: (c.start, -c.end)):
        o = next((o for o in marked if o.kind == c.kind == "mixed" and c.start < o.end and o.start < c.end), None)
        if o is None:
            marked.append(c)
            continue
        o_last = max((m.end for m in o.marks), default=o.start)
        if o_last <= c.start:
            o.end = c.start
            marked.append(c)
        else:
            o.end = max(o.end, c.end)
            o.marks = sorted([*o.marks, *c.marks], key=lambda m: m.start)
    return marked


def _indirect_outside(claims: list[Claim], marked: list[Claim], ctx: Context) -> list[Claim]:
    """The indirect claims that overlap no quote with marks, nested ones cutting the outer short.
    "X said ..., according to Y": the verb's own attribution wins over the outer "according to"."""
    indirect = sorted(
        (c for c in claims if c.kind == "indirect"),
        key=lambda c: (c.cue is not None and c.cue.token.lower_ == "according", c.start, -c.end),
    )
    kept: list[Claim] = []
    for c in indirect:
        if any(c.start < o.end and o.start < c.end for o in marked):
            continue
        if not _clashes(c, kept, ctx):
            kept.append(c)
    return kept


def _clashes(c: Claim, kept: list[Claim], ctx: Context) -> bool:
    """Whether ``c`` overlaps a kept claim it cannot be nested in; an outer claim that ``c`` ends
    is cut short before ``c``'s cue (inner reported speech at the end of the outer one)."""
    for o in kept:
        if not (c.start < o.end and o.start < c.end):
            continue
        if o.start <= c.start and c.end <= o.end:
            cue_start = ctx.doc[c.cue.start].idx if c.cue else c.start
            spk = c.cue.speaker if c.cue else None
            cut = cut_point(ctx.text, o.start, min(cue_start, c.start, spk.idx if spk is not None else cue_start))
            if cut - o.start > 10 and c.end >= o.end - 2:
                o.end = cut
                continue
        return True
    return False


def cut_point(text: str, start: int, cut: int) -> int:
    """Move a cut left past the relative pronoun and punctuation that introduce the inner clause."""
    head = text[start:cut].rstrip()
    for word in (" which", " who", " that", ","):
        if head.endswith(word):
            head = head[: -len(word)].rstrip()
    return start + len(head.rstrip(" ,;"))
