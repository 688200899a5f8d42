"""The clustering index in SQLite: the store's tables, kept equal to a fresh computation.

Tables (created by the store's migrations m006-m007):
``dedup_forms`` (distinct canonical forms, with how many shingles they hold and how many of
those are stop shingles), ``dedup_form_keys`` (their shingles),
``dedup_keys`` (how many forms hold each shingle: above ``max_postings`` it is a stop
shingle), ``dedup_links`` (pairs of forms confirmed as variants) and ``quotes.dedup_form`` /
``quotes.cluster_id``.

Each update adds the new quotes' forms, drops forms no quote uses any more, probes the new
forms (and, when a shingle turns into a stop shingle or back, every form holding it) for
links, then recomputes the clusters of every group of linked forms that changed with
:func:`quotes.dedup.engine.partition`. Links and clusters are functions of the set of quotes,
so the result does not depend on the order quotes arrived in or were re-extracted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from quotes.dedup.engine import Params, candidates_share_enough, canonical, link_score, partition, shingle_keys
from quotes.dedup.memory import Progress, clustering

_CHUNK = 500  # SQLite's default limit of bound parameters is 999 on old builds


def _chunks(seq: Iterable[Any], n: int = _CHUNK) -> Iterator[list[Any]]:
    seq = list(seq)
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class _Update:
    """One update of the index, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, params: Params) -> None:
        self.conn, self.p = conn, params
        self.df_before: dict[int, int] = {}  # shingles whose count changed: count before
        self.df_now: dict[int, int] = {}  # ... and now
        self.probe: set[int] = set()  # forms whose links are computed again
        self.affected: set[int] = set()  # forms whose group's clusters are computed again

    # -- forms and shingles
    def add_quotes(self, quote_ids: Sequence[int]) -> None:
        for chunk in _chunks(sorted(set(quote_ids))):
            rows = self.conn.execute(
                f"SELECT id, text FROM quotes WHERE id IN ({_marks(chunk)}) AND dedup_form IS NULL", chunk
            ).fetchall()
            for qid, text in rows:
                canon = canonical(text)
                if not canon:  # no word characters: a cluster of its own
                    self.conn.execute("UPDATE quotes SET cluster_id = id WHERE id = ?", (qid,))
                    continue
                form = self._form(canon)
                self.conn.execute("UPDATE quotes SET dedup_form = ? WHERE id = ?", (form, qid))
                self.affected.add(form)

    def _form(self, canon: str) -> int:
        row = self.conn.execute("SELECT id FROM dedup_forms WHERE canon = ?", (canon,)).fetchone()
        if row is not None:
            return int(row[0])
        words = canon.split()
        keys = shingle_keys(words, self.p.shingle)
        form = int(
            self.conn.execute(
                "INSERT INTO dedup_forms (canon, words, keys) VALUES (?, ?, ?)", (canon, len(words), len(keys))
            ).lastrowid or 0
        )  # fmt: skip
        self.conn.executemany("INSERT INTO dedup_form_keys (key, form) VALUES (?, ?)", [(key, form) for key in keys])
        stops = 0
        for key in keys:
            df = self.conn.execute(
                "INSERT INTO dedup_keys (key, df) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET df = df + 1 RETURNING df",
                (key,),
            ).fetchone()[0]
            self.df_before.setdefault(key, df - 1)
            self.df_now[key] = df
            # a stop shingle since before this update (one that turns now is counted in settle())
            stops += self.df_before[key] > self.p.max_postings
        self.conn.execute("UPDATE dedup_forms SET stops = ? WHERE id = ?", (stops, form))
        self.probe.add(form)
        return form

    def _uncount(self, key: int) -> None:
        """One form fewer holds ``key``."""
        row = self.conn.execute("SELECT df FROM dedup_keys WHERE key = ?", (key,)).fetchone()
        df = row[0] if row else 0
        self.df_before.setdefault(key, df)
        self.df_now[key] = df - 1
        if df > 1:
            self.conn.execute("UPDATE dedup_keys SET df = ? WHERE key = ?", (df - 1, key))
        else:
            self.conn.execute("DELETE FROM dedup_keys WHERE key = ?", (key,))

    def forget_forms(self, forms: Iterable[int]) -> None:
        """Forms that lost quotes: dropped when no quote uses them any more."""
        for form in sorted(set(forms)):
            if self.conn.execute("SELECT 1 FROM quotes WHERE dedup_form = ? LIMIT 1", (form,)).fetchone():
                self.affected.add(form)
                continue
            self.affected |= self._neighbours(form)
            self.conn.execute("DELETE FROM dedup_links WHERE a = ? OR b = ?", (form, form))
            keys = [r[0] for r in self.conn.execute("SELECT key FROM dedup_form_keys WHERE form = ?", (form,))]
            for key in keys:
                self._uncount(key)
            self.conn.execute("DELETE FROM dedup_form_keys WHERE form = ?", (form,))
            self.conn.execute("DELETE FROM dedup_forms WHERE id = ?", (form,))
            self.probe.discard(form)
            self.affected.discard(form)

    # -- links
    def settle(self) -> None:
        """Probe what needs it, then recompute the clusters of the groups that changed."""
        cap = self.p.max_postings
        for key, before in self.df_before.items():
            now = self.df_now[key]
            if (before > cap) != (now > cap):  # turned into a stop shingle or back
                holders = [r[0] for r in self.conn.execute("SELECT form FROM dedup_form_keys WHERE key = ?", (key,))]
                self.conn.executemany(
                    "UPDATE dedup_forms SET stops = stops + ? WHERE id = ?", [(1 if now > cap else -1, f) for f in holders]
                )
                self.probe.update(holders)
        for form in sorted(self.probe):
            self._probe(form)
        self._recluster()

    def _neighbours(self, form: int) -> set[int]:
        rows = self.conn.execute("SELECT b FROM dedup_links WHERE a = ? UNION SELECT a FROM dedup_links WHERE b = ?", (form, form))
        return {r[0] for r in rows}

    def _live_keys(self, form: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT fk.key FROM dedup_form_keys fk JOIN dedup_keys k ON k.key = fk.key WHERE fk.form = ? AND k.df <= ?",
            (form, self.p.max_postings),
        )
        return [r[0] for r in rows]

    def _probe(self, form: int) -> None:
        """Compute the links of ``form`` again from scratch."""
        self.affected |= self._neighbours(form) | {form}
        self.conn.execute("DELETE FROM dedup_links WHERE a = ? OR b = ?", (form, form))
        for other, score in self._matches(form):
            a, b = min(form, other), max(form, other)
            self.conn.execute("INSERT OR REPLACE INTO dedup_links (a, b, score) VALUES (?, ?, ?)", (a, b, score))
            self.affected.add(other)

    def _matches(self, form: int) -> Iterator[tuple[int, float]]:
        """The forms that ``form`` links to, with their similarity."""
        canon, words = self.conn.execute("SELECT canon, words FROM dedup_forms WHERE id = ?", (form,)).fetchone()
        live = self._live_keys(form) if words >= self.p.min_words else []
        if not live:
            return
        # Forms sharing live shingles (at most max_postings per shingle), with their live count.
        shared = self.conn.execute(
            "SELECT fk.form, COUNT(*), f.keys - f.stops, f.canon FROM dedup_form_keys fk JOIN dedup_forms f ON f.id = fk.form"
            f" WHERE fk.key IN ({_marks(live)}) AND fk.form != ? AND f.words >= ? GROUP BY fk.form",
            [*live, form, self.p.min_words],
        ).fetchall()
        for other, n, other_live, text in shared:
            if candidates_share_enough(n, len(live), other_live, self.p):
                score = link_score(canon, text, self.p)
                if score is not None:
                    yield other, score

    # -- clusters
    def _recluster(self) -> None:
        done: set[int] = set()
        for form in sorted(self.affected):
            if form in done:
                continue
            group = self._group(form)
            done |= group
            self._cluster_group(group)

    def _group(self, form: int) -> set[int]:
        """The forms linked to ``form``, directly or not."""
        group, todo = {form}, [form]
        while todo:
            for other in self._neighbours(todo.pop()):
                if other not in group:
                    group.add(other)
                    todo.append(other)
        return group

    def _cluster_group(self, group: set[int]) -> None:
        forms = sorted(group)
        canon = dict(self.conn.execute(f"SELECT id, canon FROM dedup_forms WHERE id IN ({_marks(forms)})", forms))
        members = [
            (qid, canon[form], speaker)
            for qid, form, speaker in self.conn.execute(
                f"SELECT id, dedup_form, speaker_name FROM quotes WHERE dedup_form IN ({_marks(forms)})", forms
            )
        ]
        links = [
            (canon[a], canon[b], score)
            for a, b, score in self.conn.execute(f"SELECT a, b, score FROM dedup_links WHERE a IN ({_marks(forms)})", forms)
        ]
        for ids in partition(members, links):
            self.conn.executemany("UPDATE quotes SET cluster_id = ? WHERE id = ?", [(min(ids), qid) for qid in ids])


