"""Writing quotes out: citation CSV, JSON/JSONL records, CSL-JSON sources, terminal tables.

CSV follows RFC 4180 (the csv module, CRLF line ends, UTF-8; ``excel=True`` adds a BOM so
Excel reads UTF-8). Text cells a spreadsheet would run as a formula (first character ``=``,
``+``, ``-``, ``@``, tab or CR) are defused with a leading ``'``; a cell that itself starts
with ``'`` gets one too, so :func:`read_csv` can undo it exactly.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, TextIO

from quotes.records import Document, Quote
from quotes.store import StoredQuote

CSV_COLUMNS: tuple[str, ...] = (
    "id", "text", "kind", "speaker_name", "speaker", "role", "organization", "outlet", "date",
    "title", "url_or_source", "start", "end", "cue", "cluster_id", "resolved_by", "confidence", "citation",
    "corrected",
)  # fmt: skip
EXTRACT_COLUMNS: tuple[str, ...] = ("doc_id", *(f.name for f in fields(Quote)))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
PART_JOINER = " … "
CORRECTED_MARK = "*"  # after the id in tables: a reader corrected the record (quotes.corrections)


# ---- cells and citations ----------------------------------------------------------------------


def defuse(value: Any) -> Any:
    """Make a text cell inert in spreadsheets; numbers and None pass through."""
    if isinstance(value, str) and value and (value[0] in FORMULA_START or value[0] == "'"):
        return "'" + value
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates (JSON ``\\ud800`` escapes read from a user's file) as U+FFFD:
    UTF-8 output cannot encode them."""
    return _SURROGATE.sub("\ufffd", text)


def undefuse(value: str) -> str:
    """Inverse of :func:`defuse` on a cell read back from CSV."""
    return value[1:] if value.startswith("'") else value


def date_parts(value: str | None) -> list[int] | None:
    """[year, month, day] (as far as given) of an ISO 8601 date or datetime, else None."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    parts = [int(p) for p in m.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def long_date(value: str | None) -> str | None:
    """``2020-10-22T09:31`` -> ``22 October 2020`` (partial dates as far as given)."""
    parts = date_parts(value)
    if not parts:
        return value or None
    words = [str(parts[0])]
    if len(parts) > 1:
        words.insert(0, MONTHS[parts[1] - 1])
    if len(parts) > 2:
        words.insert(0, str(parts[2]))
    return " ".join(words)


def citation(sq: StoredQuote) -> str:
    """``Jens Stoltenberg, quoted in "Title", Anadolu Agency, 22 October 2020`` (parts that are
    unknown are left out)."""
    q, a = sq.quote, sq.article
    who = q.speaker_name or q.speaker or "Unattributed"
    source = f'"{a.title}"' if a.title else (a.url or a.source or a.doc_id)
    pieces = [f"{who}, quoted in {source}", a.outlet, long_date(a.date)]
    return ", ".join(p for p in pieces if p)


def csv_row(sq: StoredQuote) -> dict[str, Any]:
    """One citation-CSV row (before defusing)."""
    q, a = sq.quote, sq.article
    return {
        "id": sq.id, "text": q.text, "kind": q.kind, "speaker_name": q.speaker_name, "speaker": q.speaker,
        "role": q.role, "organization": q.organization, "outlet": a.outlet, "date": a.date, "title": a.title,
        "url_or_source": a.url or a.source, "start": q.start, "end": q.end, "cue": q.cue,
        "cluster_id": sq.cluster_id, "resolved_by": q.resolved_by, "confidence": q.confidence,
        "citation": citation(sq), "corrected": "; ".join(sq.corrected),
    }  # fmt: skip


# ---- writers ------------------------------------------------------------------------------------


@contextmanager
def held_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block is done, then deliver it.

    Output is written a whole record at a time inside this block, so an interrupted command
    leaves whole records (a ``KeyboardInterrupt`` raised inside ``write`` would leave half a line
    in the stream's buffer, flushed at exit).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt


class WholeRecords:
    """A text stream that receives only whole records.

    Each record (one or more whole lines) is written with Ctrl-C held; with ``stream=True`` each
    is flushed at once (``quotes extract`` prints quotes as it finds them), else records are
    gathered into writes of about 64 KB.
    """

    CHUNK = 1 << 16

    def __init__(self, out: TextIO, *, stream: bool = False) -> None:
        self.out = out
        self.stream = stream
        self._pending: list[str] = []
        self._size = 0

    def write(self, record: str) -> None:
        self._pending.append(record)
        self._size += len(record)
        if self.stream or self._size >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        data = "".join(self._pending)
        with held_interrupt():
            self.out.write(data)
            self.out.flush()
            self._pending.clear()
            self._size = 0

    def __enter__(self) -> "WholeRecords":
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()  # also after an interrupt: what is pending is whole records


def _records_out(out: TextIO | WholeRecords) -> WholeRecords:
    return out if isinstance(out, WholeRecords) else WholeRecords(out)


def write_csv_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO | WholeRecords, *, excel: bool = False
) -> int:
    """RFC 4180 CSV of ``rows`` (defused); returns the number of rows written."""
    line = io.StringIO(newline="")
    writer = csv.DictWriter(line, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")

    def take() -> str:
        text = line.getvalue()
        line.seek(0)
        line.truncate()
        return text

    n = 0
    with _records_out(out) as sink:
        if excel:
            line.write("\ufeff")
        writer.writeheader()
        sink.write(take())
        for row in rows:
            writer.writerow({k: defuse(no_surrogates(v) if isinstance(v, str) else v) for k, v in row.items()})
            sink.write(take())
            n += 1
    return n


def write_csv(quotes: Iterable[StoredQuote], out: TextIO, *, excel: bool = False) -> int:
    """The citation CSV (columns :data:`CSV_COLUMNS`)."""
    return write_csv_rows((csv_row(sq) for sq in quotes), CSV_COLUMNS, out, excel=excel)


def read_csv(data: str) -> list[dict[str, str]]:
    """Read a CSV written here back into rows of strings (BOM and defusing undone)."""
    if data.startswith("\ufeff"):
        data = data[1:]
    return [{k: undefuse(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(data, newline=""))]


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO | WholeRecords) -> int:
    """One JSON object per line (UTF-8 as is, not \\u-escaped), whole lines only."""
    n = 0
    with _records_out(out) as sink:
        for record in records:
            sink.write(no_surrogates(json.dumps(record, ensure_ascii=False)) + "\n")
            n += 1
    return n


def write_json(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array of records."""
    items = list(records)
    out.write(no_surrogates(json.dumps(items, ensure_ascii=False, indent=2)) + "\n")
    return len(items)


