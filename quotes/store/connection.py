"""Opening the store: one SQLite file in WAL mode, migrated on open, explicit transactions.

Writers take the write lock up front (BEGIN IMMEDIATE) and wait for each other (busy
timeout); readers never block in WAL mode.
"""

from __future__ import annotations

import glob
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quotes.errors import NotFound, StoreError
from quotes.store.migrations import migrate, pending

DEFAULT_DB = "quotes.db"
BUSY_TIMEOUT_MS = 60_000


def default_db_path() -> Path:
    """``$QUOTES_DB`` when set, else ``./quotes.db``."""
    return Path(os.environ.get("QUOTES_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the store at ``path``; autocommit mode, transactions are explicit.

    With ``create=False`` a missing file is an error instead of a new empty database (for
    read-only commands, so a mistyped ``--db`` does not silently show nothing). With
    ``readonly=True`` (implies ``create=False``) the connection cannot write, and a database
    the user may read but not write (a read-only file or folder, in WAL mode too) can be read.
    """
    path = Path(path) if path is not None else default_db_path()
    _check_path(path, create=create and not readonly)
    if readonly:
        return _open_readonly(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"{path}: read-only database file; the reading commands (list, show, export ...) can still read it")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"{path}: folder {path.parent} is read-only (SQLite writes its journal beside the database)")
    if not path.exists():
        _create(path)
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


def _create(path: Path) -> None:
    """Make a new store whole before it appears at ``path``: the schema is written to a file
    beside it, which is then linked into place only if ``path`` is still free (a second process
    creating the same store at the same moment keeps the first one's). A reader that opens the
    store while an ingest creates it thus sees no store or a whole one, never an empty file.
    Where the filesystem has no hard links the store is created in place, as before."""
    _remove_stale_temporaries(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        _open(tmp).close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:
            pass  # no hard links here: connect() creates it in place
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


# A store is made in milliseconds: a temporary this old was left by a process killed while making one.
STALE_TEMPORARY_S = 600


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what :func:`_create` left beside ``path`` when its process was killed mid-way
    (``.q.db.XXXX.new`` and its journals); a temporary another process is writing now is young
    and stays."""
    cutoff = time.time() - STALE_TEMPORARY_S
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.new*"):
        try:
            if leftover.is_file() and not leftover.is_symlink() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: it harms nothing


def _check_path(path: Path, *, create: bool) -> None:
    """One clear line for a path that cannot be a store (before SQLite touches anything)."""
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database (run `quotes ingest` first or pass --db)")
    if path.exists() and not path.is_file():
        # A device, FIFO or folder: SQLite would open /dev/null and leave /dev/null-journal.
        raise StoreError(f"{path}: not a regular file; pass a database file to --db")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise StoreError(f"{path}: folder {parent} does not exist")


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. A store made by an older version is migrated first when
    it can be written; a WAL database in a read-only folder is read as immutable."""
    conn = _readonly(path)
    if _needs_writing(conn):
        conn.close()
        try:
            connect(path, create=False).close()  # migrate (and rebuild clusters) once
        except StoreError as exc:
            conn = _readonly(path)
            if pending(conn):
                conn.close()
                raise StoreError(f"{path}: made by an older version of quotes and must be upgraded, which needs write access ({exc})") from exc
            return conn  # clusters wait for the next writer
        conn = _readonly(path)
    return conn


def _readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    try:
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            _check_quotes_db(conn, path)
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
            # WAL mode needs the -shm file, which a read-only folder does not let SQLite create:
            # nobody can write there either, so the file cannot change while it is read.
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            _check_quotes_db(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open as a quotes database ({exc})") from exc
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _check_quotes_db(conn: sqlite3.Connection, path: Path) -> None:
    tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    if "_migrations" not in tables:
        conn.close()
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        what = f"it holds other tables: {shown}" if tables else "it is empty"
        raise StoreError(f"{path}: not a quotes database ({what}); pass another --db")


def _needs_writing(conn: sqlite3.Connection) -> bool:
    from quotes.dedup.sql import needs_rebuild

    return bool(pending(conn)) or needs_rebuild(conn)


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
        _rebuild_clusters_if_asked(conn, path)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: cannot open as a quotes database ({exc})") from exc
    return conn


def _rebuild_clusters_if_asked(conn: sqlite3.Connection, path: Path) -> None:
    """Recompute the recycled-quote clusters when a migration changed how they are made.

    An upgrade of a store that holds quotes says so on stderr, with its progress: it is the
    one step of opening a store that takes time (about a minute per 100k quotes).
    """
    from quotes.dedup.sql import needs_rebuild, rebuild_clusters

    report = None
    if needs_rebuild(conn):
        with transaction(conn):
            if needs_rebuild(conn):  # another process may have done it meanwhile
                n = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
                report = _RebuildReport(path, n) if n else None
                rebuild_clusters(conn, progress=report)
        if report is not None:
            report.finished()


class _RebuildReport:
    """Lines on stderr while an upgraded store's clusters are rebuilt (every ``every`` s)."""

    def __init__(self, path: Path, quotes: int, every: float = 15.0) -> None:
        self.path, self.every = path, every
        self.start = self.last = time.monotonic()
        self._say(f"upgrading: clustering its {quotes:,} quotes again for `quotes recycled` (once)")

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._say(f"upgrading: {done:,} of {total:,} quote texts compared ({100 * done // max(1, total)}%)")

    def finished(self) -> None:
        self._say(f"upgraded: clusters rebuilt in {time.monotonic() - self.start:.0f} s")

    def _say(self, message: str) -> None:
        print(f"quotes: {self.path}: {message}", file=sys.stderr, flush=True)


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