def update_clusters(
    conn: sqlite3.Connection, quote_ids: Sequence[int], params: Params | None = None, *, removed_forms: Iterable[int] = ()
) -> None:
    """Bring the clusters up to date after inserting ``quote_ids`` and deleting quotes that
    used ``removed_forms``; runs in the caller's transaction (the store's ingest batch).

    Afterwards the clusters equal :func:`rebuild_clusters` over the quotes stored.
    """
    update = _Update(conn, params or Params())
    update.add_quotes(quote_ids)
    update.forget_forms(removed_forms)
    update.settle()


def recluster_quotes(conn: sqlite3.Connection, quote_ids: Sequence[int], params: Params | None = None) -> None:
    """Quotes whose text or speaker changed in place (a reader's correction): their forms and
    clusters are computed again, in the caller's transaction."""
    ids = sorted(set(quote_ids))
    forms: list[int] = []
    for chunk in _chunks(ids):
        forms += [r[0] for r in conn.execute(f"SELECT dedup_form FROM quotes WHERE id IN ({_marks(chunk)}) AND dedup_form IS NOT NULL", chunk)]
        conn.execute(f"UPDATE quotes SET dedup_form = NULL WHERE id IN ({_marks(chunk)})", chunk)
    update_clusters(conn, ids, params, removed_forms=forms)


