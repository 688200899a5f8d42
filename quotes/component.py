"""The spaCy pipeline component: ``nlp.add_pipe("quotes")`` after the parser and NER.

Registered through the ``spacy_factories`` entry point, so no import is needed. It calls
:func:`quotes.attribution.extract_quotes` and stores the records in ``doc._.quotes`` and their spans in
``doc.spans[spans_key]`` (span label = quote kind).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_SPANS_KEY = "quotes"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


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
        self._gazetteer: Any = None

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None and self.use_gazetteer:
            from quotes.attribution.documents import load_gazetteer

            self._gazetteer = load_gazetteer(self.gazetteer_files)
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        from quotes.attribution import extract_quotes

        date = None
        if self.date_attr and Doc.has_extension(self.date_attr):
            date = getattr(doc._, self.date_attr)
        records = extract_quotes(doc, gazetteer=self.gazetteer, date=date)
        doc._.quotes = records
        spans = []
        for q in records:
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "quotes",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.quotes", f"doc.spans"],
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
    """Factory for the ``quotes`` component (keyword-only options, as spaCy components take them)."""
    return QuotesComponent(
        nlp, name, spans_key=spans_key, gazetteer=gazetteer, use_gazetteer=use_gazetteer, date_attr=date_attr
    )
