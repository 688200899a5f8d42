"""Pair quotation marks into quoted spans, the way news copy uses them.

Works on raw text, before any parsing, and never raises: unbalanced or stray marks are ignored or
closed at the end of their paragraph, so a lost mark cannot swallow the rest of an article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Iterator

# Mark families. A span is closed by a mark of the family that opened it.
DOUBLE, SINGLE, GUILLEMET, SINGLE_GUILLEMET = "double", "single", "guillemet", "single-guillemet"

# Two apostrophes or two backticks stand for a double mark in wire and NYT copy (''Like this,'' he said).
_MARK_RE = re.compile(r"''|``|[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
_SINGLE_RE = re.compile("[\u2019']")
_OPENERS_BEFORE = set("([{\u2014\u2013-/\u201c\u2018\u00ab\u201e\u201a\u2039\"'`")
_CLOSING_FOLLOWERS = set(",.;:!?)]}\u2014\u2013-\u2026")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A top-level quoted stretch of text.

    ``start``/``end`` include the marks (``end`` is after the closing mark, or at the end of the
    paragraph when the quote is left open). ``continues`` is set when the quote runs on into the
    next paragraph by the news convention: a paragraph ends with the quote still open and the next
    paragraph opens with a mark again.
    """

    start: int
    end: int
    family: str
    closed: bool
    paragraph: int
    continues: bool = False

    open_len: int = 1
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks."""
        return self.start + self.open_len, self.end - (self.close_len if self.closed else 0)


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    length: int
    family: str
    role: str  # "open", "close", "either"


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line: news copy puts one paragraph on a line."""
    for m in _PARAGRAPH_RE.finditer(text):
        start, end = m.start(), m.end()
        seg = m.group()
        stripped = seg.strip()
        if not stripped:
            continue
        start += len(seg) - len(seg.lstrip())
        end -= len(seg) - len(seg.rstrip())
        yield start, end


# Marks whose direction is fixed: (family, role).
_FIXED_MARKS: dict[str, tuple[str, str]] = {
    "\u201c": (DOUBLE, "open"),
    "\u201f": (DOUBLE, "open"),
    "\u201e": (DOUBLE, "open"),
    "``": (DOUBLE, "open"),
    "\u201d": (DOUBLE, "close"),
    "\u00ab": (GUILLEMET, "open"),
    "\u00bb": (GUILLEMET, "close"),
    "\u2039": (SINGLE_GUILLEMET, "open"),
    "\u203a": (SINGLE_GUILLEMET, "close"),
}


def _classify(text: str, i: int, mark: str) -> _Mark | None:
    """Classify one mark by its neighbours; None for an apostrophe."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + len(mark)] if i + len(mark) < len(text) else " "
    n = len(mark)
    fixed = _FIXED_MARKS.get(mark)
    if fixed is not None:
        return _Mark(i, n, *fixed)
    if mark in ('"', "''"):
        if mark == "''" and prev.isalnum() and nxt.isalnum():
            return None  # a doubled apostrophe inside a word
        return _Mark(i, n, DOUBLE, "either")
    # Single marks: an apostrophe inside a word (Azerbaijan’s, don't) is not a quote mark.
    if prev.isalnum() and nxt.isalnum():
        return None
    role = _single_role(mark, prev, nxt)
    return _Mark(i, n, SINGLE, role) if role is not None else None


def _single_role(mark: str, prev: str, nxt: str) -> str | None:
    """Whether a single mark between ``prev`` and ``nxt`` opens or closes a quote (None: it is an
    apostrophe: an elision like ’90s, or a mark in a place no quote opens or closes)."""
    after_space = prev.isspace() or prev in _OPENERS_BEFORE
    if mark in ("\u2018", "\u201a", "\u201b"):
        return "open" if after_space else None
    if mark == "\u2019":
        return None if nxt.isalnum() and after_space else "close"  # elision: ’90s, ’em
    # straight single quote
    if after_space and nxt.isalnum():
        return "open"
    if not prev.isspace() and (nxt.isspace() or nxt in _CLOSING_FOLLOWERS):
        return "close"
    return None


def _opens_paragraph(text: str, start: int, end: int) -> bool:
    """Whether a paragraph begins with an opening double mark (a continued quote)."""
    m = _MARK_RE.match(text, start)
    if not m:
        return False
    mark = _classify(text, start, m.group())
    return mark is not None and mark.family in (DOUBLE, GUILLEMET) and mark.role in ("open", "either")


# The last text's spans: extraction pairs the marks of an article twice (the rules' context and the
# speaker resolution's cast), with the same text object.
_last_spans: tuple[str, tuple[QuoteSpan, ...]] | None = None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quoted spans in ``text``, in order.

    Single marks count as quotes only where they pair up within a paragraph (headlines and
    British copy use them); inside a double quote they are nested quotes and are not reported.
    """
    global _last_spans
    last = _last_spans
    if last is not None and last[0] is text:
        return list(last[1])
    spans: list[QuoteSpan] = []
    paras = list(paragraphs(text))
    for pi, (pstart, pend) in enumerate(paras):
        spans.extend(_spans_in_paragraph(text, pstart, pend, pi, paras))
    _last_spans = (text, tuple(spans))
    return spans