# ---- CSL-JSON ----------------------------------------------------------------------------------


def csl_names(author: str | None) -> list[dict[str, str]]:
    """CSL name objects for a byline: ``Cheryl Sanders`` -> family/given; others literal."""
    if not author or not author.strip():
        return []
    names = []
    for name in re.split(r"\s*(?:;|\band\b|&)\s*", author.strip()):
        name = name.strip(" ,")
        if not name:
            continue
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words):
            names.append({"family": words[-1], "given": " ".join(words[:-1])})
        else:
            names.append({"literal": name})
    return names


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:60] or "article"


def csl_item(a: Any, key: str) -> dict[str, Any]:
    """The CSL-JSON item (type article-newspaper) of one stored article, under citation ``key``."""
    item: dict[str, Any] = {"id": key, "type": "article-newspaper", "title": a.title or a.doc_id}
    if a.outlet:
        item["container-title"] = a.outlet
    parts = date_parts(a.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    elif a.date:
        item["issued"] = {"literal": a.date}
    if a.url:
        item["URL"] = a.url
    authors = csl_names(a.author)
    if authors:
        item["author"] = authors
    return item


def _unique_key(base: str, used: set[str]) -> str:
    key, i = base, 2
    while key in used:
        key, i = f"{base}-{i}", i + 1
    used.add(key)
    return key


def csl_items(quotes: Iterable[StoredQuote]) -> list[dict[str, Any]]:
    """One CSL-JSON item (type article-newspaper) per source article of ``quotes``.

    The item's ``note`` names the speakers quoted, so the reference says why it is cited (and
    says when a reader corrected the attribution).
    """
    items: dict[int, dict[str, Any]] = {}
    speakers: dict[int, list[str]] = {}
    used: set[str] = set()
    for sq in quotes:
        a = sq.article
        if a.id not in items:
            items[a.id] = csl_item(a, _unique_key(_slug(a.doc_id), used))
            speakers[a.id] = []
        who = sq.quote.speaker_name or sq.quote.speaker
        if who and "speaker" in sq.corrected:
            who += " (attribution corrected by a reader)"
        if who and who not in speakers[a.id]:
            speakers[a.id].append(who)
    for article_id, item in items.items():
        if speakers[article_id]:
            item["note"] = "Quotes: " + "; ".join(speakers[article_id])
    return list(items.values())


def write_csl_json(quotes: Iterable[StoredQuote], out: TextIO) -> int:
    """The CSL-JSON array of the quotes' source articles; returns the number of items."""
    return write_json(csl_items(quotes), out)


# ---- the `list` views and `extract` records ----------------------------------------------------


def units(quotes: Iterable[StoredQuote]) -> list[list[StoredQuote]]:
    """Group consecutive parts of one quotation (same article and group) together."""
    out: list[list[StoredQuote]] = []
    for sq in quotes:
        g = sq.quote.group
        if out and g is not None and out[-1][0].article.id == sq.article.id and out[-1][0].quote.group == g:
            out[-1].append(sq)
        else:
            out.append([sq])
    return out


def table_rows(quotes: Iterable[StoredQuote]) -> list[dict[str, str]]:
    """Rows for the terminal table: one per quotation, split parts joined with `` … ``."""
    rows = []
    for unit in units(quotes):
        first = unit[0]
        q, a = first.quote, first.article
        speaker = q.speaker_name or q.speaker or ""
        rows.append({
            "id": str(first.id) + (f" (+{len(unit) - 1})" if len(unit) > 1 else "")
            + (CORRECTED_MARK if any(sq.corrected for sq in unit) else ""),
            "speaker": speaker, "role": q.role or "", "kind": q.kind,
            "quote": PART_JOINER.join(sq.quote.text for sq in unit),
            "outlet": a.outlet or "", "date": (a.date or "")[:10],
        })  # fmt: skip
    return rows


def extract_records(results: Iterable[tuple[Document, list[Quote]]]) -> Iterable[dict[str, Any]]:
    """``quotes extract`` records: the document's id followed by each Quote's fields."""
    for doc, quotes in results:
        for q in quotes:
            yield {"doc_id": doc.id, **q.to_dict()}


def extract_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A flat CSV row for an extract record (``part`` written as ``i/n``)."""
    part = record.get("part")
    return record | {"part": f"{part[0]}/{part[1]}" if part else None}
