"""What the attribution rules share: the article, its quoted spans and cues, the claims made so far.

A :class:`Context` is built once per parsed article. The rules of :mod:`quotes.attribution.rules`
read it and add :class:`Claim` s to it; the overlap policy (:mod:`quotes.attribution.overlaps`)
and the speaker resolution turn the claims into records. The queries here are the ones several
rules ask ("is this quote the start of its sentence?", "which cue follows this closing mark?").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate

from spacy.tokens import Doc, Span

from quotes.attribution.cues import VERB_FORMS, Cue, find_cues, is_speech_verb
from quotes.attribution.marks import QuoteSpan, find_quote_spans, paragraphs
from quotes.attribution.sentences import sentence
from quotes.attribution.sources import speaker_of
from quotes.attribution.tokens import TokenTable

# How far (in tokens) an attribution may sit from the quote it attributes.
AFTER_WINDOW = 40
BEFORE_WINDOW = 12


@dataclass(slots=True)
class Claim:
    """A quote before its speaker is resolved: its character span, kind, the cue that attributes
    it (None for a continuation or an unattributed quote), the quoted spans it holds, the group of
    parts it belongs to, and the claim it continues."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    marks: list[QuoteSpan] = field(default_factory=list)
    group: int | None = None
    inherit_from: "Claim | None" = None


