"""Ingest: extract the articles not stored yet and write them batch by batch.

- An article is a publication: its identity is its text's SHA-256 with its outlet, URL (else
  id) and date (:func:`publication_key`); a text is extracted once, and every publication of it
  stores the same quotes. A quote's identity is (text hash, start, end, kind). Inserting
  either twice is a no-op, so every ingest can simply be re-run.
- Each batch of articles (articles + quotes + clusters) is written in ONE transaction: a run
  killed at any moment leaves only whole batches, and the re-run completes the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
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
    """Identity of an extracted quote: same text, same span, same kind = same quote (each
    publication of the text stores it once: (article, quote_hash) is unique)."""
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


def publication_key(doc: Document) -> str:
    """Identity of a stored article: a publication of a text by an outlet, at a URL (else under
    an id), on a date. Three outlets printing one wire story are three publications of one text."""
    parts = [doc.content_hash, doc.outlet, doc.url or doc.id, doc.date]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


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

    Publications already stored (:func:`publication_key`) are skipped before extraction unless
    ``reprocess`` says otherwise. A text is extracted once: another publication of the same text
    gets a copy of its quotes (from this run, or from the store when they are current).
    ``on_article(doc, status, n_quotes)`` is called once per article when its outcome is final
    (status: new, unchanged, reprocessed, failed). Pass ``stats`` to read the counts after an
    interruption (KeyboardInterrupt propagates; the open batch is rolled back, committed
    batches stay).
    """
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    run = _Run(conn, versions, reprocess, stats if stats is not None else IngestStats(), on_article, on_problem)
    try:
        batch: list[tuple[Document, list[Quote] | None]] = []
        for doc, quotes in extract(run.todo(docs)):
            batch.append((doc, list(quotes)))
            if len(batch) >= batch_size:
                run.write(batch)
                batch = []
                run.write_copies(batch_size, final=False)
        if batch:
            run.write(batch)
        run.write_copies(batch_size, final=True)
    finally:
        run.close()
    return run.stats


class _Run:
    """The state of one ingest: what was seen, what is being extracted, what waits for a copy."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        versions: Versions,
        reprocess: Reprocess,
        stats: IngestStats,
        on_article: Callable[[Document, str, int], None] | None,
        on_problem: Callable[[str, str], None] | None,
    ) -> None:
        self.conn, self.versions, self.reprocess, self.stats = conn, versions, reprocess, stats
        self.notify = on_article or (lambda doc, status, n: None)
        self.on_problem = on_problem
        self.seen: set[str] = set()  # publication keys
        self.extracting: set[str] = set()  # content hashes handed to the extractor in this run
        self.sources: dict[str, int] = {}  # content hash -> article written in this run
        self.copies: list[Document] = []  # publications waiting for their text's quotes
        self.lock = threading.Lock()
        # The extractor may pull documents from a feeder thread (process pools do): the look-ups
        # in todo() get their own connection, which WAL lets read while this one writes.
        self.reader = _reader_for(conn)

    def close(self) -> None:
        if self.reader is not self.conn:
            self.reader.close()

    def wanted(self, row: sqlite3.Row | None) -> bool:
        """Whether a publication stored as ``row`` (None: not stored) is (re)written."""
        if row is None or self.reprocess is Reprocess.all:
            return True
        v = self.versions
        stored = (row["extractor_version"], row["model"], row["gazetteer_hash"])
        return self.reprocess is Reprocess.changed and stored != (v.extractor_version, v.model, v.gazetteer_hash)

    def todo(self, docs: Iterable[Document]) -> Iterator[Document]:
        """The documents to extract; the others are counted unchanged or wait for a copy."""
        for doc in docs:
            key = publication_key(doc)
            if key in self.seen or not self.wanted(_publication(self.reader, key)):
                self.seen.add(key)
                self.stats.unchanged += 1
                self.notify(doc, "unchanged", 0)
                continue
            self.seen.add(key)
            h = doc.content_hash
            with self.lock:
                shared = h in self.extracting or self._stored_source(self.reader, h) is not None
                if shared:
                    self.copies.append(doc)
                else:
                    self.extracting.add(h)
            if not shared:
                yield doc

    def _stored_source(self, conn: sqlite3.Connection, content_hash: str) -> int | None:
        """An article of this text whose quotes can be copied: written in this run, or stored
        and current (never with ``Reprocess.all``, which extracts every text again)."""
        if content_hash in self.sources:
            return self.sources[content_hash]
        if self.reprocess is Reprocess.all:
            return None
        for row in conn.execute(
            "SELECT id, extractor_version, model, gazetteer_hash FROM articles WHERE content_hash = ? ORDER BY id",
            (content_hash,),
        ):
            if not self.wanted(row):
                return int(row["id"])
        return None

    def write_copies(self, batch_size: int, *, final: bool) -> None:
        """Write the publications whose text's quotes are now stored; at the end, those whose
        text could not be stored fail like it."""
        with self.lock:
            ready = [d for d in self.copies if final or d.content_hash in self.sources]
            self.copies = [d for d in self.copies if d not in ready]
        for i in range(0, len(ready), batch_size):
            self.write([(doc, None) for doc in ready[i : i + batch_size]])

    def write(self, batch: list[tuple[Document, list[Quote] | None]]) -> None:
        """Write one batch in one transaction; counts and callbacks only after the commit."""
        outcomes: list[tuple[Document, str, int]] = []
        problems: list[tuple[str, str]] = []
        written: dict[str, int] = {}
        with transaction(self.conn):
            changes = _Changes()
            for doc, quotes in batch:
                status, n = self._write_one(doc, quotes, changes, problems)
                outcomes.append((doc, status, n))
                if status in ("new", "reprocessed") and quotes is not None:
                    written[doc.content_hash] = changes.articles[-1]
            changes.settle(self.conn)
        self.sources.update(written)
        for doc, status, n in outcomes:
            setattr(self.stats, status, getattr(self.stats, status) + 1)
            self.stats.quotes += n
            self.notify(doc, status, n)
        if self.on_problem:
            for source, message in problems:
                self.on_problem(source, message)

    def _write_one(
        self, doc: Document, quotes: list[Quote] | None, changes: "_Changes", problems: list[tuple[str, str]]
    ) -> tuple[str, int]:
        """Store one publication (``quotes`` None: copy them from a stored article of its text)."""
        source = None
        if quotes is None:
            source = self._stored_source(self.conn, doc.content_hash)
            reason = None if source is not None else "its text's extraction was not stored"
        else:
            reason = check_quotes(doc, quotes)
        if reason:
            problems.append((doc.source or doc.id, f"not stored: {reason}"))
            return "failed", 0
        # Decide again under the write lock: another process may have stored it meanwhile.
        row = _publication(self.conn, publication_key(doc))
        if row is not None and not self.wanted(row):
            return "unchanged", 0
        article_id = changes.article(self.conn, doc, row, self.versions)
        if source is not None:
            n = changes.copy_quotes(self.conn, article_id, source)
        else:
            assert quotes is not None
            changes.quote_ids.extend(_insert_quotes(self.conn, article_id, doc.content_hash, quotes))
            n = len(quotes)
        return ("new" if row is None else "reprocessed"), n


class _Changes:
    """What one batch wrote: articles, new quotes and the clusters those quotes left."""

    def __init__(self) -> None:
        self.articles: list[int] = []
        self.quote_ids: list[int] = []
        self.left_forms: set[int] = set()

    def article(self, conn: sqlite3.Connection, doc: Document, row: sqlite3.Row | None, versions: Versions) -> int:
        """Insert the publication, or update it and drop its old quotes; return its id."""
        if row is None:
            article_id = _insert_article(conn, doc, versions)
        else:
            article_id = int(row["id"])
            _update_article(conn, article_id, doc, versions)
            self.left_forms.update(
                r[0] for r in conn.execute(
                    "SELECT DISTINCT dedup_form FROM quotes WHERE article_id = ? AND dedup_form IS NOT NULL", (article_id,)
                )
            )  # fmt: skip
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        self.articles.append(article_id)
        return article_id

    def copy_quotes(self, conn: sqlite3.Connection, article_id: int, source: int) -> int:
        """Copy the quote rows of article ``source`` (same text) to ``article_id``."""
        cols = ", ".join(_COPIED_COLS)
        conn.execute(
            f"INSERT INTO quotes (article_id, {cols}) SELECT ?, {cols} FROM quotes WHERE article_id = ? ORDER BY seq",
            (article_id, source),
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM quotes WHERE article_id = ?", (article_id,))]
        self.quote_ids.extend(ids)
        return len(ids)

    def settle(self, conn: sqlite3.Connection) -> None:
        # Readers' corrections override the fresh extraction (quotes.corrections), so they
        # survive reprocessing and apply to articles ingested after they were imported.
        if self.articles:
            apply_corrections(conn, article_ids=self.articles)
        # New quotes join the clusters, and the clusters of removed quotes are computed again,
        # in the same transaction (quotes.dedup).
        if self.quote_ids or self.left_forms:
            update_clusters(conn, self.quote_ids, removed_forms=sorted(self.left_forms))


def _reader_for(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A second connection to ``conn``'s database file, usable from another thread."""
    factory = conn.text_factory
    conn.text_factory = bytes  # a path that is not UTF-8 (SQLite hands back the bytes it was given)
    try:
        raw = conn.execute("PRAGMA database_list").fetchone()[2]
    finally:
        conn.text_factory = factory
    if not raw:  # in-memory database: there is no second connection to it
        return conn
    path = os.fsdecode(raw)
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    reader.row_factory = sqlite3.Row
    reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return reader


def _publication(conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT id, extractor_version, model, gazetteer_hash FROM articles WHERE pub_key = ?", (key,)
    ).fetchone()


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
        "pub_key": publication_key(doc),
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


# The columns a copy of an article's quotes takes over (quotes.quote_hash names the extraction
# of a text, so readers' corrections apply to every publication of it).
_COPIED_COLS = (
    "quote_hash", "seq", "start_char", "end_char", "text", "kind", "cue", "cue_start", "cue_end", "speaker",
    "speaker_start", "speaker_end", "speaker_name", "speaker_id", "role", "role_normalized", "organization",
    "grp", "part_i", "part_n", "resolved_by", "confidence", "corrected", "not_quote",
)  # fmt: skip

_QUOTE_COLS = (
    "article_id", "quote_hash", "seq", "start_char", "end_char", "text", "kind", "cue", "cue_start",
    "cue_end", "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_id", "role",
    "role_normalized", "organization", "grp", "part_i", "part_n", "resolved_by", "confidence",
)  # fmt: skip


def _insert_quotes(conn: sqlite3.Connection, article_id: int, article_hash: str, quotes: Sequence[Quote]) -> list[int]:
    ids = []
    sql = (
        f"INSERT INTO quotes ({', '.join(_QUOTE_COLS)}) VALUES ({', '.join('?' * len(_QUOTE_COLS))})"
        " ON CONFLICT(article_id, quote_hash) DO NOTHING"
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


