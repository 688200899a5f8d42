"""Extraction results as Parquet files, and loading them back into the store.

A folder holds ``part-NNNNN.parquet`` files, one row per article: the document's fields, its
text, and a ``quotes`` column (a list of quote structs with the fields of
:class:`~quotes.records.Quote`). What produced the quotes (extractor version, model, gazetteer
hash) is in each file's schema metadata, so loading stores the same versions the extraction had
and ``--reprocess`` still knows what is stale. Needs pyarrow (``pip install 'quotes[dask]'``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

from quotes.errors import InputError, ParquetUnavailable, UsageError
from quotes.records import Document, Quote

INSTALL_HINT = "install with pip install 'quotes[dask]'"
PART_GLOB = "part-*.parquet"
_DOC_FIELDS = ("id", "title", "outlet", "date", "url", "author", "source")
_META_KEYS = ("extractor_version", "model", "gazetteer_hash")


def _pa() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ParquetUnavailable(f"Parquet needs pyarrow: {INSTALL_HINT}") from exc
    return pa, pq


def _schema(pa: Any) -> Any:
    types = {int: pa.int64(), str: pa.string(), float: pa.float64()}
    quote_fields = []
    for f in fields(Quote):
        if f.name == "part":
            quote_fields.append(pa.field("part", pa.list_(pa.int64())))
        else:
            base = int if "int" in str(f.type) else float if "float" in str(f.type) else str
            quote_fields.append(pa.field(f.name, types[base]))
    cols = [pa.field(name, pa.string()) for name in _DOC_FIELDS]
    cols += [pa.field("text", pa.string()), pa.field("meta", pa.string())]
    cols.append(pa.field("quotes", pa.list_(pa.struct(quote_fields))))
    return pa.schema(cols)


class ParquetWriter:
    """Writes (document, quotes) results into ``folder`` as part files of ``rows_per_part`` articles."""

    def __init__(self, folder: str | Path, versions: dict[str, str], *, rows_per_part: int = 1000) -> None:
        self.pa, self.pq = _pa()
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{folder}: cannot create Parquet folder ({exc.strerror or exc})") from exc
        self.schema = _schema(self.pa).with_metadata({k: str(versions.get(k, "")) for k in _META_KEYS})
        self.rows_per_part = max(1, rows_per_part)
        self.rows: list[dict[str, Any]] = []
        self.part = len(list(self.folder.glob(PART_GLOB)))  # append after what is there

    def add(self, doc: Document, quotes: list[Quote]) -> None:
        row: dict[str, Any] = {name: getattr(doc, name) for name in _DOC_FIELDS}
        row["text"] = doc.text
        row["meta"] = json.dumps(doc.meta or {}, ensure_ascii=False, default=str)
        row["quotes"] = [q.to_dict() for q in quotes]
        self.rows.append(row)
        if len(self.rows) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
        path = self.folder / f"part-{self.part:05d}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        try:
            self.pq.write_table(table, tmp)
            tmp.replace(path)  # a reader never sees half a file
        except OSError as exc:
            raise UsageError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        self.part += 1
        self.rows = []


def write_parquet(
    results: Iterable[tuple[Document, list[Quote]]], folder: str | Path, versions: dict[str, str], *, rows_per_part: int = 1000
) -> Iterator[tuple[Document, list[Quote]]]:
    """Pass ``results`` through unchanged while writing them to ``folder`` (flushed at the end)."""
    writer = ParquetWriter(folder, versions, rows_per_part=rows_per_part)
    for doc, quotes in results:
        writer.add(doc, quotes)
        yield doc, quotes
    writer.flush()


def parquet_parts(folder: str | Path) -> list[Path]:
    """The part files of ``folder`` (or ``folder`` itself when it is one .parquet file), in order."""
    path = Path(folder)
    if path.is_file() and path.suffix == ".parquet":
        return [path]
    if not path.is_dir():
        raise InputError(f"{folder}: no such Parquet folder")
    parts = sorted(path.glob(PART_GLOB))
    if not parts:
        raise InputError(f"{folder}: no {PART_GLOB} files (write them with quotes ingest --parquet-out)")
    return parts


def read_parquet(folder: str | Path, *, batch_rows: int = 256) -> Iterator[tuple[Document, list[Quote], dict[str, str]]]:
    """Every stored result in ``folder``: (document, quotes, versions), read ``batch_rows`` at a time."""
    _, pq = _pa()
    for path in parquet_parts(folder):
        try:
            pf = pq.ParquetFile(path)
            meta = {k.decode(): v.decode() for k, v in (pf.schema_arrow.metadata or {}).items()}
            versions = {k: meta.get(k, "") for k in _META_KEYS}
            for batch in pf.iter_batches(batch_size=batch_rows):
                for row in batch.to_pylist():
                    doc = Document(
                        text=row["text"] or "",
                        meta=json.loads(row["meta"] or "{}"),
                        **{name: row[name] for name in _DOC_FIELDS},
                    )
                    yield doc, [Quote.from_dict(q) for q in row["quotes"] or []], versions
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not a quotes Parquet file ({exc})") from exc


def ingest_parquet(
    conn: sqlite3.Connection, folder: str | Path, *, batch_size: int = 32, stats: Any = None,
    on_article: Callable[[Document, str, int], None] | None = None,
    on_problem: Callable[[str, str], None] | None = None,
) -> Any:
    """Store the results of a Parquet folder without extracting again (idempotent, like ingest).

    The articles are stored with the versions recorded in the files. Returns the store's
    :class:`~quotes.store.IngestStats`.
    """
    from quotes import store

    stats = stats if stats is not None else store.IngestStats()
    rows = read_parquet(folder)
    first = next(rows, None)
    if first is None:
        return stats
    versions = store.Versions(first[2]["extractor_version"], first[2]["model"], first[2]["gazetteer_hash"])
    # store.ingest filters the documents (already stored ones are skipped) and hands the rest,
    # in order, to extract(); the quotes wait in a queue until their document comes back.
    queue: deque[tuple[Document, list[Quote]]] = deque()

    def docs() -> Iterator[Document]:
        for doc, quotes, v in _chain(first, rows):
            if (v["extractor_version"], v["model"], v["gazetteer_hash"]) != (
                versions.extractor_version, versions.model, versions.gazetteer_hash,
            ):  # fmt: skip
                raise InputError(f"{folder}: parts were extracted with different versions; load them one by one")
            queue.append((doc, quotes))
            yield doc

    def extract(todo: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
        for doc in todo:
            while queue and queue[0][0] is not doc:
                queue.popleft()  # skipped by the store (already there)
            if not queue:
                raise RuntimeError("document order lost between the store and the Parquet reader")
            yield queue.popleft()

    return store.ingest(
        conn, docs(), extract, versions, batch_size=batch_size, stats=stats, on_article=on_article, on_problem=on_problem
    )


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest
