"""The SQLite store: articles and their quotes, idempotent batch ingest, queries for the CLI.

Design rules:
- An article's identity is the SHA-256 of its text; a quote's is (article hash, start, end,
  kind). Inserting either twice is a no-op, so every ingest can simply be re-run.
- Each batch of articles (articles + quotes + clusters) is written in ONE transaction: a run
  killed at any moment leaves only whole batches, and the re-run completes the rest.
- Writers take the write lock up front (BEGIN IMMEDIATE) and wait for each other (busy
  timeout); readers never block in WAL mode.
- Parts of a split quote (same ``group`` in one article) travel together: queries select
  whole quotations (the "unit" = article + group), and ``--limit`` counts quotations.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from quotes.corrections import apply_corrections, corrected_fields
from quotes.dedup import update_clusters
from quotes.errors import QuotesError, UsageError
from quotes.migrations import migrate
from quotes.normalize import search_words
from quotes.records import KINDS, Document, Quote

DEFAULT_DB = "quotes.db"
_MAX_INT = 2**63 - 1
BUSY_TIMEOUT_MS = 60_000

Extractor = Callable[[Iterable[Document]], Iterator[tuple[Document, list[Quote]]]]


class StoreError(QuotesError):
    """The database cannot be opened or is not a quotes database."""

    exit_code = 2


class NotFound(QuotesError):
    """A quote or article id that is not in the database."""

    exit_code = 1


# ---- connection ------------------------------------------------------------------------------


def default_db_path() -> Path:
    """``$QUOTES_DB`` when set, else ``./quotes.db``."""
    return Path(os.environ.get("QUOTES_DB") or DEFAULT_DB)


def check_output_path(output: str | Path) -> None:
    """Refuse to write an export over a SQLite database (the store itself, its -wal/-shm files,
    or any other): ``-o quotes.db`` is a slip that would replace every stored article."""
    output = Path(output)
    name = output.name
    base = output.with_name(name[: -len("-wal")]) if name.endswith(("-wal", "-shm")) else output
    try:
        with open(base, "rb") as fh:
            header = fh.read(16)
    except OSError:
        return
    if header == b"SQLite format 3\x00":
        raise UsageError(f"{output}: is a SQLite database; refusing to overwrite it with an export")


def connect(path: str | Path | None = None, *, create: bool = True) -> sqlite3.Connection:
    """Open (and migrate) the store at ``path``; autocommit mode, transactions are explicit.

    With ``create=False`` a missing file is an error instead of a new empty database (for
    read-only commands, so a mistyped ``--db`` does not silently show nothing).
    """
    path = Path(path) if path is not None else default_db_path()
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database (run `quotes ingest` first or pass --db)")
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    # Switching a new file to WAL takes an exclusive lock for which SQLite may answer "database
    # is locked" at once, without waiting, when another process opens the same new file at the
    # same moment: the open is retried until the busy timeout, like any other wait for the lock.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            return _open(path)
        except StoreError as exc:
            locked = isinstance(exc.__cause__, sqlite3.OperationalError) and "locked" in str(exc.__cause__)
            if not locked or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _open(path: Path) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Another program's SQLite file must not get our tables (nor WAL mode) added to it.
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        if tables and "_migrations" not in tables:
            conn.close()
            shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
            raise StoreError(f"{path}: not a quotes database (it holds other tables: {shown}); pass another --db")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across process kills in WAL mode; only power loss may drop the
        # last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: cannot open as a quotes database ({exc})") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction holding the write lock from the start; rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ---- what produced an article's quotes ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Versions:
    """What an article's quotes were extracted with; a change means they may be stale."""

    extractor_version: str
    model: str
    gazetteer_hash: str


class Reprocess(str, Enum):
    """Which already-stored articles ``ingest`` extracts again."""

    none = "none"  # stored articles are left as they are
    changed = "changed"  # those extracted with another extractor version, model or gazetteer
    all = "all"


