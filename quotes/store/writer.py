"""Ingest: extract the articles not stored yet and write them batch by batch.

- An article's identity is the SHA-256 of its text; a quote's is (article hash, start, end,
  kind). Inserting either twice is a no-op, so every ingest can simply be re-run.
- Each batch of articles (articles + quotes + clusters) is written in ONE transaction: a run
  killed at any moment leaves only whole batches, and the re-run completes the rest.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from quotes.corrections import apply_corrections
from quotes.dedup import update_clusters
from quotes.errors import UsageError
from quotes.records import KINDS, Document, Quote
from quotes.store.connection import BUSY_TIMEOUT_MS, transaction
from quotes.store.fingerprints import Reprocess, Versions

Extractor = Callable[[Iterable[Document]], Iterator[tuple[Document, list[Quote]]]]


def quote_hash(article_hash: str, quote: Quote) -> str:
    """Identity of a stored quote: same article, same span, same kind = same quote."""
    return hashlib.sha256(f"{article_hash}:{quote.start}:{quote.end}:{quote.kind}".encode()).hexdigest()



@dataclass
class IngestStats:
    """Counts for the summary line; only committed work is counted."""

    new: int = 0
    unchanged: int = 0
    reprocessed: int = 0
    failed: int = 0
    quotes: int = 0

    @property
    def articles(self) -> int:
        return self.new + self.unchanged + self.reprocessed + self.failed


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_quotes(doc: Document, quotes: Sequence[Quote]) -> str | None:
    """Why ``quotes`` cannot be stored for ``doc`` (offsets not indexing its text), or None."""
    n = len(doc.text)
    for i, q in enumerate(quotes):
        if not (0 <= q.start <= q.end <= n) or doc.text[q.start : q.end] != q.text:
            return f"quote {i} ({q.start}-{q.end}) does not index the article text"
        if q.kind not in KINDS:
            return f"quote {i} has unknown kind {q.kind!r}"
    return None


def ingest(
    conn: sqlite3.Connection,
    docs: Iterable[Document],
    extract: Extractor,
    versions: Versions,
    *,
    reprocess: Reprocess = Reprocess.none,
    batch_size: int = 32,
    stats: IngestStats | None = None,
    on_article: Callable[[Document, str, int], None] | None = None,
    on_problem: Callable[[str, str], None] | None = None,
) -> IngestStats:
    """Store ``docs`` with the quotes ``extract`` finds in them; return the counts.

    Articles already stored (same text) are skipped before extraction unless ``reprocess``
    says otherwise. ``on_article(doc, status, n_quotes)`` is called once per article when its
    outcome is final (status: new, unchanged, reprocessed, failed). Pass ``stats`` to read
    the counts after an interruption (KeyboardInterrupt propagates; the open batch is rolled
    back, committed batches stay).
    """
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    stats = stats if stats is not None else IngestStats()
    notify = on_article or (lambda doc, status, n: None)
    seen: set[str] = set()
    # The extractor may pull documents from a feeder thread (process pools do): the look-ups
    # in todo() get their own connection, which WAL lets read while this one writes.
    reader = _reader_for(conn)

    def wanted(row: sqlite3.Row | None) -> bool:
        if row is None or reprocess is Reprocess.all:
            return True
        stored = (row["extractor_version"], row["model"], row["gazetteer_hash"])
        return reprocess is Reprocess.changed and stored != (
            versions.extractor_version,
            versions.model,
            versions.gazetteer_hash,
        )

    def todo() -> Iterator[Document]:
        for doc in docs:
            h = doc.content_hash
            row = None
            if h not in seen:
                seen.add(h)
                row = _article_versions(reader, h)
                if wanted(row):
                    yield doc
                    continue
            stats.unchanged += 1
            notify(doc, "unchanged", 0)

    batch: list[tuple[Document, list[Quote]]] = []
    try:
        for doc, quotes in extract(todo()):
            batch.append((doc, list(quotes)))
            if len(batch) >= batch_size:
                _write_batch(conn, batch, versions, wanted, stats, notify, on_problem)
                batch = []
        if batch:
            _write_batch(conn, batch, versions, wanted, stats, notify, on_problem)
    finally:
        if reader is not conn:
            reader.close()
    return stats


def _reader_for(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A second connection to ``conn``'s database file, usable from another thread."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if not path:  # in-memory database: there is no second connection to it
        return conn
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    reader.row_factory = sqlite3.Row
    reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return reader


def _article_versions(conn: sqlite3.Connection, content_hash: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT id, extractor_version, model, gazetteer_hash FROM articles WHERE content_hash = ?",
        (content_hash,),
    ).fetchone()


def _write_batch(
    conn: sqlite3.Connection,
    batch: list[tuple[Document, list[Quote]]],
    versions: Versions,
    wanted: Callable[[sqlite3.Row | None], bool],
    stats: IngestStats,
    notify: Callable[[Document, str, int], None],
    on_problem: Callable[[str, str], None] | None,
) -> None:
    """Write one batch in one transaction; counts and callbacks only after the commit."""
    outcomes: list[tuple[Document, str, int]] = []
    problems: list[tuple[str, str]] = []
    with transaction(conn):
        new_ids: list[int] = []
        written: list[int] = []
        for doc, quotes in batch:
            reason = check_quotes(doc, quotes)
            if reason:
                problems.append((doc.source or doc.id, f"not stored: {reason}"))
                outcomes.append((doc, "failed", 0))
                continue
            # Decide again under the write lock: another process may have stored it meanwhile.
            row = _article_versions(conn, doc.content_hash)
            if row is not None and not wanted(row):
                outcomes.append((doc, "unchanged", 0))
                continue
            if row is None:
                article_id = _insert_article(conn, doc, versions)
                status = "new"
            else:
                article_id = row["id"]
                _update_article(conn, article_id, doc, versions)
                conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
                status = "reprocessed"
            new_ids.extend(_insert_quotes(conn, article_id, doc.content_hash, quotes))
            written.append(article_id)
            outcomes.append((doc, status, len(quotes)))
        # Readers' corrections override the fresh extraction (quotes.corrections), so they
        # survive reprocessing and apply to articles ingested after they were imported.
        if written:
            apply_corrections(conn, article_ids=written)
        # New quotes join the existing clusters in the same transaction (quotes.dedup).
        if new_ids:
            update_clusters(conn, new_ids)
    for doc, status, n in outcomes:
        setattr(stats, status, getattr(stats, status) + 1)
        stats.quotes += n
        notify(doc, status, n)
    if on_problem:
        for source, message in problems:
            on_problem(source, message)


def _article_values(doc: Document, versions: Versions) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "date": doc.date,
        "url": doc.url,
        "author": doc.author,
        "source": doc.source,
        "meta": json.dumps(doc.meta or {}, ensure_ascii=False, default=str),
        "extractor_version": versions.extractor_version,
        "model": versions.model,
        "gazetteer_hash": versions.gazetteer_hash,
        "processed_at": _now(),
    }


def _insert_article(conn: sqlite3.Connection, doc: Document, versions: Versions) -> int:
    values = _article_values(doc, versions) | {
        "content_hash": doc.content_hash,
        "text": doc.text,
        "ingested_at": _now(),
    }
    cols = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    return int(conn.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", values).lastrowid or 0)


def _update_article(conn: sqlite3.Connection, article_id: int, doc: Document, versions: Versions) -> None:
    values = _article_values(doc, versions)
    sets = ", ".join(f"{k} = :{k}" for k in values)
    conn.execute(f"UPDATE articles SET {sets} WHERE id = :id", values | {"id": article_id})


_QUOTE_COLS = (
    "article_id", "quote_hash", "seq", "start_char", "end_char", "text", "kind", "cue", "cue_start",
    "cue_end", "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_id", "role",
    "role_normalized", "organization", "grp", "part_i", "part_n", "resolved_by", "confidence",
)  # fmt: skip


def _insert_quotes(conn: sqlite3.Connection, article_id: int, article_hash: str, quotes: Sequence[Quote]) -> list[int]:
    ids = []
    sql = (
        f"INSERT INTO quotes ({', '.join(_QUOTE_COLS)}) VALUES ({', '.join('?' * len(_QUOTE_COLS))})"
        " ON CONFLICT(quote_hash) DO NOTHING"
    )
    for seq, q in enumerate(quotes):
        part = q.part or (None, None)
        cur = conn.execute(
            sql,
            (
                article_id, quote_hash(article_hash, q), seq, q.start, q.end, q.text, q.kind, q.cue,
                q.cue_start, q.cue_end, q.speaker, q.speaker_start, q.speaker_end, q.speaker_name,
                q.speaker_id, q.role, q.role_normalized, q.organization, q.group, part[0], part[1],
                q.resolved_by, q.confidence,
            ),
        )  # fmt: skip
        if cur.rowcount and cur.lastrowid is not None:
            ids.append(cur.lastrowid)
    return ids


def stored_documents(conn: sqlite3.Connection) -> Iterator[Document]:
    """Every stored article as a Document, read one at a time (for reprocessing in place)."""
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in ids:
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            yield Document(
                id=row["doc_id"], text=row["text"], title=row["title"], outlet=row["outlet"],
                date=row["date"], url=row["url"], author=row["author"], source=row["source"],
                meta=json.loads(row["meta"] or "{}"),
            )  # fmt: skip


def store_people(conn: sqlite3.Connection, people: Iterable[Any]) -> int:
    """Replace the people table with ``people`` (objects with .id, .name, .aliases)."""
    rows = [
        (str(p.id), str(p.name), json.dumps(list(getattr(p, "aliases", []) or []), ensure_ascii=False))
        for p in people
    ]
    with transaction(conn):
        conn.execute("DELETE FROM people")
        conn.executemany("INSERT OR REPLACE INTO people (id, name, aliases) VALUES (?, ?, ?)", rows)
    return len(rows)


