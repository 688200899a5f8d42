"""Clustering outside the store: ``ClusterIndex`` over an in-memory SQLite index, ``cluster``."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from quotes.dedup.engine import (
    DEFAULT_FRAGMENT_THRESHOLD,
    DEFAULT_MIN_FRAGMENT,
    DEFAULT_MIN_WORDS,
    DEFAULT_THRESHOLD,
    Params,
    canonical,
)
from quotes.dedup.sql import memory_index, update_clusters
from quotes.errors import UsageError


class ClusterIndex:
    """Incremental clustering: ``add`` quotes in any number of calls, read ``clusters()``.

    Ids are any hashable record ids; a cluster's id is the id of its earliest-added member.
    The clusters, as sets, do not depend on the order the quotes were added in.
    """

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self._ids: list[Hashable] = []
        self._seq: dict[Hashable, int] = {}
        self._db = memory_index()
        self._pending: list[int] = []

    def add(self, id: Hashable, text: str, speaker: str | None = None) -> None:
        """Add one quote (clustered when :meth:`clusters` is next read)."""
        if id in self._seq:
            raise UsageError(f"duplicate quote id {id!r}")
        seq = len(self._ids)
        self._ids.append(id)
        self._seq[id] = seq
        # Canonical forms only (clustering reads nothing else): they hold no lone surrogates,
        # which SQLite cannot store and JSON input may carry ("\ud800").
        speaker = canonical(speaker) if speaker else None
        self._db.execute("INSERT INTO quotes (id, text, speaker_name) VALUES (?, ?, ?)", (seq, canonical(text), speaker))
        self._pending.append(seq)

    def add_many(self, records: Iterable[Any]) -> None:
        """Add records (dicts or objects with ``id``, ``text`` and optional ``speaker``)."""
        for r in records:
            rid, text, speaker = _fields(r)
            self.add(rid, text, speaker)

    def clusters(self) -> dict[Hashable, Hashable]:
        """Every quote id -> its cluster id."""
        if self._pending:
            self._db.execute("BEGIN")
            update_clusters(self._db, self._pending, self.params)
            self._db.execute("COMMIT")
            self._pending = []
        ids = self._ids
        return {ids[seq]: ids[cid] for seq, cid in self._db.execute("SELECT id, cluster_id FROM quotes ORDER BY id")}

    def __len__(self) -> int:
        return len(self._ids)


def _fields(r: Any) -> tuple[Hashable, str, str | None]:
    """(id, text, speaker) of a dict or a Quote-like object."""
    if isinstance(r, Mapping):
        speaker = r.get("speaker_name") or r.get("speaker")
        return r["id"], r["text"], speaker
    speaker = getattr(r, "speaker_name", None) or getattr(r, "speaker", None)
    return r.id, r.text, speaker


def cluster(
    records: Iterable[Any],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    fragment_threshold: float = DEFAULT_FRAGMENT_THRESHOLD,
    min_words: int = DEFAULT_MIN_WORDS,
    min_fragment: int = DEFAULT_MIN_FRAGMENT,
    **blocking: Any,
) -> dict[Hashable, Hashable]:
    """Cluster quote records (``id``, ``text``, optional ``speaker``/``speaker_name``).

    Returns every id -> cluster id (the id of the cluster's first record in input order).
    ``blocking`` may set ``shingle``, ``max_postings``, ``min_shared``.
    """
    index = ClusterIndex(Params(threshold, fragment_threshold, min_words, min_fragment, **blocking))
    index.add_many(records)
    return index.clusters()
