"""Recycled quotes: cluster near-duplicate quotations across articles and outlets.

- ``engine``: canonical forms, pair decisions, the order-independent partition.
- ``sql``: the index in SQLite (the store's tables), updated batch by batch during ingest.
- ``memory``: ``ClusterIndex`` and ``cluster`` over records in memory (the same clusters).
- ``reader``: JSONL quote files for ``quotes dedup``.
- ``report``: recycled quotes in the store (``quotes recycled``) with ``diff``'s word changes.
"""

from quotes.dedup.diff import Change, diff_spans, fragment_diff, word_diff
from quotes.dedup.engine import (
    DEFAULT_FRAGMENT_THRESHOLD,
    DEFAULT_MAX_POSTINGS,
    DEFAULT_MIN_FRAGMENT,
    DEFAULT_MIN_SHARED,
    DEFAULT_MIN_WORDS,
    DEFAULT_SHINGLE,
    DEFAULT_THRESHOLD,
    Params,
    canonical,
    is_match,
    partition,
    shingle_keys,
    speakers_compatible,
)
from quotes.dedup.memory import ClusterIndex, cluster
from quotes.dedup.reader import dedup_records, read_records
from quotes.dedup.report import (
    OCCURRENCE_COLUMNS,
    Cluster,
    Occurrence,
    Variant,
    occurrence_rows,
    recycled,
    recycled_cluster,
    summary_rows,
)
from quotes.dedup.sql import rebuild_clusters, update_clusters

__all__ = [
    "DEFAULT_FRAGMENT_THRESHOLD", "DEFAULT_MAX_POSTINGS", "DEFAULT_MIN_FRAGMENT",
    "DEFAULT_MIN_SHARED", "DEFAULT_MIN_WORDS", "DEFAULT_SHINGLE", "DEFAULT_THRESHOLD", "OCCURRENCE_COLUMNS",
    "Change", "Cluster", "ClusterIndex", "Occurrence", "Params", "Variant", "canonical", "cluster",
    "dedup_records", "diff_spans", "fragment_diff", "is_match", "occurrence_rows", "partition", "read_records", "rebuild_clusters",
    "recycled", "recycled_cluster", "shingle_keys", "speakers_compatible", "summary_rows", "update_clusters", "word_diff",
]  # fmt: skip