def model_fingerprint(name: str | None = None) -> str:
    """Name and version of the spaCy pipeline ``name`` (default: the one load_model picks).

    Read from package metadata or the pipeline's meta.json, without loading the model.
    """
    from importlib import metadata

    from quotes.model import DEFAULT_MODELS

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        meta_file = Path(candidate) / "meta.json"
        if meta_file.is_file():
            try:
                meta = json.loads(meta_file.read_text(encoding="utf-8"))
                return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
            except (OSError, ValueError):
                return f"{candidate}==?"
        for dist in (candidate, candidate.replace("_", "-")):
            try:
                return f"{candidate}=={metadata.version(dist)}"
            except metadata.PackageNotFoundError:
                continue
    return f"{name or DEFAULT_MODELS[0]}==?"


def gazetteer_fingerprint(extra: Sequence[str | Path] = ()) -> str:
    """SHA-256 over the bundled gazetteer files and the user's ``--gazetteer`` files."""
    from quotes.gazetteer.schema import bundled_files

    digest = hashlib.sha256()
    try:
        bundled = [p for _, p in bundled_files()]
    except (FileNotFoundError, NotADirectoryError):
        bundled = []
    for item in bundled:
        digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for path in extra:
        try:
            digest.update(str(path).encode() + b"\0" + Path(path).read_bytes() + b"\0")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read gazetteer file ({exc.strerror or exc})") from exc
    return digest.hexdigest()[:16]


def quote_hash(article_hash: str, quote: Quote) -> str:
    """Identity of a stored quote: same article, same span, same kind = same quote."""
    return hashlib.sha256(f"{article_hash}:{quote.start}:{quote.end}:{quote.kind}".encode()).hexdigest()


# ---- ingest ------------------------------------------------------------------------------------


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
    return conn.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", values).lastrowid


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
        if cur.rowcount:
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


# ---- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article's metadata (its text is read on demand with :func:`article_text`)."""

    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    date: str | None
    url: str | None
    author: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored: its row id, the extract record, its article and its cluster."""

    id: int
    quote: Quote
    article: Article
    cluster_id: int | None = None
    corrected: tuple[str, ...] = ()  # fields a reader corrected (quotes.corrections)
    not_quote: bool = False  # a reader marked it "not a quote" (listings leave it out)

    def record(self) -> dict[str, Any]:
        """The extract record plus id, outlet, date, title, url, cluster_id and the fields a reader
        corrected (``list --format json``)."""
        a = self.article
        return {"id": self.id, "doc_id": a.doc_id, **self.quote.to_dict(), "outlet": a.outlet,
                "date": a.date, "title": a.title, "url": a.url, "cluster_id": self.cluster_id,
                "corrected": list(self.corrected)}  # fmt: skip


_SELECT = """
SELECT q.id, q.start_char, q.end_char, q.text, q.kind, q.cue, q.cue_start, q.cue_end, q.speaker,
       q.speaker_start, q.speaker_end, q.speaker_name, q.speaker_id, q.role, q.role_normalized,
       q.organization, q.grp, q.part_i, q.part_n, q.cluster_id, q.resolved_by, q.confidence,
       q.corrected, q.not_quote,
       a.id AS a_id, a.doc_id, a.title, a.outlet, a.date, a.url, a.author, a.source
