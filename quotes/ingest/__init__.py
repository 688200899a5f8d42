"""Document readers: turn paths (text, Markdown, JSONL, HTML, WARC, directories, stdin) into
:class:`~quotes.records.Document` records, one at a time.

Bad input never raises: every file or line that cannot be read is reported as a :class:`Problem`
to the ``on_problem`` callback and skipped, and the rest of the input is still read. Problems with
``fatal=False`` are warnings about a document that *was* read (e.g. it was decoded as
Windows-1252, or invalid UTF-8 bytes were replaced).

Plain text without front matter gets its outlet, date, dateline, byline and headline guessed
from the lines a news article prints (:func:`guess_metadata`); the guessed fields are listed in
``Document.meta["guessed"]`` so nobody mistakes them for metadata the publisher gave.

Modules, one job each: :mod:`~quotes.ingest.sources` (paths to readers), :mod:`.paths` (file
kinds, directory walking), :mod:`.text`, :mod:`.jsonl`, :mod:`.html`, :mod:`.warc` (the readers),
:mod:`.decode` (bytes to text), :mod:`.frontmatter`, :mod:`.guess` (metadata printed in plain
text), :mod:`.dates`, :mod:`.document` (fields to a Document) and :mod:`.problems`.
"""

from quotes.ingest.dates import parse_date
from quotes.ingest.decode import SNIFF_BYTES, decode_bytes
from quotes.ingest.guess import KNOWN_OUTLETS, guess_metadata
from quotes.ingest.paths import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    MAX_FILE_BYTES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
)
from quotes.ingest.problems import Problem, ProblemCallback
from quotes.ingest.sources import iter_documents

__all__ = [
    "Problem",
    "ProblemCallback",
    "TEXT_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "JSONL_SUFFIXES",
    "HTML_SUFFIXES",
    "WARC_SUFFIXES",
    "MAX_FILE_BYTES",
    "SNIFF_BYTES",
    "KNOWN_OUTLETS",
    "iter_documents",
    "guess_metadata",
    "parse_date",
    "decode_bytes",
]
