"""What the attribution rules share: the article, its quoted spans and cues, the claims made so far.

A :class:`Context` is built once per parsed article. The rules of :mod:`quotes.attribution.rules`
read it and add :class:`Claim` s to it; the overlap policy (:mod:`quotes.attribution.overlaps`)
and the speaker resolution turn the claims into records. The queries here are the ones several
rules ask ("is this quote the start of its sentence?", "which cue follows this closing mark?").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from quotes.attribution.cues import VERB_FORMS, Cue, find_cues
from quotes.attribution.marks import QuoteSpan, find_quote_spans, paragraphs
from quotes.attribution.sources import speaker_of

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

    @classmethod
    def of(cls, doc: Doc, paras: list[tuple[int, int]] | None = None) -> "Context":
        """Pair the quotation marks of ``doc`` and find its cues (the rules' raw material)."""
        text = doc.text
        marks = find_quote_spans(text)
        quoted: set[int] = set()
        ctx = cls(doc, text, paras if paras is not None else list(paragraphs(text)), marks, frozenset(), [])
        for m in marks:
            ts, te = ctx.tok_range(m.start, m.end)
            quoted.update(range(ts, te))
        ctx.quoted = frozenset(quoted)
        ctx.cues = find_cues(doc, ctx.quoted)
        return ctx

    # ---- claims --------------------------------------------------------------------------------

    def claim(self, claim: Claim, *marks: int) -> Claim:
        """Add ``claim``, as the claim of the quoted spans ``marks`` (indices in ``self.marks``)."""
        self.claims.append(claim)
        for k in marks:
            self.assigned[k] = claim
        return claim

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
        cue = self.cue_after(k)
        if cue is None or cue not in self.cues or cue.token.i == other.token.i or cue.speaker is None:
            return False  # a verb of saying, not any verb after the mark ('!" The drama follows')
        ts, _ = self.tok_range(m.end, m.end + 1)
        return cue.start - ts <= 3

    def cue_after(self, k: int) -> Cue | None:
        """The cue right after the quoted span ``k`` in its sentence ('"...," said Stoltenberg');
        after a comma inside the closing mark, the first verb whatever it is ('"...," Trump barked')."""
        m = self.marks[k]
        pend = self.paras[m.paragraph][1]
        marks = self.marks
        limit = marks[k + 1].start if k + 1 < len(marks) and marks[k + 1].paragraph == m.paragraph else pend
        inner = self.text[m.inner[0] : m.inner[1]].rstrip()
        after = self.text[m.end : limit].lstrip()
        if inner.endswith(".") and after[:1].isupper():
            return None  # '"... mercy to the bully." South Carolina, he said, ...': a new sentence
        ts, te = self.tok_range(m.end, limit)
        if te <= ts:
            return None
        te = min(te, self.doc[ts].sent.end, ts + AFTER_WINDOW)
        for cue in self.cues:
            if ts <= cue.start < te:
                return cue
        if inner and inner[-1] in ",?!—-":
            return self._verb_after(ts, te)
        return None

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