FROM quotes q JOIN articles a ON a.id = q.article_id
"""


def _stored(row: sqlite3.Row) -> StoredQuote:
    quote = Quote(
        start=row["start_char"], end=row["end_char"], text=row["text"], kind=row["kind"], cue=row["cue"],
        cue_start=row["cue_start"], cue_end=row["cue_end"], speaker=row["speaker"],
        speaker_start=row["speaker_start"], speaker_end=row["speaker_end"], speaker_name=row["speaker_name"],
        speaker_id=row["speaker_id"], role=row["role"], role_normalized=row["role_normalized"],
        organization=row["organization"], group=row["grp"],
        part=(row["part_i"], row["part_n"]) if row["part_i"] is not None else None,
        resolved_by=row["resolved_by"], confidence=row["confidence"],
    )  # fmt: skip
    article = Article(
        id=row["a_id"], doc_id=row["doc_id"], title=row["title"], outlet=row["outlet"], date=row["date"],
        url=row["url"], author=row["author"], source=row["source"],
    )  # fmt: skip
    return StoredQuote(id=row["id"], quote=quote, article=article, cluster_id=row["cluster_id"],
                       corrected=corrected_fields(row["corrected"]), not_quote=bool(row["not_quote"]))


@dataclass(frozen=True)
class QuoteFilter:
    """The filters shared by ``list`` and ``export``; all optional, combined with AND."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    contains: str | None = None
    kind: str | None = None
    role: str | None = None
    limit: int | None = None  # counts quotations (a split quote's parts count once)
    min_confidence: float | None = None  # speaker name at least this sure (unknown = not sure)


