"""Quote extraction on a parsed article: quotation marks + reporting cues + speakers ->
:class:`~quotes.records.Quote`.

The attribution rules (:data:`quotes.attribution.rules.RULES`, in the order they run) make claims
over a shared :class:`~quotes.attribution.context.Context`; an overlap policy
(:mod:`quotes.attribution.overlaps`) decides which of them become quotes; the parts of one
quotation are linked into a group (:mod:`quotes.attribution.groups`); and each quote's speaker
mention is resolved to a person (:mod:`quotes.attribution.resolve`, :mod:`quotes.resolution`).
"""

from __future__ import annotations

from typing import Any, Sequence

from spacy.tokens import Doc

from quotes.attribution.context import Claim, Context
from quotes.attribution.groups import link_groups
from quotes.attribution.marks import paragraphs
from quotes.attribution.overlaps import OverlapPolicy, marks_first
from quotes.attribution.people import ArticlePeople, person_spans
from quotes.attribution.resolve import Attribution, SpeakerResolution
from quotes.attribution.tokens import TokenTable
from quotes.attribution.rules import RULES, Rule
from quotes.gazetteer import GazetteerLike
from quotes.records import Quote

_TITLE_WORDS: dict[int, tuple[GazetteerLike, frozenset[str]]] = {}


def _title_words(gazetteer: GazetteerLike | None) -> frozenset[str]:
    """The gazetteer's title lexicon, computed once per gazetteer object."""
    if gazetteer is None:
        return frozenset()
    hit = _TITLE_WORDS.get(id(gazetteer))
    if hit is None or hit[0] is not gazetteer:
        hit = (gazetteer, frozenset(gazetteer.title_words()))
        _TITLE_WORDS[id(gazetteer)] = hit
    return hit[1]


def extract_quotes(
    doc: Doc,
    *,
    gazetteer: GazetteerLike | None = None,
    date: str | None = None,
    name_hints: Sequence[Any] = (),
    author: str | None = None,
    rules: Sequence[Rule] = RULES,
    overlaps: OverlapPolicy = marks_first,
    text: str | None = None,
) -> list[Quote]:
    """Every quotation in a parsed ``doc``, in text order, as frozen records.

    ``doc`` needs a dependency parse and entities (any English spaCy pipeline with parser and ner).
    ``gazetteer`` (see :mod:`quotes.gazetteer`) canonicalizes names and resolves title-only
    mentions at ``date`` (ISO 8601, the article's date); ``author`` is the byline (first-person
    copy's ``I``; never a third-person pronoun's referent). ``rules`` and ``overlaps`` replace
    the attribution rules and the overlap policy (for experiments; the defaults are what the CLI
    runs). ``text`` is ``doc.text`` when the caller has it at hand: spaCy rebuilds ``doc.text``
    from every token at each read, as much as a tenth of the rules' time.
    """
    if text is not None and len(text) != _text_length(doc):
        raise ValueError(f"text has {len(text)} characters, the doc {_text_length(doc)}")
    return _Extraction(doc, gazetteer, date, name_hints, author, text).run(rules, overlaps)


def _text_length(doc: Doc) -> int:
    """The length of ``doc.text``, read from its last token."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


class _Extraction(SpeakerResolution):
    def __init__(
        self, doc: Doc, gazetteer: GazetteerLike | None, date: str | None, name_hints: Sequence[Any] = (),
        author: str | None = None, text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.gazetteer = gazetteer
        self.date = date
        self.title_words = _title_words(gazetteer)
        ents = list(doc.ents)  # doc.ents builds every span at each read: read once, shared
        self.table = TokenTable(doc)  # the token attributes the start-up passes test, read once, shared
        self.persons = person_spans(ents)  # cut at a spaced dash the tagger ran a name across
        self.people = ArticlePeople(doc, self.title_words, self.persons)
        for hint in name_hints:  # people named in paragraphs that were not parsed (quotes.attribution.focus)
            if hint.kind == "person":
                self.people.add_hint(hint.name, hint.start, hint.role)
        self.paras = list(paragraphs(self.text))
        from quotes.resolution import Resolver  # quotes.resolution reads the attribution lexicon

        self.resolver = Resolver(doc, self.people, self.persons, gazetteer=gazetteer, date=date, author=author,
                                 title_words=self.title_words, hints=name_hints, ents=ents,
                                 text=self.text, table=self.table)

    def run(self, rules: Sequence[Rule] = RULES, overlaps: OverlapPolicy = marks_first) -> list[Quote]:
        """Apply the rules in order, keep what the overlap policy keeps, link parts, resolve speakers."""
        ctx = Context.of(self.doc, self.paras, self.text, self.table)
        for rule in rules:
            rule.apply(ctx)
        claims = overlaps(ctx.claims, ctx)
        link_groups(claims, ctx)
        return self._records(claims)

    # ---- speakers ----------------------------------------------------------------------------

    def _records(self, claims: list[Claim]) -> list[Quote]:
        resolved: dict[int, Attribution] = {}
        out: list[Quote] = []
        group_index: dict[int, int] = {}
        group_sizes: dict[int, int] = {}
        for c in claims:
            if c.group is not None:
                group_sizes[c.group] = group_sizes.get(c.group, 0) + 1
        group_seen: dict[int, int] = {}
        def info_for(c: Claim, depth: int = 0) -> Attribution:
            if id(c) in resolved:
                return resolved[id(c)]
            info = Attribution()
            if c.cue is not None:
                info = self._attribution(c)
            elif c.inherit_from is not None and depth < 8:
                # A quote with no cue of its own shares the attribution of the quote it continues,
                # mention and cue included, as news annotation links the parts of one quotation.
                info = info_for(c.inherit_from, depth + 1).continued()
            resolved[id(c)] = info
            return info

        for c in claims:
            info = info_for(c)
            part = None
            group = None
            if c.group is not None:
                if c.group not in group_index:
                    group_index[c.group] = len(out)
                group = group_index[c.group]
                group_seen[c.group] = group_seen.get(c.group, 0) + 1
                part = (group_seen[c.group], group_sizes[c.group])
            start, end = self._trim_span(c.start, c.end)
            if end <= start:
                continue
            out.append(
                Quote(
                    start=start,
                    end=end,
                    text=self.text[start:end],
                    kind=c.kind,
                    group=group,
                    part=part,
                    **info.record_fields(),
                )
            )
        return out

    def _trim_span(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end
