"""Attribution: which words are quoted, by whom, through which cue.

The modules, in the order a document goes through them:

- :mod:`~quotes.attribution.focus`: which paragraphs need parsing at all;
- :mod:`~quotes.attribution.marks`: quotation marks paired into quoted spans, on raw text;
- :mod:`~quotes.attribution.cues`: reporting verbs and phrases, their speaker token and reported clause;
- :mod:`~quotes.attribution.mentions`: the speaker mention around that token, and its printed role;
- :mod:`~quotes.attribution.people`: the article's people, who a mention refers to;
- :mod:`~quotes.attribution.pipeline`: the rules that pair quotes with cues (:func:`extract_quotes`);
- :mod:`~quotes.attribution.resolve`: the speaker fields of a record;
- :mod:`~quotes.attribution.documents`: streams of documents in, records out (:func:`extract_documents`).
"""

from __future__ import annotations

from quotes.attribution.documents import EXTRACTOR_VERSION, extract_documents, load_gazetteer
from quotes.attribution.pipeline import extract_quotes

__all__ = ["EXTRACTOR_VERSION", "extract_documents", "extract_quotes", "load_gazetteer"]
