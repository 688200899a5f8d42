"""What to keep when claims overlap: a policy is a function from the rules' claims to the claims
that become records (the way spaCy's ``span_ruler`` takes a ``spans_filter``).

:func:`marks_first` is the default. Pass another to :func:`quotes.attribution.extract_quotes`
(``overlaps=``) to change the policy, e.g. to keep every claim for an annotation tool.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterator
from itertools import accumulate

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
    # mixed claims of ``marked`` that may still reach a later claim; claims come in order of
    # start, so one ending before the current start never overlaps again
    open_mixed: deque[Claim] = deque()
    for c in sorted((c for c in claims if c.kind != "indirect"), key=lambda c: (c.start, -c.end)):
        o = None
        if c.kind == "mixed":
            while open_mixed and open_mixed[0].end <= c.start:
                open_mixed.popleft()
            o = open_mixed[0] if open_mixed else None
        if o is None:
            marked.append(c)
            if c.kind == "mixed":
                open_mixed.append(c)
            continue
        o_last = max((m.end for m in o.marks), default=o.start)
        if o_last <= c.start:
            o.end = c.start
            marked.append(c)
            open_mixed.append(c)
        else:
            o.end = max(o.end, c.end)
            o.marks = sorted([*o.marks, *c.marks], key=lambda m: m.start)
    return marked


def _indirect_outside(claims: list[Claim], marked: list[Claim], ctx: Context) -> list[Claim]:
    """The indirect claims that overlap no quote with marks, nested ones cutting the outer short.
    "X said ..., according to Y": the verb's own attribution wins over the outer "according to"."""
    covered = _overlaps_any(marked)
    according = [c for c in claims if c.kind == "indirect" and _according(c)]
    own = [c for c in claims if c.kind == "indirect" and not _according(c)]
    kept: list[_Sweep] = []
    for group in (own, according):
        for earlier in kept:
            earlier.first = 0  # the starts asked about begin again from the top
        sweep = _Sweep()
        for c in sorted(group, key=lambda c: (c.start, -c.end)):
            if not covered(c) and not _clashes(c, kept + [sweep], ctx):
                sweep.items.append(c)
        kept.append(sweep)
    return [c for sweep in kept for c in sweep.items]


def _overlaps_any(marked: list[Claim]) -> Callable[[Claim], bool]:
    """A test whether a claim overlaps any of ``marked`` (in order of start), by bisection."""
    starts = [o.start for o in marked]
    reach = list(accumulate((o.end for o in marked), max))  # the furthest end among marked[:i + 1]

    def covered(c: Claim) -> bool:
        i = bisect_left(starts, c.end)  # marked[:i] start before c ends
        return i > 0 and reach[i - 1] > c.start

    return covered


def _according(c: Claim) -> bool:
    return c.cue is not None and c.cue.token.lower_ == "according"


class _Sweep:
    """Claims in order of start, asked about in order of start, whose ends only ever shrink: a claim
    that ends before the current start never overlaps a later one, so it is passed once for all."""

    def __init__(self) -> None:
        self.items: list[Claim] = []
        self.first = 0

    def reaching(self, start: int) -> Iterator[Claim]:
        """The items, from the first that ends after ``start`` on."""
        while self.first < len(self.items) and self.items[self.first].end <= start:
            self.first += 1
        return (self.items[i] for i in range(self.first, len(self.items)))


def _clashes(c: Claim, kept: list[_Sweep], ctx: Context) -> bool:
    """Whether ``c`` overlaps a kept claim it cannot be nested in; an outer claim that ``c`` ends
    is cut short before ``c``'s cue (inner reported speech at the end of the outer one)."""
    for sweep in kept:
        for o in sweep.reaching(c.start):
            if o.start >= c.end:
                break  # in order of start: no later one overlaps either
            if o.end <= c.start:
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
