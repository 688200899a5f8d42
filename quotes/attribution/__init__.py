"""Attribution: which words are quoted, by whom, through which cue.

The modules, in the order a document goes through them:

- :mod:`~quotes.attribution.focus`: which paragraphs need parsing at all;
- :mod:`~quotes.attribution.marks`: quotation marks paired into quoted spans, on raw text;
- :mod:`~quotes.attribution.cues`: reporting verbs and phrases and their reported clause;
- :mod:`~quotes.attribution.sources`: who speaks for a cue (ordered subject strategies);
- :mod:`~quotes.attribution.context`: what the rules share (marks, cues, claims, position indexes);
- :mod:`~quotes.attribution.rules`: the attribution rules, in the order they run (``RULES``);
- :mod:`~quotes.attribution.overlaps`: which overlapping claims become quotes (a swappable policy);
- :mod:`~quotes.attribution.groups`: the parts of one quotation;
- :mod:`~quotes.attribution.mentions`: the speaker mention around a speaker token, its printed role;
- :mod:`~quotes.attribution.people` and :mod:`~quotes.attribution.resolve`: who a mention is
  (with :mod:`quotes.resolution`);
- :mod:`~quotes.attribution.pipeline`: all of it on one parsed Doc (:func:`extract_quotes`);
- :mod:`~quotes.attribution.documents`: streams of documents in, records out (:func:`extract_documents`).

The words they use (verbs of saying, roles, honorifics, marks) are in :mod:`quotes.lexicon`.
"""

from __future__ import annotations

from quotes.attribution.documents import EXTRACTOR_VERSION, extract_documents, load_gazetteer
from quotes.attribution.pipeline import extract_quotes

__all__ = ["EXTRACTOR_VERSION", "extract_documents", "extract_quotes", "load_gazetteer"]
