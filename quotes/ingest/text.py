"""The text and Markdown reader: optional YAML front matter, guessed metadata without it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from quotes.ingest.decode import decode_bytes
from quotes.ingest.document import DOC_FIELDS, make_document
from quotes.ingest.frontmatter import split_front_matter
from quotes.ingest.guess import guess_metadata
from quotes.ingest.problems import Problem, ProblemCallback, Skip
from quotes.records import Document

_GUESSABLE = ("title", "outlet", "date", "author", "dateline")
_MD_HEADING = re.compile(r"^#{1,2}[ \t]+(\S[^\n]*?)[ \t#]*\r?$", re.MULTILINE)


def _fill_guessed(body: str, fields: dict[str, Any], meta: dict[str, Any], *, markdown: bool) -> None:
    """Fill the fields the front matter did not give from what the article prints, and record
    which ones were guessed and from which line (``meta["guessed"]``, ``meta["guessed_from"]``)."""
    wanted = [f for f in _GUESSABLE if fields.get(f) in (None, "") and not meta.get(f)]
    if not wanted:
        return
    guess = guess_metadata(body)
    if markdown and "title" not in guess:
        # A Markdown article's first heading is its headline.
        heading = _MD_HEADING.search(body[:2000])
        if heading:
            guess["title"] = heading.group(1)
            guess["evidence"]["title"] = heading.group(0).strip()
    filled = [f for f in wanted if f in guess]
    for f in filled:
        if f == "dateline":
            meta["dateline"] = guess[f]
        else:
            fields[f] = guess[f]
    if filled:
        meta["guessed"] = filled
        meta["guessed_from"] = {f: guess["evidence"][f] for f in filled}


def text_document(path: Path, data: bytes, *, markdown: bool, emit: ProblemCallback) -> Document | None:
    """A text or Markdown file (optional YAML front matter; guessed metadata without it)."""
    src = str(path)
    text, warning, encoding = decode_bytes(data)
    if warning:
        emit(Problem(src, warning, fatal=False))
    fm, body, fm_warning = split_front_matter(text)
    if fm_warning:
        emit(Problem(src, fm_warning, fatal=False))
    if not body.strip():
        raise Skip("empty file" if fm is None else "no text after the front matter")
    fm = fm or {}
    meta: dict[str, Any] = {k: v for k, v in fm.items() if k not in DOC_FIELDS}
    meta["format"] = "markdown" if markdown else "text"
    if encoding != "utf-8":
        meta["encoding"] = encoding
    fields = {k: fm.get(k) for k in DOC_FIELDS}
    _fill_guessed(body, fields, meta, markdown=markdown)
    return make_document(
        path.stem,
        body,
        fields,
        source=src,
        meta=meta,
        report=lambda msg: emit(Problem(src, msg, fatal=False)),
    )
