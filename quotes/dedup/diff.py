"""Word-level differences between variants of a quote (for the recycled-quotes report)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from quotes.dedup.engine import canonical

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Change:
    """One word-level edit from an earlier variant to a later one."""

    op: str  # "replace", "delete" or "insert"
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.old or '∅'} -> {self.new or '∅'}"


def word_diff(a: str, b: str) -> list[Change]:
    """Word-level edits turning ``a`` into ``b`` (case and punctuation ignored, shown as written).

    >>> [str(c) for c in word_diff("for international security", "for worldwide security.")]
    ['international -> worldwide']
    """
    return [c for c in _word_ops(a, b) if c.op != "equal"]


def _word_ops(a: str, b: str) -> list[Change]:
    """All word-level opcodes from ``a`` to ``b``, ``equal`` ones included."""
    ta, tb = _WORD.findall(a), _WORD.findall(b)
    ka, kb = [canonical(w) for w in ta], [canonical(w) for w in tb]
    return [
        Change(op.tag, " ".join(ta[op.src_start : op.src_end]), " ".join(tb[op.dest_start : op.dest_end]))
        for op in Levenshtein.opcodes(ka, kb)
    ]


def fragment_diff(full: str, part: str) -> tuple[list[Change], int]:
    """Edits from ``full`` to ``part`` when ``part`` may be a fragment of it.

    Words of ``full`` missing at either end of ``part`` are not edits: they are returned as a
    count of words cut.
    """
    ops = _word_ops(full, part)
    cut = 0
    for end in (0, -1):
        if ops and ops[end].op == "delete":
            cut += len(ops.pop(end).old.split())
    return [c for c in ops if c.op != "equal"], cut




def diff_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the word-level edits from ``a`` to ``b`` lie: character spans of the words of ``a``
    and of the words of ``b`` that differ (to highlight them side by side).

    >>> diff_spans("for international security", "for worldwide security.")
    ([(4, 17)], [(4, 13)])
    """
    ma, mb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    ka, kb = [canonical(m.group()) for m in ma], [canonical(m.group()) for m in mb]
    out_a: list[tuple[int, int]] = []
    out_b: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(ka, kb):
        if op.tag == "equal":
            continue
        if op.src_end > op.src_start:
            out_a.append((ma[op.src_start].start(), ma[op.src_end - 1].end()))
        if op.dest_end > op.dest_start:
            out_b.append((mb[op.dest_start].start(), mb[op.dest_end - 1].end()))
    return out_a, out_b

