"""Recycled quotes in the store: clusters seen in several outlets, first appearance, variants."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from quotes.dedup.diff import Change, fragment_diff
from quotes.dedup.engine import _speaker_key, canonical, speakers_compatible
from quotes.errors import UsageError
from quotes.normalize import HONORIFICS


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One appearance of a clustered quote in an article."""

    quote_id: int
    doc_id: str | None
    outlet: str | None
    date: str | None
    text: str
    speaker_name: str | None = None
    corrected: tuple[str, ...] = ()  # fields a reader corrected (quotes.corrections)


@dataclass(frozen=True, slots=True)
class Variant:
    """How one occurrence differs, word by word, from the cluster's reference occurrence.

    ``against`` is the reference: the earliest occurrence that is a full form (at least 90%
    of the longest one's words), so the changes read in the order the quote travelled.
    A fragment's words cut at either end are counted in ``cut``, not listed as changes.
    """

    quote_id: int
    against: int
    changes: tuple[Change, ...]
    cut: int = 0


@dataclass(frozen=True, slots=True)
class Cluster:
    """A quote that appears more than once: where it first appeared, where it was reused."""

    cluster_id: int
    text: str  # the longest full form
    speaker_name: str | None
    first_seen: Occurrence
    occurrences: tuple[Occurrence, ...]
    outlets: tuple[str, ...]
    diffs: tuple[Variant, ...] = field(default=())  # one per distinct variant

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        d = asdict(self)
        d["diffs"] = [
            {"quote_id": v.quote_id, "against": v.against, "cut": v.cut, "changes": [asdict(c) for c in v.changes]}
            for v in self.diffs
        ]
        return d


def _in_window(date: str | None, since: str | None, until: str | None) -> bool:
    # ISO strings compare in time order; "until 2020-10-22" includes that whole day.
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    return until is None or date[: len(until)] <= until


def recycled(
    conn: sqlite3.Connection,
    *,
    min_outlets: int = 2,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Cluster]:
    """Clusters with at least two occurrences in ``min_outlets`` distinct outlets.

    ``since``/``until`` (ISO dates) keep only occurrences in that period before counting;
    ``speaker`` keeps clusters whose speaker is compatible with the name ("Stoltenberg").
    Ordered by first appearance.
    """
    if min_outlets < 1:
        raise UsageError(f"--min-outlets must be >= 1, got {min_outlets}")
    want = _speaker_key(speaker) if speaker else None
    if speaker and want is None:
        raise UsageError(f"not a speaker name: {speaker!r}")
    if want is not None:
        want = (want - HONORIFICS) or want  # "Mr Younger" is anyone named Younger
    reports = (_report(cid, occs) for cid, occs in _occurrences(conn, since, until).items())
    out = [c for c in reports if c is not None and len(c.outlets) >= min_outlets and _spoken_by(c, want)]
    out.sort(key=lambda c: (c.first_seen.date or "\uffff", c.cluster_id))
    return out


def recycled_cluster(conn: sqlite3.Connection, cluster_id: int) -> Cluster | None:
    """The report of one cluster (as :func:`recycled` gives it, whatever its outlets), or None
    when it has fewer than two occurrences."""
    rows = conn.execute(
        f"{_OCCURRENCES} WHERE q.cluster_id = ? AND q.not_quote = 0 ORDER BY q.id", (cluster_id,)
    ).fetchall()
    return _report(cluster_id, [_occurrence(r) for r in rows])


def _spoken_by(cluster: Cluster, want: frozenset[str] | None) -> bool:
    """Whether the cluster's speaker can be the person ``want`` (any speaker when None)."""
    if want is None:
        return True
    key = _speaker_key(cluster.speaker_name)
    return key is not None and speakers_compatible([want], [key])


_OCCURRENCES = """
        SELECT q.cluster_id, q.id, a.doc_id, a.outlet, a.date, q.text, q.speaker_name, q.corrected
        FROM quotes q JOIN articles a ON a.id = q.article_id"""


def _occurrence(row: Any) -> Occurrence:
    from quotes.corrections import corrected_fields

    return Occurrence(quote_id=row[1], doc_id=row[2], outlet=row[3], date=row[4], text=row[5], speaker_name=row[6],
                      corrected=corrected_fields(row[7]))  # fmt: skip


