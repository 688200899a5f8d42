"""Building a :class:`~quotes.records.Document` from the fields a reader found (title, outlet,
date, url, author), with one warning per field that is not usable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as _date
from datetime import datetime
from typing import Any

from quotes.ingest.dates import parse_date
from quotes.ingest.decode import clean_str, no_surrogates
from quotes.records import Document

#: The metadata fields a Document has; everything else a reader finds goes to ``meta``.
DOC_FIELDS = ("title", "outlet", "date", "url", "author")


def opt_str(value: Any) -> str | None:
    """A non-empty string from a scalar (numbers as text), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = clean_str(value)[0].strip()
        return value or None
    return None


def _joined_bylines(raw: Any) -> Any:
    """Several bylines (a list of names) as one ``author`` string; anything else unchanged."""
    if isinstance(raw, list) and raw and all(isinstance(a, str) for a in raw):
        return ", ".join(a.strip() for a in raw if a.strip())
    return raw


def _checked_date(value: str, meta: dict[str, Any], report: Callable[[str], None]) -> str | None:
    """``value`` as an ISO date, or None with a warning (the raw value kept in meta)."""
    iso = parse_date(value)
    if iso is None:
        report(f"date {value!r} is not a recognizable date; kept in meta['date_raw']")
        meta["date_raw"] = value
    return iso


def _field_value(name: str, raw: Any, meta: dict[str, Any], report: Callable[[str], None]) -> str | None:
    """The value of field ``name`` from what the reader found (``raw``), or None with a warning."""
    if name == "author":
        raw = _joined_bylines(raw)
    value = opt_str(raw) if not isinstance(raw, (_date, datetime)) else raw.isoformat()
    if raw is not None and value is None and not (isinstance(raw, str) and not raw.strip()):
        report(f"{name!r} is not a string; ignored")
    if name == "date" and value is not None:
        value = _checked_date(value, meta, report)
    return value


def make_document(
    doc_id: str,
    text: str,
    fields: dict[str, Any],
    *,
    source: str,
    meta: dict[str, Any],
    report: Callable[[str], None],
) -> Document:
    """A Document from ``fields`` (title, outlet, date, url, author); ``report`` takes warnings."""
    kw = {name: _field_value(name, fields.get(name), meta, report) for name in DOC_FIELDS}
    # File names undecodable as UTF-8 and JSON "\\ud800" escapes give lone surrogates, which
    # SQLite and UTF-8 output refuse; the text itself was cleaned by its reader.
    return Document(
        id=no_surrogates(doc_id), text=text, source=no_surrogates(source), meta=no_surrogates(meta),
        **no_surrogates(kw),
    )  # fmt: skip


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return names.get(type(value), "null")
