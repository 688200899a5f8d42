"""The clustering engine's state in the SQLite store: incremental updates and rebuilds.

The index tables are created by the store's migrations (quotes.store.migrations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from quotes.dedup.engine import Params, _key, _place, _speaker_key, canonical

class _SqliteState:
    """The engine's state in the store: ``quotes.cluster_id`` is the union-find (flattened)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def exact(self, canon: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT f.quote_id, q.text FROM dedup_forms f JOIN quotes q ON q.id = f.quote_id"
            " WHERE f.form = ? ORDER BY f.quote_id",
            (_key(canon),),
        ).fetchall()
        return [qid for qid, text in rows if canonical(text) == canon]

    def add_exact(self, canon: str, qid: int) -> None:
        self.conn.execute("INSERT INTO dedup_forms (form, quote_id) VALUES (?, ?)", (_key(canon), qid))

    def postings(self, keys: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            for key, qid in self.conn.execute(
                f"SELECT key, quote_id FROM dedup_postings WHERE key IN ({marks}) ORDER BY rowid",
                chunk,
            ):
                out.setdefault(key, []).append(qid)
        return out

    def add_postings(self, qid: int, keys: Sequence[int], cap: int) -> None:
        conn = self.conn
        for key in keys:
            row = conn.execute("SELECT n FROM dedup_keys WHERE key = ?", (key,)).fetchone()
            if row is None:
                conn.execute("INSERT INTO dedup_keys (key, n) VALUES (?, 1)", (key,))
                conn.execute("INSERT INTO dedup_postings (key, quote_id) VALUES (?, ?)", (key, qid))
            elif row[0] < 0:
                continue
            elif row[0] >= cap:
                conn.execute("UPDATE dedup_keys SET n = -1 WHERE key = ?", (key,))
                conn.execute("DELETE FROM dedup_postings WHERE key = ?", (key,))
            else:
                conn.execute("UPDATE dedup_keys SET n = n + 1 WHERE key = ?", (key,))
                conn.execute("INSERT INTO dedup_postings (key, quote_id) VALUES (?, ?)", (key, qid))

    def canon(self, qids: Sequence[int]) -> dict[int, str]:
        marks = ",".join("?" * len(qids))
        rows = self.conn.execute(f"SELECT id, text FROM quotes WHERE id IN ({marks})", list(qids))
        return {qid: canonical(text) for qid, text in rows}

    def find(self, qid: int) -> int:
        row = self.conn.execute("SELECT cluster_id FROM quotes WHERE id = ?", (qid,)).fetchone()
        return row[0] if row and row[0] is not None else qid

    def speakers(self, root: int) -> set[frozenset[str]]:
        rows = self.conn.execute(
            "SELECT DISTINCT speaker_name FROM quotes WHERE cluster_id = ?", (root,)
        )
        return {k for (name,) in rows if (k := _speaker_key(name))}

    def union(self, ra: int, rb: int) -> int:
        root, child = min(ra, rb), max(ra, rb)
        self.conn.execute("UPDATE quotes SET cluster_id = ? WHERE cluster_id = ?", (root, child))
        return root

    def new(self, qid: int, speaker: frozenset[str] | None) -> None:
        self.conn.execute("UPDATE quotes SET cluster_id = ? WHERE id = ?", (qid, qid))


def _chunks(seq: Sequence[Any], n: int) -> Iterator[list[Any]]:
    seq = list(seq)
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def update_clusters(
    conn: sqlite3.Connection, quote_ids: Sequence[int], params: Params | None = None
) -> None:
    """Cluster newly inserted quotes into the store's existing clusters (no recomputation).

    Called by the store's ingest inside each batch's transaction, after the batch's quotes are
    inserted. Quotes are placed in id order, so the result equals batch ``cluster`` over all
    quotes in id order. Quotes already clustered are skipped.
    """
    p = params or Params()
    state = _SqliteState(conn)
    ids = sorted(set(quote_ids))
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, text, speaker_name FROM quotes WHERE id IN ({marks})"
            " AND cluster_id IS NULL ORDER BY id",
            chunk,
        ).fetchall()
        for qid, text, speaker in rows:
            _place(state, qid, text, speaker, p)


def rebuild_clusters(conn: sqlite3.Connection, params: Params | None = None) -> int:
    """Recompute every cluster from scratch (after deletions or a threshold change).

    Runs in the caller's transaction; returns the number of quotes clustered.
    """
    for table in ("dedup_forms", "dedup_keys", "dedup_postings"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE quotes SET cluster_id = NULL")
    ids = [r[0] for r in conn.execute("SELECT id FROM quotes ORDER BY id")]
    update_clusters(conn, ids, params)
    return len(ids)