def _spans_in_paragraph(
    text: str, pstart: int, pend: int, pi: int, paras: list[tuple[int, int]]
) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    stack = _OpenMarks(text)
    para = _Paragraph(text, pstart, pend)
    for m in _MARK_RE.finditer(text, pstart, pend):
        mark = _classify(text, m.start(), m.group())
        if mark is None:
            continue
        if stack and _starts_next_quote(text, mark, stack.outermost(), pstart, pend):
            # Flattened copy ('...night. "The players want ... on. "There is ...," Hale said'): the
            # open quote ended with its sentence and lost its closing mark with the paragraph
            # break; this mark opens the next quote, as a reader pairs them (the open one continues
            # into it, as multi-paragraph quotes do, and takes the attribution printed after it).
            out.append(QuoteSpan(stack.outermost().pos, _end_before(text, mark.pos, stack.outermost().pos), DOUBLE,
                                 False, pi, True, stack.outermost().length, 0))
            stack = _OpenMarks(text)
            stack.push(replace(mark, role="open"))
            continue
        role = _role_here(para, mark, stack)
        if role is None:
            continue
        if role == "open":
            if mark.family == SINGLE and not stack and not para.single_close_after(mark.pos + 1):
                continue  # a lone opening single mark is an apostrophe or a typo, not a quote
            stack.push(mark)
            continue
        opener = stack.close(mark.family)
        if opener is None:
            continue  # stray closing mark (or a possessive plural’s apostrophe)
        if not stack:
            out.append(QuoteSpan(opener.pos, mark.pos + mark.length, opener.family, True, pi, False, opener.length, mark.length))
    left_open = _left_open(text, stack, pend, pi, paras) if stack else None
    if left_open is not None:
        out.append(left_open)
    return out


def _left_open(text: str, stack: _OpenMarks, pend: int, pi: int, paras: list[tuple[int, int]]) -> QuoteSpan | None:
    """The quote still open at the end of paragraph ``pi``: from its outermost double mark (or
    guillemet) to the end of the paragraph, never further (a lost mark cannot swallow the article),
    continued when the next paragraph opens with a mark; None for a single mark or an empty quote."""
    opener = stack.outermost()
    if opener.family == SINGLE:
        return None
    nxt_para = paras[pi + 1] if pi + 1 < len(paras) else None
    continues = nxt_para is not None and _opens_paragraph(text, *nxt_para)
    if pend - opener.pos > opener.length + 1:
        return QuoteSpan(opener.pos, pend, opener.family, False, pi, continues, opener.length, 0)
    return None


def _starts_next_quote(text: str, mark: _Mark, opener: _Mark, pstart: int, pend: int) -> bool:
    """A double mark between a finished sentence (or a colon lead-in) and a capital letter
    (``on. "There``, ``Diaz said: "We``) while a double quote is open, where the open quote
    could not close after it: the next quote of flattened copy, not a quote nested in the open
    one (``"The count ended. "Fair" was the word," Lee said`` stays nested: its outer quote
    closes after the inner one)."""
    if mark.family != DOUBLE or opener.family != DOUBLE or mark.role not in ("open", "either"):
        return False
    i = mark.pos
    nxt = text[i + mark.length] if i + mark.length < pend else " "
    if i <= pstart or not text[i - 1].isspace() or not (nxt.isupper() or nxt.isdigit()):
        return False
    j = i - 1
    while j > pstart and text[j].isspace():
        j -= 1
    if text[j] not in ".?!:":
        return False
    inner_close = _next_shaped(text, i + mark.length, pend, text[i] == '"', closing=True)
    if inner_close is None:
        return True
    return not _next_is_closing(text, inner_close + 1, pend, text[opener.pos] == '"')


def _shape(text: str, k: int, pend: int) -> str | None:
    """``open`` or ``close`` for a double mark at ``k`` by its form and neighbours, else None."""
    c = text[k]
    if c == "\u201c":
        return "open"
    if c == "\u201d":
        return "close"
    if c != '"':
        return None
    if k > 0 and not text[k - 1].isspace():
        return "close"
    return "open" if k + 1 < pend and text[k + 1].isalnum() else None


def _next_shaped(text: str, start: int, end: int, straight: bool, closing: bool) -> int | None:
    """The next closing-shaped mark of a style (straight or curly) in ``text[start:end]``."""
    marks = '"' if straight else "\u201d"
    for k in range(start, end):
        if text[k] in marks and _shape(text, k, end) == ("close" if closing else "open"):
            return k
    return None


def _next_is_closing(text: str, start: int, end: int, straight: bool) -> bool:
    """Whether the next mark of a style in ``text[start:end]`` is shaped to close."""
    marks = '"' if straight else "\u201c\u201d"
    for k in range(start, end):
        if text[k] in marks:
            return _shape(text, k, end) == "close"
    return False


def _end_before(text: str, pos: int, start: int) -> int:
    """Where a quote that lost its closing mark ends before the next one opens at ``pos``: the
    end of its last sentence (a colon lead-in before ``pos`` is narration, not quote)."""
    end = pos
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[end - 1] == ":":
        cut = max(text.rfind(p, start, end) for p in (". ", "? ", "! "))
        if cut > start:
            end = cut + 1
    return end