_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str, option: str) -> str:
    """Validate a YYYY, YYYY-MM or YYYY-MM-DD filter value."""
    value = value.strip()
    ok = bool(_DATE_RE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            _date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def fts_phrase(text: str) -> str:
    """The user's text as one FTS5 phrase: quoted, so `"`, `-`, `*`, AND/OR/NEAR are literal."""
    return '"' + text.replace('"', '""') + '"'


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def name_score(a: Sequence[str], b: Sequence[str]) -> float:
    """How well two names' words align (0-100): each word of the shorter name against its best
    match in the longer one, averaged. Word order and a missing first name do not matter
    ("Stoltenberg, Jens" = "Jens Stoltenberg" ~ "Stoltenberg"); spelling variants score high
    ("Pashinian" ~ "Pashinyan")."""
    from rapidfuzz import fuzz

    short, long = sorted((a, b), key=len)
    if not short:
        return 0.0
    return sum(max(fuzz.ratio(t, u) for u in long) for t in short) / len(short)


def match_speakers(
    conn: sqlite3.Connection, query: str, gazetteer: Any = None, *, score_cutoff: float = 85.0
) -> tuple[set[str], set[str]]:
    """Speaker ids and stored speaker names that ``query`` means.

    Ids come from the gazetteer (``match_query``). Names are stored ``speaker_name`` values
    that fuzzily match the query or a matched person's name/aliases: when the gazetteer knows
    the person, only among quotes without an id (so a namesake with another id is not pulled
    in); when it does not, among all quotes (people the gazetteer does not know).
    """
    ids: set[str] = set()
    targets = [query]
    if gazetteer is not None and hasattr(gazetteer, "match_query"):
        for person in gazetteer.match_query(query) or []:
            ids.add(str(person.id))
            targets.append(person.name)
            targets.extend(getattr(person, "aliases", []) or [])
    only_unresolved = "AND speaker_id IS NULL" if ids else ""
    stored = [
        r[0]
        for r in conn.execute(f"SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL {only_unresolved}")
    ]
    wanted = [t for t in (search_words(x) for x in targets) if t]
    names = {
        name
        for name in stored
        if (tokens := search_words(name)) and any(name_score(tokens, w) >= score_cutoff for w in wanted)
    }
    return ids, names


def _where(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: Any) -> tuple[list[str], list[Any]]:
    where: list[str] = ["q.not_quote = 0"]  # a reader said it is not a quote
    args: list[Any] = []
    if flt.speaker:
        ids, names = match_speakers(conn, flt.speaker, gazetteer)
        if not ids and not names:
            where.append("0")
        else:
            where.append(
                f"(q.speaker_id IN ({', '.join('?' * len(ids)) or 'NULL'})"
                f" OR q.speaker_name IN ({', '.join('?' * len(names)) or 'NULL'}))"
            )
            args += sorted(ids) + sorted(names)
    if flt.outlet:
        where.append("a.outlet LIKE ? ESCAPE '\\'")
        args.append(_like(flt.outlet))
    if flt.since:
        since = check_date(flt.since, "--since")
        where.append("substr(a.date, 1, ?) >= ?")
        args += [len(since), since]
    if flt.until:
        until = check_date(flt.until, "--until")
        where.append("substr(a.date, 1, ?) <= ?")
        args += [len(until), until]
    if flt.kind:
        if flt.kind not in KINDS:
            raise UsageError(f"--kind: {flt.kind!r} is not one of {', '.join(KINDS)}")
        where.append("q.kind = ?")
        args.append(flt.kind)
    if flt.role:
        role_clause = "(q.role LIKE ? ESCAPE '\\' OR q.role_normalized LIKE ? ESCAPE '\\'"
        args += [_like(flt.role), _like(flt.role)]
        title, organization = _normalize_role(flt.role, gazetteer)
        if title and organization:  # "Russian President" is not any president
            role_clause += " OR (q.role_normalized = ? AND q.organization = ?)"
            args += [title, organization]
        elif title:
            role_clause += " OR q.role_normalized = ?"
            args.append(title)
        where.append(role_clause + ")")
    if flt.min_confidence is not None:
        if not 0.0 <= flt.min_confidence <= 1.0:
            raise UsageError(f"--min-confidence: {flt.min_confidence:g} is not between 0 and 1")
        where.append("q.confidence >= ?")
        args.append(flt.min_confidence)
    if flt.contains is not None:
        if not flt.contains.strip():
            raise UsageError("--contains: empty text")
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(fts_phrase(flt.contains))
    return where, args


def _normalize_role(role: str, gazetteer: Any = None) -> tuple[str | None, str | None]:
    """(title, organization) of a ``--role`` value, through the user's gazetteer when given.

    Only the title part is compared with the ``role_normalized`` column (the organization has
    its own column).
    """
    if gazetteer is not None and hasattr(gazetteer, "normalize_role"):
        title, organization = gazetteer.normalize_role(role)
    else:
        from quotes.gazetteer import normalize_role

        title, organization = normalize_role(role)
    return title or None, organization or None


def query_quotes(conn: sqlite3.Connection, flt: QuoteFilter = QuoteFilter(), gazetteer: Any = None) -> list[StoredQuote]:
    """Quotes matching ``flt``, oldest article first, parts of a split quote kept together.

    A quotation matches when any of its parts does, and then all its parts are returned.
    """
    where, args = _where(conn, flt, gazetteer)
    if flt.limit is not None and flt.limit < 0:
        raise UsageError("--limit must be 0 or more")
    sql = f"""
    WITH hits AS (
        SELECT DISTINCT q.article_id AS aid, COALESCE(q.grp, q.seq) AS unit
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {' AND '.join(where) or '1'}
    ),
    picked AS (
        SELECT h.aid, h.unit FROM hits h JOIN articles a ON a.id = h.aid
        ORDER BY a.date IS NULL, a.date, h.aid, h.unit
        LIMIT ?
    )
    {_SELECT}
    JOIN picked p ON p.aid = q.article_id AND p.unit = COALESCE(q.grp, q.seq)
    WHERE q.not_quote = 0
    ORDER BY a.date IS NULL, a.date, a.id, q.seq
    """
    # SQLite integers are 64-bit; a larger limit means no limit.
    limit = -1 if flt.limit is None or flt.limit > _MAX_INT else flt.limit
    try:
        rows = conn.execute(sql, [*args, limit]).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower():
            raise UsageError(f"--contains: cannot search for {flt.contains!r} ({exc})") from exc
        raise
    return [_stored(r) for r in rows]


def get_quote(conn: sqlite3.Connection, quote_id: int) -> list[StoredQuote]:
    """The quote ``quote_id`` with all parts of its quotation, in order (raises NotFound)."""
    row = None
    if -_MAX_INT <= quote_id <= _MAX_INT:  # SQLite cannot even compare larger integers
        row = conn.execute("SELECT article_id, COALESCE(grp, seq) AS unit FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is None:
        raise NotFound(f"no quote with id {quote_id}")
    rows = conn.execute(
        f"{_SELECT} WHERE q.article_id = ? AND COALESCE(q.grp, q.seq) = ? ORDER BY q.seq",
        (row["article_id"], row["unit"]),
    ).fetchall()
    return [_stored(r) for r in rows]


def cluster_members(conn: sqlite3.Connection, cluster_id: int | None) -> list[StoredQuote]:
    """All quotes of a cluster of recycled quotes (set by quotes.dedup), oldest first."""
    if cluster_id is None:
        return []
    rows = conn.execute(f"{_SELECT} WHERE q.cluster_id = ? AND q.not_quote = 0 ORDER BY a.date IS NULL, a.date, q.id", (cluster_id,))
    return [_stored(r) for r in rows]


def article_text(conn: sqlite3.Connection, article_id: int) -> str:
    """The full stored text of an article."""
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row[0]


def speakers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per speaker (gazetteer person, else name as resolved) with quotation counts
    (``corrected``: how many of them a reader corrected)."""
    rows = conn.execute(
        """
        SELECT q.speaker_id, COALESCE(p.name, MAX(q.speaker_name)) AS name,
               COUNT(DISTINCT q.article_id || ':' || COALESCE(q.grp, q.seq)) AS quotes,
               COUNT(DISTINCT q.article_id) AS articles,
               COUNT(DISTINCT a.outlet) AS outlets,
               MIN(a.date) AS first_date, MAX(a.date) AS last_date,
               COUNT(DISTINCT CASE WHEN q.corrected IS NOT NULL
                     THEN q.article_id || ':' || COALESCE(q.grp, q.seq) END) AS corrected
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.speaker_id
        WHERE q.not_quote = 0
        GROUP BY COALESCE('id:' || q.speaker_id, 'name:' || q.speaker_name, '')
        ORDER BY quotes DESC, name
        """
    ).fetchall()
    return [dict(r) for r in rows]


def articles(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per article with its quotation counts (all and per kind)."""
    rows = conn.execute(
        """
        SELECT a.id, a.doc_id, a.date, a.outlet, a.title, a.source,
               COUNT(DISTINCT CASE WHEN q.id IS NOT NULL THEN COALESCE(q.grp, q.seq) END) AS quotes,
               COUNT(DISTINCT CASE WHEN q.kind = 'direct' THEN COALESCE(q.grp, q.seq) END) AS direct,
               COUNT(DISTINCT CASE WHEN q.kind = 'mixed' THEN COALESCE(q.grp, q.seq) END) AS mixed,
               COUNT(DISTINCT CASE WHEN q.kind = 'indirect' THEN COALESCE(q.grp, q.seq) END) AS indirect,
               a.extractor_version
        FROM articles a LEFT JOIN quotes q ON q.article_id = a.id AND q.not_quote = 0
        GROUP BY a.id
        ORDER BY a.date IS NULL, a.date, a.id
        """
    ).fetchall()
    return [dict(r) for r in rows]


def context(text: str, start: int, end: int, *, width: int = 400) -> tuple[int, int]:
    """Bounds of the paragraph(s) around ``text[start:end]``, cut to ``width`` chars each side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left = max(left, start - width)
    right = min(right, end + width)
    # do not cut a word in half at a truncated edge
    if left > 0 and text[left - 1] not in "\n ":
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text) and text[right] not in "\n ":
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


# ---- gazetteer glue ------------------------------------------------------------------------------


def load_gazetteer(files: Sequence[str | Path] = ()) -> Any:
    """The bundled gazetteer merged with the user's ``--gazetteer`` files (cached per process)."""
    from quotes.gazetteer import load_gazetteer as load

    return load(tuple(files))


def gazetteer_people(gazetteer: Any) -> list[Any]:
    """The gazetteer's people (objects with .id, .name, .aliases), for the people table."""
    people = getattr(gazetteer, "people", None)
    if people is None:
        return []
    if isinstance(people, dict):
        return list(people.values())
    return list(people)