@dataclass(slots=True)
class Context:
    """One article as the rules see it, and what they have decided so far.

    ``marks`` are the quoted spans in text order, ``quoted`` the indices of tokens inside them,
    ``cues`` the reporting cues in text order. Rules append to ``claims`` (in the order they make
    them, which later rules and the overlap policy rely on) and record in ``assigned`` which claim
    took each quoted span (by index in ``marks``); ``reports`` maps a claim to the claim of the
    source that reports it (:mod:`quotes.attribution.rules.nested`).
    """

    doc: Doc
    text: str
    paras: list[tuple[int, int]]
    marks: list[QuoteSpan]
    quoted: frozenset[int]
    cues: list[Cue]
    claims: list[Claim] = field(default_factory=list)
    assigned: dict[int, Claim] = field(default_factory=dict)
    reports: dict[int, Claim] = field(default_factory=dict)
    # Positions indexed once, so that every question a rule asks about a span is answered in
    # logarithmic time, not by a pass over the article (which made long articles quadratic).
    _cue_starts: list[int] = field(default_factory=list)
    _quoted_before: list[int] = field(default_factory=list)  # quoted tokens before index i
    _mark_ends: list[int] | None = None  # None if the marks were not in order (never expected)
    _para_starts: list[int] = field(default_factory=list)
    # claims with a cue that lie within a paragraph: the one ending last (first made on ties)
    _last_in_para: dict[int, Claim] = field(default_factory=dict)
    # indirect claims with a cue by end offset, with their place in ``claims``
    _indirect_by_end: dict[int, list[tuple[int, Claim]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    @classmethod
    def of(
        cls, doc: Doc, paras: list[tuple[int, int]] | None = None, text: str | None = None, table: TokenTable | None = None,
    ) -> "Context":
        """Pair the quotation marks of ``doc`` and find its cues (the rules' raw material).
        ``text`` (``doc.text``, which joins every token at each read) and ``table`` are the
        article's when the caller has them already."""
        text = doc.text if text is None else text
        marks = find_quote_spans(text)
        marks = [_end_failed_quote(doc, text, m, k + 1 < len(marks) and marks[k + 1].paragraph == m.paragraph)
                 for k, m in enumerate(marks)]
        quoted: set[int] = set()
        for m in marks:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                quoted.update(range(span.start, span.end))
        frozen = frozenset(quoted)
        paras = paras if paras is not None else list(paragraphs(text))
        return cls(doc, text, paras, marks, frozen, find_cues(doc, frozen, table))

    def _index(self) -> None:
        self._cue_starts = [c.start for c in self.cues]
        flags = [0] * (len(self.doc) + 1)
        for i in self.quoted:
            flags[i + 1] = 1
        self._quoted_before = list(accumulate(flags))
        ends = [m.end for m in self.marks]
        ordered = all(a.end <= b.start for a, b in zip(self.marks, self.marks[1:]))
        self._mark_ends = ends if ordered else None
        self._para_starts = [s for s, _ in self.paras]

    # ---- claims --------------------------------------------------------------------------------

    def claim(self, claim: Claim, *marks: int) -> Claim:
        """Add ``claim``, as the claim of the quoted spans ``marks`` (indices in ``self.marks``).
        Rules add claims only through here, which keeps the position indexes up to date."""
        if claim.cue is not None:
            p = bisect_right(self._para_starts, claim.start) - 1
            if p >= 0 and claim.end <= self.paras[p][1] + 1:
                best = self._last_in_para.get(p)
                if best is None or claim.end > best.end:
                    self._last_in_para[p] = claim
            if claim.kind == "indirect":
                self._indirect_by_end.setdefault(claim.end, []).append((len(self.claims), claim))
        self.claims.append(claim)
        for k in marks:
            self.assigned[k] = claim
        return claim

    def last_claim_in_paragraph(self, p: int) -> Claim | None:
        """The claim with a cue lying within paragraph ``p`` that ends last (the first made of
        those ending at the same place)."""
        return self._last_in_para.get(p)

    def indirect_ending_in(self, lo: int, hi: int, start_from: int) -> Claim | None:
        """The last made indirect claim with a cue that starts at ``start_from`` or later and ends
        in [lo, hi]."""
        best: tuple[int, Claim] | None = None
        for end in range(lo, hi + 1):
            for seq, c in self._indirect_by_end.get(end, ()):
                if c.start >= start_from and (best is None or seq > best[0]):
                    best = (seq, c)
        return best[1] if best is not None else None

    # ---- positions -----------------------------------------------------------------------------

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices covering the characters [start, end), or (0, 0)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return 0, 0
        return span.start, span.end

    def chars(self, ts: int, te: int) -> tuple[int, int]:
        """Character offsets of the tokens [ts, te)."""
        span = self.doc[ts:te]
        return span.start_char, span.end_char

    def cues_in(self, ts: int, te: int) -> list[Cue]:
        """The cues starting at token ``ts`` or later and before ``te``, in text order."""
        return self.cues[bisect_left(self._cue_starts, ts) : bisect_left(self._cue_starts, te)]

    def first_cue_in(self, ts: int, te: int) -> Cue | None:
        """The first cue starting in [ts, te), if any."""
        j = bisect_left(self._cue_starts, ts)
        return self.cues[j] if j < len(self.cues) and self.cues[j].start < te else None

    def any_quoted(self, ts: int, te: int) -> bool:
        """Whether a token in [ts, te) is inside quotation marks."""
        return te > ts and self._quoted_before[te] - self._quoted_before[ts] > 0

    def marks_overlapping(self, start: int, end: int) -> Iterator[int]:
        """Indices of the quoted spans that overlap the characters [start, end), in order."""
        if self._mark_ends is None:
            yield from (k for k, m in enumerate(self.marks) if m.start < end and m.end > start)
            return
        k = bisect_right(self._mark_ends, start)
        while k < len(self.marks) and self.marks[k].start < end:
            yield k
            k += 1

    # ---- shared queries ------------------------------------------------------------------------

    def is_standalone(self, m: QuoteSpan) -> bool:
        """The quote begins its sentence: only space, a colon, a dash or a closed sentence before it."""
        pstart = self.paras[m.paragraph][0]
        before = self.text[pstart : m.start].rstrip()
        if not before:
            return True
        return before[-1] in ".:!?\u2014\u2013-\u201d\"'" or before.endswith("''")

    def is_title(self, m: QuoteSpan) -> bool:
        """A short quoted name in title case after "on"/"in" ('told CNN's Jake Tapper on "State of
        the Union"'): a show or a publication, not words anyone said."""
        words = self.text[m.inner[0] : m.inner[1]].strip(" ,.").split()
        if not words or len(words) > 6:
            return False
        before = self.text[max(0, m.start - 12) : m.start].split()
        if not before or before[-1].lower() not in ("on", "in", "of", "to"):
            return False
        return all(w[:1].isupper() or len(w) <= 3 for w in words)

    def words_outside(self, cs: int, ce: int, inside: list[QuoteSpan]) -> int:
        """Words of the clause [cs, ce) outside the quoted spans (``that`` does not count)."""
        pieces = []
        pos = cs
        for m in sorted(inside, key=lambda m: m.start):
            if m.start > pos:
                pieces.append(self.text[pos : m.start])
            pos = max(pos, m.end)
        if ce > pos:
            pieces.append(self.text[pos:ce])
        words = [w for w in " ".join(pieces).split() if any(ch.isalnum() for ch in w)]
        return len([w for w in words if w.lower() not in ("that", "whether")])

    def attributed_after(self, k: int, other: Cue) -> bool:
        """A quote whose closing ``,"`` ``?"`` or ``!"`` is followed at once by another cue."""
        m = self.marks[k]
        inner = self.text[m.inner[0] : m.inner[1]].rstrip()
        if not inner or inner[-1] not in ",?!":
            return False
        cue, listed = self._cue_after(k)
        if cue is None or not listed or cue.token.i == other.token.i or cue.speaker is None:
            return False  # a verb of saying, not any verb after the mark ('!" The drama follows')
        ts, _ = self.tok_range(m.end, m.end + 1)
        return cue.start - ts <= 3

    def cue_after(self, k: int) -> Cue | None:
        """The cue right after the quoted span ``k`` in its sentence ('"...," said Stoltenberg');
        after a comma inside the closing mark, the first verb whatever it is ('"...," Trump barked')."""
        return self._cue_after(k)[0]

    def _cue_after(self, k: int) -> tuple[Cue | None, bool]:
        """:meth:`cue_after`, and whether the cue is one of ``self.cues``."""
        m = self.marks[k]
        pend = self.paras[m.paragraph][1]
        marks = self.marks
        limit = marks[k + 1].start if k + 1 < len(marks) and marks[k + 1].paragraph == m.paragraph else pend
        inner = self.text[m.inner[0] : m.inner[1]].rstrip()
        after = self.text[m.end : limit].lstrip()
        if inner.endswith(".") and after[:1].isupper():
            return None, False  # '"... mercy to the bully." South Carolina, he said, ...': a new sentence
        ts, te = self.tok_range(m.end, limit)
        if te <= ts:
            return None, False
        te = min(te, sentence(self.doc[ts]).end, ts + AFTER_WINDOW)
        cue = self.first_cue_in(ts, te)
        if cue is not None:
            return cue, True
        if inner and inner[-1] in ",?!—-":
            return self._verb_after(ts, te), False
        return None, False

    def _verb_after(self, ts: int, te: int) -> Cue | None:
        """'"Go back to Univision," Trump barked': a comma inside the closing mark announces the
        attribution, so the first verb after the quote is its cue whatever the verb."""
        for i in range(ts, min(te, ts + 6)):
            tok = self.doc[i]
            if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "parataxis", "ccomp", "conj"):
                speaker = speaker_of(tok, self.quoted)
                if speaker is not None and speaker.i >= ts:
                    return Cue(tok, tok.i, tok.i + 1, speaker, None)
            if i > ts and tok.lower_ in VERB_FORMS and self.doc[i - 1].pos_ in ("NOUN", "PROPN", "NUM"):
                # '"...," the email read': the tagger took the verb for a noun
                return Cue(tok, tok.i, tok.i + 1, self.doc[i - 1], None)
            if tok.pos_ in ("AUX", "ADP", "SCONJ") or tok.is_punct and tok.text not in (",",):
                break
        return None


# Subjects of a verb of saying that tell narration from the words of a quote ('I said', 'we told').
_FIRST_AND_SECOND_PERSON = frozenset("i we you me us".split())


def _end_failed_quote(doc: Doc, text: str, m: QuoteSpan, flattened: bool) -> QuoteSpan:
    """A quote whose mark never closes, and that no next paragraph continues (or only a quote
    run into the same line by flattened copy), ends before the first later sentence attributing
    someone's words in the third person ('"We will not cut a penny. The minister said the budget
    was fixed.'): a reader takes that sentence for narration, so a lost closing mark cannot carry
    the reporter's words (or another source's) into the quote."""
    if m.closed or m.continues and not flattened or not doc.has_annotation("SENT_START"):
        return m
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return m
    i = span.start + 1
    while i < span.end:
        if not doc[i].is_sent_start:
            i += 1
            continue
        sent = doc[i].sent
        if _reports_third_person(sent):
            return _cut_before(doc, text, m, sent.start)
        i = max(sent.end, i + 1)
    return m


def _reports_third_person(sent: Span) -> bool:
    """Whether a sentence has a verb of saying whose subject is not 'I', 'we' or 'you' (narration
    attributing someone's words, not the words of the quote)."""
    for tok in sent:
        if not is_speech_verb(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in _FIRST_AND_SECOND_PERSON:
            return True
    return False


def _cut_before(doc: Doc, text: str, m: QuoteSpan, i: int) -> QuoteSpan:
    """The open quote ``m`` ended before token ``i`` (trailing space trimmed), no longer continued;
    ``m`` unchanged when no more than its opening mark would be left. ``text`` is ``doc.text``,
    read once by the caller: ``doc.text`` joins every token of the article at each read, which
    made an article of many cut quotes quadratic (issue 15)."""
    end = doc[i - 1].idx + len(doc[i - 1].text)
    while end > m.start and text[end - 1].isspace():
        end -= 1
    return replace(m, end=end, continues=False) if end - m.start > m.open_len + 1 else m