def _role_here(para: "_Paragraph", mark: _Mark, stack: "_OpenMarks") -> str | None:
    """Whether ``mark`` opens or closes a quote where it stands, given the quotes open before it
    (None: it is neither, a stray mark)."""
    role = _curly_role(para, mark, stack)
    return _straight_role(para, mark, stack) if role == "either" else role


def _curly_role(para: "_Paragraph", mark: _Mark, stack: "_OpenMarks") -> str:
    """The role of a mark by its shape, except that an opening curly mark closes a German „quote“
    and a typo'd closing mark ('...,“ said Jim Clyburn': after a word or punctuation, before space)."""
    text = para.text
    if text[mark.pos] != "\u201c":
        return mark.role
    if stack.low_nine:
        return "close"  # German copy: „like this“
    if stack.has(DOUBLE):
        prev = text[mark.pos - 1] if mark.pos > para.start else " "
        nxt = text[mark.pos + 1] if mark.pos + 1 < para.end else " "
        if not prev.isspace() and (nxt.isspace() or nxt in _CLOSING_FOLLOWERS):
            return "close"
    return mark.role


def _straight_role(para: "_Paragraph", mark: _Mark, stack: "_OpenMarks") -> str | None:
    """A straight mark closes an open quote of its family, else opens one unless its neighbours
    say it can only be a closing mark (then it is stray)."""
    text = para.text
    prev = text[mark.pos - 1] if mark.pos > para.start else " "
    nxt = text[mark.pos + mark.length] if mark.pos + mark.length < para.end else " "
    if stack.has(mark.family):
        # '"He told me "never again" and ..."': space before and a word after opens a
        # nested quote, unless the paragraph has no closing mark left for both
        opens_nested = prev.isspace() and nxt.isalnum() and para.straight_left(mark.pos + mark.length) >= 2
        return "open" if opens_nested else "close"
    if not prev.isspace() and prev not in _OPENERS_BEFORE and (nxt.isspace() or nxt in _CLOSING_FOLLOWERS):
        return None
    if nxt.isspace():
        return None  # '" said Ana Petrova': a mark followed by a space opens nothing
    return "open"


class _OpenMarks:
    """The marks opened and not closed yet in a paragraph, innermost last, with what the pairing
    asks of them (is a mark of this family open? which is the innermost?) answered in constant
    time: a paragraph of thousands of unclosed marks must not cost their square."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: list[_Mark] = []
        self.by_family: dict[str, list[int]] = {}
        self.low_nine = 0  # open „ marks

    def __bool__(self) -> bool:
        return bool(self.marks)

    def has(self, family: str) -> bool:
        return bool(self.by_family.get(family))

    def outermost(self) -> _Mark:
        return self.marks[0]

    def push(self, mark: _Mark) -> None:
        self.by_family.setdefault(mark.family, []).append(len(self.marks))
        self.marks.append(mark)
        self.low_nine += self.text[mark.pos] == "\u201e"

    def close(self, family: str) -> _Mark | None:
        """Close the innermost open mark of ``family`` and every mark opened after it; the opener."""
        open_ = self.by_family.get(family)
        if not open_:
            return None
        idx = open_[-1]
        for mark in self.marks[idx:]:
            self.by_family[mark.family].pop()
            self.low_nine -= self.text[mark.pos] == "\u201e"
        opener = self.marks[idx]
        del self.marks[idx:]
        return opener


class _Paragraph:
    """One paragraph and the marks to its end, counted once (each mark asks what is left after it)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self._closes: list[int] | None = None
        self._straight: tuple[list[int], list[int], list[int], list[int]] | None = None

    def single_close_after(self, start: int) -> bool:
        """Whether a closing single mark stands at ``start`` or later in the paragraph."""
        if self._closes is None:
            self._closes = []
            for m in _SINGLE_RE.finditer(self.text, self.start, self.end):
                mark = _classify(self.text, m.start(), m.group())
                if mark is not None and mark.role == "close":
                    self._closes.append(m.start())
        return bisect_left(self._closes, start) < len(self._closes)

    def straight_left(self, start: int) -> int:
        """Straight double marks (" or '') left in the paragraph after ``start``."""
        if self._straight is None:
            quotes = [m.start() for m in re.finditer('"', self.text[self.start : self.end])]
            runs = [(m.start(), m.end()) for m in re.finditer("'+", self.text[self.start : self.end])]
            pairs = list(accumulate(((e - s) // 2 for s, e in reversed(runs)), initial=0))[::-1]
            self._straight = (quotes, [s for s, _ in runs], [e for _, e in runs], pairs)
        quotes, run_starts, run_ends, pairs = self._straight
        at = start - self.start
        count = len(quotes) - bisect_left(quotes, at)
        r = bisect_right(run_ends, at)  # the first run of apostrophes that ends after ``at``
        if r < len(run_ends):
            count += (run_ends[r] - max(run_starts[r], at)) // 2 + pairs[r + 1]
        return count
