"""Who a quote's speaker mention refers to: the name, the article's person, the gazetteer's
person and the role, from the cue's speaker token.

Mixed into :class:`quotes.attribution.pipeline._Extraction`, which holds the parsed ``doc``, the
article's people and the gazetteer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from quotes.attribution.mentions import RELATIVE_PRONOUNS, clean, mention_for
from quotes.attribution.people import ArticlePeople
from quotes.gazetteer import GazetteerLike

if TYPE_CHECKING:
    from quotes.resolution import Resolver


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

    def _speaker_info(self, c: Any) -> dict[str, Any]:
        cue = c.cue
        assert cue is not None
        doc = self.doc
        cue_span = doc[cue.start : cue.end]
        info: dict[str, Any] = {
            "cue": clean(cue_span.text),
            "cue_start": cue_span.start_char,
            "cue_end": cue_span.end_char,
        }
        if cue.speaker is None:
            return info
        mention = mention_for(cue.speaker)
        span = mention.span(doc)
        sc, ec = span.start_char, span.end_char
        while sc < ec - 1 and (self.text[sc] in "-\u2013\u2014" or self.text[sc].isspace()):
            sc += 1  # '-Commissioner Geoffrey Starks': the dash of a dash attribution is not the name
        while ec > sc + 1 and self.text[ec - 1].isspace():
            ec -= 1
        info.update(speaker=self.text[sc:ec], speaker_start=sc, speaker_end=ec)
        head = doc[mention.head]
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
            # "Franklin Graham, who vowed ...": the mention is "who", the name is its antecedent's
            mention = mention_for(head.head.head)
            span = mention.span(doc)
            head = doc[mention.head]
        # who the mention is: the article's cast first, then the gazetteer (quotes.resolution)
        info.update(self.resolver.resolve(span, head, mention.kind))
        return info