def _occurrences(conn: sqlite3.Connection, since: str | None, until: str | None) -> dict[int, list[Occurrence]]:
    """Occurrences of every cluster of two quotes or more, those in the period only."""
    rows = conn.execute(
        f"""{_OCCURRENCES}
        WHERE q.not_quote = 0 AND q.cluster_id IN (
            SELECT cluster_id FROM quotes WHERE cluster_id IS NOT NULL AND not_quote = 0
            GROUP BY cluster_id HAVING COUNT(*) > 1)
        ORDER BY q.cluster_id, q.id
        """
    ).fetchall()
    groups: dict[int, list[Occurrence]] = {}
    for row in rows:
        occ = _occurrence(row)
        if _in_window(occ.date, since, until):
            groups.setdefault(row[0], []).append(occ)
    return groups


def _report(cid: int, occs: list[Occurrence]) -> Cluster | None:
    """A cluster's report from its occurrences (sorted here into date order): first appearance,
    outlets, word-level variants; None when it has fewer than two occurrences."""
    if len(occs) < 2:
        return None
    occs.sort(key=lambda o: (o.date or "\uffff", o.quote_id))
    outlets = tuple(dict.fromkeys(o.outlet for o in occs if o.outlet))  # in order of appearance
    names = [o.speaker_name for o in occs if o.speaker_name and _speaker_key(o.speaker_name)]
    name = max(names, key=len) if names else None
    text = max((o.text for o in occs), key=lambda t: len(canonical(t)))
    return Cluster(cid, text, name, occs[0], tuple(occs), outlets, tuple(_variants(occs)))


def _variants(occs: list[Occurrence]) -> list[Variant]:
    """One Variant per distinct canonical form, against the earliest full form (``occs`` in date order)."""
    size = {o.quote_id: len(canonical(o.text).split()) for o in occs}
    longest = max(size.values())
    ref = next(o for o in occs if size[o.quote_id] >= 0.9 * longest)
    seen = {canonical(ref.text)}
    diffs = []
    for o in occs:
        c = canonical(o.text)
        if c not in seen:
            seen.add(c)
            changes, cut = fragment_diff(ref.text, o.text)
            diffs.append(Variant(o.quote_id, ref.quote_id, tuple(changes), cut))
    return diffs


OCCURRENCE_COLUMNS = [
    "cluster_id", "text", "speaker_name", "first_outlet", "first_date", "first_doc_id", "outlets",
    "quote_id", "doc_id", "outlet", "date", "occurrence_text", "changes", "corrected",
]


def _describe(v: Variant) -> list[str]:
    return [str(c) for c in v.changes] + ([f"fragment ({v.cut} words cut)"] if v.cut else [])


def _changes(cluster: Cluster) -> dict[int, str]:
    return {v.quote_id: "; ".join(_describe(v)) for v in cluster.diffs}


def occurrence_rows(clusters: Iterable[Cluster]) -> Iterator[dict[str, Any]]:
    """One flat row per occurrence (CSV): its cluster, the first appearance, the changes."""
    for c in clusters:
        changes = _changes(c)
        for o in c.occurrences:
            yield {
                "cluster_id": c.cluster_id, "text": c.text, "speaker_name": c.speaker_name,
                "first_outlet": c.first_seen.outlet, "first_date": c.first_seen.date,
                "first_doc_id": c.first_seen.doc_id, "outlets": "; ".join(c.outlets),
                "quote_id": o.quote_id, "doc_id": o.doc_id, "outlet": o.outlet, "date": o.date,
                "occurrence_text": o.text, "changes": changes.get(o.quote_id, ""),
                "corrected": "; ".join(o.corrected),
            }


def summary_rows(clusters: Iterable[Cluster]) -> list[dict[str, Any]]:
    """One row per cluster (table): first appearance, outlets, count, text, distinct changes."""
    rows = []
    for c in clusters:
        first = " ".join(x for x in (c.first_seen.outlet, (c.first_seen.date or "")[:10]) if x)
        changes = dict.fromkeys(d for v in c.diffs for d in _describe(v) if not d.startswith("fragment"))
        if any(v.cut for v in c.diffs):
            changes["fragments"] = None
        corrected = any("speaker" in o.corrected for o in c.occurrences)
        rows.append({
            "cluster": c.cluster_id,
            "speaker": (c.speaker_name or "") + (" (corrected)" if corrected else "") or None, "first_seen": first,
            "outlets": "; ".join(c.outlets), "n": len(c.occurrences), "text": c.text,
            "changes": "; ".join(changes),
        })
    return rows
