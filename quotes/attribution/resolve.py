"""Who a quote's speaker mention refers to: the name, the article's person, the gazetteer's
person and the role, from the cue's speaker token.

Mixed into :class:`quotes.attribution.pipeline._Extraction`, which holds the parsed ``doc``, the
article's people and the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from quotes.attribution.context import Claim
from quotes.attribution.mentions import RELATIVE_PRONOUNS, clean, mention_for
from quotes.attribution.people import ArticlePeople
from quotes.gazetteer import GazetteerLike

if TYPE_CHECKING:
    from quotes.resolution import Resolver


@dataclass(frozen=True, slots=True)
class Attribution:
    """The attribution fields of one quote's record: the cue, the speaker mention as printed
    (offsets index the article's text), and who it resolves to (``quotes.resolution``). Every
    field is None (``is_person`` False) when the quote has no cue or no speaker."""

    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_id: str | None = None
    role: str | None = None
    role_normalized: str | None = None
    organization: str | None = None
    resolved_by: str | None = None
    confidence: float | None = None
    is_person: bool = False  # resolved to a person (salience), not written to the record

    def record_fields(self) -> dict[str, Any]:
        """The fields of a :class:`~quotes.records.Quote` this gives: all but ``is_person``; a
        quote nobody is resolved for is ``unattributed`` with confidence 0."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "is_person"}
        out["resolved_by"] = self.resolved_by or "unattributed"
        out["confidence"] = self.confidence if self.resolved_by else 0.0
        return out

    def continued(self) -> Attribution:
        """The attribution of a quote with no cue of its own that continues this one: the same
        cue, mention and speaker, resolved by ``continuation`` with at most its confidence."""
        if not self.speaker and not self.speaker_name:
            return self
        from quotes.resolution import CONFIDENCE

        return replace(self, resolved_by="continuation",
                       confidence=round(min(CONFIDENCE["continuation"], self.confidence or 1.0), 2))


class SpeakerResolution:
    """The speaker fields of a record (``speaker``, ``speaker_name``, ``speaker_id``, ``role`` ...)."""

    doc: Doc
    text: str
    gazetteer: GazetteerLike | None
    date: str | None
    title_words: frozenset[str]
    persons: list[Span]
    people: ArticlePeople
    resolver: Resolver

    def _attribution(self, c: Claim) -> Attribution:
        """The attribution of a claim with a cue: the cue, its speaker mention (the dash before
        a signature and trailing space left out) and whom the mention resolves to."""
        cue = c.cue
        assert cue is not None
        doc = self.doc
        cue_span = doc[cue.start : cue.end]
        info = Attribution(cue=clean(cue_span.text), cue_start=cue_span.start_char, cue_end=cue_span.end_char)
        if cue.speaker is None:
            return info
        mention = mention_for(cue.speaker)
        span = mention.span(doc)
        sc, ec = span.start_char, span.end_char
        while sc < ec - 1 and (self.text[sc] in "-\u2013\u2014" or self.text[sc].isspace()):
            sc += 1  # '-Commissioner Geoffrey Starks': the dash of a dash attribution is not the name
        while ec > sc + 1 and self.text[ec - 1].isspace():
            ec -= 1
        info = replace(info, speaker=self.text[sc:ec], speaker_start=sc, speaker_end=ec)
        head = doc[mention.head]
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
            # "Franklin Graham, who vowed ...": the mention is "who", the name is its antecedent's
            mention = mention_for(_named_antecedent(head.head.head))
            span = mention.span(doc)
            head = doc[mention.head]
        # who the mention is: the article's cast first, then the gazetteer (quotes.resolution)
        return replace(info, **self.resolver.resolve(span, head, mention.kind))


def _named_antecedent(tok: Token) -> Token:
    """The antecedent of a relative ``who``: a description in apposition to a name stands for
    that name ("Armin Laschet, the leader of the opposition, who suggested ...": news copy
    names a source, describes them, then reports them, and the source is the name)."""
    if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.ent_type_ == "PERSON" and tok.head.pos_ == "PROPN":
        return tok.head
    return tok
