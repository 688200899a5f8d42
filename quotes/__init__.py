"""quotes: find quotations in news articles, say who said them, in what role, and where else they appear."""

from __future__ import annotations

from quotes.errors import InputError, QuotesError, UsageError
from quotes.records import KINDS, Document, Quote

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
]


def __getattr__(name: str):
    # Importing spaCy costs a second; load the extractor only when it is asked for.
    if name == "extract_quotes":
        from quotes.attribution import extract_quotes

        return extract_quotes
    raise AttributeError(name)