def rebuild_clusters(conn: sqlite3.Connection, params: Params | None = None, *, progress: Progress | None = None) -> int:
    """Recompute every cluster from scratch (after a threshold change, or a migration).

    The whole set is clustered in memory (quotes.dedup.memory, the same forms, links and
    clusters as the batch-by-batch update) and the index tables are written in bulk: a store
    of 100k quotes in about a minute, not the half hour of updating it one quote at a time.
    ``progress`` (forms probed, forms in all) is called now and then. Runs in the caller's
    transaction; returns the number of quotes clustered.
    """
    p = params or Params()
    rows = conn.execute("SELECT id, text, speaker_name FROM quotes ORDER BY id").fetchall()
    ids = [r[0] for r in rows]
    done = clustering([(canonical(text), speaker) for _, text, speaker in rows], p, progress)
    del rows
    for table in ("dedup_forms", "dedup_form_keys", "dedup_keys", "dedup_links", "dedup_state"):
        conn.execute(f"DELETE FROM {table}")
    cap = p.max_postings
    # Form ids are positions + 1.
    conn.executemany(
        "INSERT INTO dedup_forms (id, canon, words, keys, stops) VALUES (?, ?, ?, ?, ?)",
        (
            (form + 1, canon, len(canon.split()), len(keys), sum(done.df[k] > cap for k in keys))
            for form, (canon, keys) in enumerate(zip(done.canons, done.keys))
        ),
    )
    conn.executemany("INSERT INTO dedup_keys (key, df) VALUES (?, ?)", sorted(done.df.items()))
    conn.executemany(
        "INSERT INTO dedup_form_keys (key, form) VALUES (?, ?)",
        ((key, form + 1) for form, keys in enumerate(done.keys) for key in keys),  # sorting them costs more
    )
    conn.executemany("INSERT INTO dedup_links (a, b, score) VALUES (?, ?, ?)", sorted((a + 1, b + 1, s) for a, b, s in done.links))
    conn.executemany(
        "UPDATE quotes SET dedup_form = ?, cluster_id = ? WHERE id = ?",
        ((done.form_of[seq] + 1 if seq in done.form_of else None, ids[first], ids[seq]) for seq, first in done.first.items()),
    )
    return len(ids)


def needs_rebuild(conn: sqlite3.Connection) -> bool:
    """Whether a migration asked for the clusters to be rebuilt."""
    return conn.execute("SELECT 1 FROM dedup_state WHERE name = 'rebuild'").fetchone() is not None
