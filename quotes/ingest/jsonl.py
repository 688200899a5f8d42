"""The JSONL reader (``.jsonl``, ``.ndjson``, gzipped or not, and stdin): one document per line,
each bad line reported with its number and skipped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from quotes.ingest.decode import SNIFF_BYTES, clean_str, decode_bytes, looks_binary
from quotes.ingest.document import DOC_FIELDS, json_type, make_document, opt_str
from quotes.ingest.frontmatter import jsonable, nested_deeper_than
from quotes.ingest.lines import numbered_lines
from quotes.ingest.options import MAX_NESTING, MAX_RECORD_BYTES, size_text
from quotes.ingest.problems import Problem, ProblemCallback, Skip
from quotes.records import Document

#: Keys of a record that are not copied to ``meta``.
_NOT_META = (*DOC_FIELDS, "id", "text", "meta", "quotes")


def _decode_line(raw: bytes | str, n: int, source: str, emit: ProblemCallback) -> str | None:
    """The text of line ``n`` (bad UTF-8 decoded with a warning), or None when it is binary."""
    if not isinstance(raw, bytes):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        line, warning, _ = decode_bytes(raw)
    except Skip as exc:  # binary bytes in one line: skip that line, keep reading
        emit(Problem(source, str(exc), line=n))
        return None
    emit(Problem(source, warning or "invalid UTF-8", line=n, fatal=False))
    return line


def _parse_record(line: str, n: int, source: str, emit: ProblemCallback) -> tuple[dict[str, Any], str] | None:
    """``(record, text)`` of a JSONL line, or None (reported) when it is not a usable record."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        emit(Problem(source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=n))
        return None
    except RecursionError:
        emit(Problem(source, f"record nested more than {MAX_NESTING} levels deep", line=n))
        return None
    except ValueError as exc:
        emit(Problem(source, f"invalid JSON: {type(exc).__name__}", line=n))
        return None
    why = None
    if not isinstance(rec, dict):
        why = f"expected a JSON object, got {json_type(rec)}"
    elif "text" not in rec:
        why = 'record has no "text" field'
    elif not isinstance(rec["text"], str):
        why = f'"text" is not a string (got {json_type(rec["text"])})'
    elif not rec["text"].strip():
        why = '"text" is empty'
    elif nested_deeper_than(rec, MAX_NESTING):  # jsonable() and the store recurse into it
        why = f"record nested more than {MAX_NESTING} levels deep"
    if why:
        emit(Problem(source, why, line=n))
        return None
    text, n_sur = clean_str(rec["text"])
    if n_sur:
        emit(Problem(source, f"{n_sur} invalid characters (lone surrogates) replaced with U+FFFD", line=n, fatal=False))
    return rec, text


def _record_document(rec: dict[str, Any], text: str, n: int, *, source: str, stem: str, emit: ProblemCallback) -> Document:
    """The Document of record ``rec`` on line ``n``: fields at the top level or inside ``meta``."""
    inner: dict[str, Any] = rec["meta"] if isinstance(rec.get("meta"), dict) else {}
    fields = {k: rec[k] if rec.get(k) is not None else inner.get(k) for k in DOC_FIELDS}
    meta: dict[str, Any] = {"format": "jsonl"}
    meta.update({str(k): jsonable(v) for k, v in inner.items() if k not in DOC_FIELDS})
    meta.update({k: jsonable(v) for k, v in rec.items() if k not in _NOT_META})
    rid = rec.get("id")
    doc_id = opt_str(rid) if not isinstance(rid, float) else None
    if doc_id is None:
        if rid is not None:
            emit(Problem(source, f'"id" is not a string (got {json_type(rid)}); using line number', line=n, fatal=False))
        doc_id = f"{stem}-{n}"
    return make_document(
        doc_id,
        text,
        fields,
        source=f"{source}#L{n}",
        meta=meta,
        report=lambda msg: emit(Problem(source, msg, line=n, fatal=False)),
    )


def jsonl_documents(
    lines: Iterable[bytes | str],
    *,
    source: str,
    stem: str,
    emit: ProblemCallback,
    max_record_bytes: int = MAX_RECORD_BYTES,
    if_empty: str | None = None,
) -> Iterator[Document]:
    """Documents from JSONL lines (a binary stream or an iterable of lines); a bad line is
    reported with its number and skipped, and so is a line longer than ``max_record_bytes``.
    ``if_empty``: the problem to report when there is no line that is not blank."""
    empty = True
    for n, raw in numbered_lines(lines, max_record_bytes):
        if raw is None:
            too_long = f"line longer than {size_text(max_record_bytes)}, the limit for one record (--max-record-mb)"
            emit(Problem(source, too_long, line=n))
            empty = False
            continue
        line = _decode_line(raw, n, source, emit)
        if line is None:
            empty = False
            continue
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        empty = False
        parsed = _parse_record(line, n, source, emit)
        if parsed is not None:
            yield _record_document(*parsed, n, source=source, stem=stem, emit=emit)
    if empty and if_empty:
        emit(Problem(source, if_empty))


def jsonl_file(path: Path, stem: str, emit: ProblemCallback, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Document]:
    """A JSONL file (gzipped when it ends in ``.gz``), streamed line by line."""
    import gzip
    import zlib

    src = str(path)
    with path.open("rb") as raw:
        fh = cast(IO[bytes], gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw)
        try:
            why = looks_binary(fh.peek(SNIFF_BYTES)[:SNIFF_BYTES])  # type: ignore[attr-defined]
            if why:
                raise Skip(why)
            # Blank lines may run for gigabytes before the first record: read on to know.
            yield from jsonl_documents(
                fh, source=src, stem=stem, emit=emit, max_record_bytes=max_record_bytes, if_empty="empty file"
            )
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            emit(Problem(src, f"damaged gzip data ({type(exc).__name__}); the lines before it were read"))
