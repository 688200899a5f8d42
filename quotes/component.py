"""The spaCy pipeline component: ``nlp.add_pipe("quotes")`` after the parser and NER.

Registered through the ``spacy_factories`` entry point, so no import is needed. It calls
:func:`quotes.attribution.extract_quotes` and sets, on each ``Doc``:

- ``doc._.quotes``: the frozen :class:`~quotes.records.Quote` records, in text order, with
  character offsets into ``doc.text``;
- ``doc.spans["quotes"]`` (``spans_key``): one span per quote, labelled with its kind;
- ``doc.spans["quotes_speakers"]`` and ``doc.spans["quotes_cues"]``: the speaker mention and the
  cue of each quote that has one, labelled with the speaker's resolved name (resp. the kind).

The date that resolves a title to the person holding it (``the NATO secretary-general`` is
Stoltenberg in 2020, Rutte in 2025) comes from ``doc._.quotes_date`` (ISO 8601) when set, else
from the ``date:`` of YAML front matter at the start of the text, else from the Doc extension
named by ``date_attr``. Front matter itself is never a quote.

Adding the component also prepares the pipeline the way ``quotes`` parses news copy: a line
break starts a sentence (headlines, datelines and bylines are lines without final punctuation;
the ``paragraph_sentences`` component goes before the parser) and a quotation mark glued to a
word is a token of its own. :func:`quotes.load` returns that pipeline ready made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotes.errors import ComponentError
from quotes.records import Quote

if TYPE_CHECKING:
    from quotes.gazetteer import GazetteerLike

DEFAULT_SPANS_KEY = "quotes"
DATE_ATTR = "quotes_date"

for _name in ("quotes", DATE_ATTR):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

NEEDS = (
    "the quotes component needs a dependency parse and named entities: add it after the 'parser' "
    "and 'ner' of an English pipeline, e.g. nlp = quotes.load() or spacy.load('en_core_web_sm')"
)
_OFFSET_FIELDS = ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end")


class QuotesComponent:
    """Finds quotations, their speakers and roles in each document."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quotes",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        gazetteer: list[str] | None = None,
        use_gazetteer: bool = True,
        date_attr: str | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.gazetteer_files = list(gazetteer or [])
        self.use_gazetteer = use_gazetteer
        self.date_attr = date_attr
        self._gazetteer: GazetteerLike | None = None

    @property
    def gazetteer(self) -> GazetteerLike | None:
        """The bundled gazetteer with the component's files, loaded on first use; None with
        ``use_gazetteer=False``."""
        if self._gazetteer is None and self.use_gazetteer:
            from quotes.attribution.documents import load_gazetteer

            self._gazetteer = load_gazetteer(self.gazetteer_files)
        return self._gazetteer

    def _date(self, doc: Doc, front_date: str | None) -> str | None:
        date = doc._.get(DATE_ATTR)
        if date is None:
            date = front_date
        if date is None and self.date_attr and Doc.has_extension(self.date_attr):
            date = doc._.get(self.date_attr)
        return None if date is None else str(date)

    def __call__(self, doc: Doc) -> Doc:
        from quotes.attribution import extract_quotes

        if len(doc) and not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")):
            raise ComponentError(NEEDS)
        offset, front_date = front_matter(doc.text)
        body = doc
        if offset:
            first = next((t.i for t in doc if t.idx >= offset), len(doc))
            body = doc[first:].as_doc()
            offset = doc[first].idx if first < len(doc) else len(doc.text)
        records = extract_quotes(body, gazetteer=self.gazetteer, date=self._date(doc, front_date))
        if offset:
            records = [shift(q, offset) for q in records]
        doc._.quotes = records
        doc.spans[self.spans_key] = _spans(doc, records, "start", "end", lambda q: q.kind)
        doc.spans[self.spans_key + "_speakers"] = _spans(
            doc, records, "speaker_start", "speaker_end", lambda q: q.speaker_name or q.speaker or ""
        )
        doc.spans[self.spans_key + "_cues"] = _spans(doc, records, "cue_start", "cue_end", lambda q: q.kind)
        return doc


def shift(quote: Quote, offset: int) -> Quote:
    """``quote`` with its character offsets moved by ``offset``."""
    return replace(quote, **{f: getattr(quote, f) + offset for f in _OFFSET_FIELDS if getattr(quote, f) is not None})


def _spans(doc: Doc, records: list[Quote], start: str, end: str, label: Callable[[Quote], str]) -> list[Span]:
    """One span per record from its ``start``/``end`` offset fields (records without them skipped),
    labelled by ``label``."""
    spans = []
    for q in records:
        s, e = getattr(q, start), getattr(q, end)
        if s is None or e is None:
            continue
        span = doc.char_span(s, e, label=label(q), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def front_matter(text: str) -> tuple[int, str | None]:
    """Where the body starts after YAML front matter (0 without), and the front matter's date."""
    from quotes.ingest.dates import parse_date
    from quotes.ingest.frontmatter import split_front_matter

    fields, body, _ = split_front_matter(text)
    if fields is None:
        return 0, None
    date = fields.get("date")
    return len(text) - len(body), parse_date(date) if date is not None else None


@Language.factory(
    "quotes",
    requires=["token.dep", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.quotes", "doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "gazetteer": [], "use_gazetteer": True, "date_attr": None},
)
def make_quotes(
    nlp: Language,
    name: str,
    *,
    spans_key: str,
    gazetteer: list[str],
    use_gazetteer: bool,
    date_attr: str | None,
) -> QuotesComponent:
    """Factory for the ``quotes`` component (keyword-only options, as spaCy components take them).

    Also starts a sentence at each line break (before the parser) and splits quotation marks
    glued to words in the tokenizer, as the ``quotes`` command line parses.
    """
    from quotes.model import add_paragraph_sentences, add_quote_infixes

    add_quote_infixes(add_paragraph_sentences(nlp))
    return QuotesComponent(
        nlp, name, spans_key=spans_key, gazetteer=gazetteer, use_gazetteer=use_gazetteer, date_attr=date_attr
    )
