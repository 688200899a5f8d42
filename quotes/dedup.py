"""Recycled quotes: cluster near-duplicate quotations across articles and outlets.

The same quote travels from outlet to outlet with small changes (a word swapped or dropped,
other quotation marks, a fragment of it). Pipeline, one quote at a time so that batch and
incremental clustering give the same result:

1. ``canonical(text)``: NFKC, case-fold, punctuation and quotation marks removed, whitespace
   collapsed. Equal canonical forms are the same quote (cheap dictionary lookup).
2. Blocking: an inverted index of word shingles (bigrams by default). A shingle found in more
   than ``max_postings`` indexed quotes is a stop shingle ("of the", "we will") and is dropped
   from the index, so a lookup costs at most ``shingles x max_postings`` whatever the corpus
   size: total cost grows about linearly with the number of quotes, never all pairs.
3. Confirmation with rapidfuzz on the ``max_candidates`` candidates sharing the most
   shingles: full-length similarity (max of character ``fuzz.ratio`` and word-level Indel
   similarity) >= ``threshold``, or, for a fragment of at least ``min_fragment`` words,
   ``fuzz.partial_ratio`` >= ``fragment_threshold``.
4. Union-find over confirmed pairs. A cluster's id is the id of its earliest-added member.

Different speakers are not one quote: a union is refused when the two clusters name
incompatible known speakers (names are compatible when equal or when one's words are a subset
of the other's: "Stoltenberg" ~ "Jens Stoltenberg"). We split rather than flag so that every
cluster has at most one speaker and ``recycled`` can report it; a quote with no known speaker
joins the first compatible cluster it matches.

The same engine runs on an in-memory state (``ClusterIndex``, ``cluster``) and on the SQLite
store (``update_clusters``), whose index tables are created by ``create_tables``.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from itertools import chain
from math import ceil
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from quotes.errors import UsageError
from quotes.normalize import canonical_text as canonical

# Defaults measured with bench/bench_dedup.py (see bench/README-dedup.md).
DEFAULT_THRESHOLD = 85.0
DEFAULT_FRAGMENT_THRESHOLD = 90.0
DEFAULT_MIN_WORDS = 4
DEFAULT_MIN_FRAGMENT = 6
DEFAULT_SHINGLE = 2
DEFAULT_MAX_POSTINGS = 200
DEFAULT_MAX_CANDIDATES = 8
DEFAULT_MIN_SHARED = 0.5


@dataclass(frozen=True, slots=True)
class Params:
    """Clustering thresholds.

    ``threshold``: full-length similarity (0-100) for rewordings. ``fragment_threshold``:
    ``partial_ratio`` for a fragment of a longer quote. ``min_words``: quotes shorter than this
    join only on an equal canonical form. ``min_fragment``: minimum words of the shorter quote
    for the fragment rule, so a common phrase ("right direction") links nothing.
    ``shingle``/``max_postings``/``max_candidates``/``min_shared`` tune blocking (speed vs
    recall): a candidate must share ``min_shared`` of the quote's indexed shingles.
    """

    threshold: float = DEFAULT_THRESHOLD
    fragment_threshold: float = DEFAULT_FRAGMENT_THRESHOLD
    min_words: int = DEFAULT_MIN_WORDS
    min_fragment: int = DEFAULT_MIN_FRAGMENT
    shingle: int = DEFAULT_SHINGLE
    max_postings: int = DEFAULT_MAX_POSTINGS
    max_candidates: int = DEFAULT_MAX_CANDIDATES
    min_shared: float = DEFAULT_MIN_SHARED

    def __post_init__(self) -> None:
        for name in ("threshold", "fragment_threshold"):
            value = getattr(self, name)
            if not 0 < value <= 100:
                raise UsageError(f"{name} must be in (0, 100], got {value}")
        for name in ("min_words", "min_fragment", "shingle", "max_postings", "max_candidates"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} must be >= 1, got {getattr(self, name)}")
        if not 0 <= self.min_shared <= 1:
            raise UsageError(f"min_shared must be in [0, 1], got {self.min_shared}")


# ---- canonical form and features ----------------------------------------------------------

# An apostrophe inside a word is dropped (don't -> dont); any other punctuation is a space.
def _key(s: str) -> int:
    """A stable 63-bit hash (Python's str hash is salted per process; the store persists keys)."""
    b = s.encode("utf-8", "surrogatepass")
    return (zlib.crc32(b) << 31) ^ zlib.adler32(b)


def shingle_keys(words: Sequence[str], k: int = DEFAULT_SHINGLE) -> list[int]:
    """Distinct hashed word k-shingles of a canonical word list (the whole list if shorter)."""
    if len(words) <= k:
        return [_key(" ".join(words))] if words else []
    return list(dict.fromkeys(_key(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)))


def _speaker_key(name: str | None) -> frozenset[str] | None:
    """Words of a speaker name, or None when the speaker is unknown (empty or a pronoun)."""
    if not name:
        return None
    words = frozenset(canonical(name).split())
    if not words or words <= _UNKNOWN_SPEAKERS:
        return None
    return words


_UNKNOWN_SPEAKERS = frozenset(
    "he she they it we i you him her them unknown none null nan the source official".split()
)


def speakers_compatible(a: Iterable[frozenset[str]], b: Iterable[frozenset[str]]) -> bool:
    """True when every known speaker of ``a`` can be the same person as every one of ``b``."""
    b = list(b)
    return all(x <= y or y <= x for x in a for y in b)


def is_match(a: str, b: str, params: Params = Params()) -> bool:
    """Whether two canonical forms are variants of one quote (rewording or fragment)."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) < params.min_words:
        return False
    return _similar(a, wa, b, wb, params)


def _similar(a: str, wa: list[str], b: str, wb: list[str], p: Params) -> bool:
    if fuzz.ratio(a, b, score_cutoff=p.threshold):
        return True
    if Indel.normalized_similarity(wa, wb) * 100 >= p.threshold:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ws = wa if short is a else wb
    if len(ws) < p.min_fragment:
        return False
    al = fuzz.partial_ratio_alignment(short, long_, score_cutoff=p.fragment_threshold)
    if al is None:
        return False
    # Characters can align across word boundaries ("reported in 1991" ~ "reported on "):
    # the aligned window's words must match the fragment's words too.
    window = _window_words(long_, al.dest_start, al.dest_end)
    return Indel.normalized_similarity(ws, window) * 100 >= p.threshold


def _window_words(text: str, start: int, end: int) -> list[str]:
    """Words of ``text`` overlapping ``text[start:end]`` (a canonical, single-spaced text)."""
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    return text[start : len(text) if stop < 0 else stop].split()


# ---- the engine, over a pluggable state ----------------------------------------------------


class _State(Protocol):
    """Storage the engine needs: exact forms, shingle postings, union-find with speakers."""

    def exact(self, canon: str) -> list[int]: ...
    def add_exact(self, canon: str, qid: int) -> None: ...
    def postings(self, keys: Sequence[int]) -> dict[int, list[int]]: ...
    def add_postings(self, qid: int, keys: Sequence[int], cap: int) -> None: ...
    def canon(self, qids: Sequence[int]) -> dict[int, str]: ...
    def find(self, qid: int) -> int: ...
    def speakers(self, root: int) -> set[frozenset[str]]: ...
    def union(self, ra: int, rb: int) -> int: ...
    def new(self, qid: int, speaker: frozenset[str] | None) -> None: ...


def _place(state: _State, qid: int, text: str, speaker: str | None, p: Params) -> int:
    """Add one quote to ``state``: join matching compatible clusters; return its cluster id."""
    canon = canonical(text)
    spk = _speaker_key(speaker)
    state.new(qid, spk)
    mine = {spk} if spk else set()

    def try_union(other: int) -> bool:
        nonlocal mine
        ro, rq = state.find(other), state.find(qid)
        if ro == rq:
            return True
        theirs = state.speakers(ro)
        if not speakers_compatible(mine, theirs):
            return False
        state.union(rq, ro)
        mine = mine | theirs
        return True

    twins = state.exact(canon)
    if any(try_union(t) for t in twins):
        return state.find(qid)  # an equal form is indexed already
    state.add_exact(canon, qid)
    words = canon.split()
    if not words:
        return state.find(qid)
    keys = shingle_keys(words, p.shingle)
    if len(words) >= p.min_words:
        postings = state.postings(keys)
        counts = Counter(chain.from_iterable(postings.values()))
        # A variant shares most of its live shingles with its original; a candidate sharing
        # fewer than min_shared of them is not worth a rapidfuzz call.
        need = max(1, ceil(p.min_shared * len(postings)))
        near = [c for c, n in counts.items() if n >= need]
        if near:
            best = sorted(near, key=lambda c: (-counts[c], c))[: p.max_candidates]
            texts = state.canon(best)
            for c in best:
                other = texts.get(c)
                if other is None:
                    continue  # deleted from the store since it was indexed
                if state.find(c) == state.find(qid):
                    continue  # joined already through another candidate
                wo = other.split()
                if len(wo) >= p.min_words and _similar(canon, words, other, wo, p):
                    try_union(c)
    state.add_postings(qid, keys, p.max_postings)
    return state.find(qid)


class ClusterIndex:
    """In-memory incremental clustering: ``add`` quotes in any number of calls.

    Ids are any hashable record ids; a cluster's id is the id of its earliest-added member.
    """

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self._ids: list[Hashable] = []
        self._seq: dict[Hashable, int] = {}
        self._parent: list[int] = []
        self._spk: dict[int, set[frozenset[str]]] = {}
        self._canon: dict[int, str] = {}
        self._exact: dict[str, list[int]] = {}
        # key -> list of indexed quotes; None once the key is a stop shingle
        self._post: dict[int, list[int] | None] = {}

    # state protocol (internal sequence numbers)
    def exact(self, canon: str) -> list[int]:
        return self._exact.get(canon, [])

    def add_exact(self, canon: str, qid: int) -> None:
        self._exact.setdefault(canon, []).append(qid)
        self._canon[qid] = canon

    def postings(self, keys: Sequence[int]) -> dict[int, list[int]]:
        post = self._post
        return {k: v for k in keys if (v := post.get(k))}

    def add_postings(self, qid: int, keys: Sequence[int], cap: int) -> None:
        post = self._post
        for k in keys:
            lst = post.get(k, ())
            if lst is None:
                continue
            if not lst:
                post[k] = [qid]
            elif len(lst) >= cap:
                post[k] = None  # too common to tell quotes apart
            else:
                lst.append(qid)

    def canon(self, qids: Sequence[int]) -> dict[int, str]:
        return {q: self._canon[q] for q in qids}

    def find(self, qid: int) -> int:
        parent = self._parent
        while parent[qid] != qid:
            parent[qid] = parent[parent[qid]]
            qid = parent[qid]
        return qid

    def speakers(self, root: int) -> set[frozenset[str]]:
        return self._spk.get(root, set())

    def union(self, ra: int, rb: int) -> int:
        root, child = min(ra, rb), max(ra, rb)  # the earliest member names the cluster
        self._parent[child] = root
        merged = self._spk.pop(child, set())
        if merged:
            self._spk.setdefault(root, set()).update(merged)
        return root

    def new(self, qid: int, speaker: frozenset[str] | None) -> None:
        self._parent.append(qid)
        if speaker:
            self._spk[qid] = {speaker}

    # public API
    def add(self, id: Hashable, text: str, speaker: str | None = None) -> Hashable:
        """Add one quote; return its cluster id (which may change as later quotes arrive)."""
        if id in self._seq:
            raise UsageError(f"duplicate quote id {id!r}")
        seq = len(self._ids)
        self._ids.append(id)
        self._seq[id] = seq
        return self._ids[_place(self, seq, text, speaker, self.params)]

    def add_many(self, records: Iterable[Any]) -> None:
        """Add records (dicts or objects with ``id``, ``text`` and optional ``speaker``)."""
        for r in records:
            rid, text, speaker = _fields(r)
            self.add(rid, text, speaker)

    def cluster_of(self, id: Hashable) -> Hashable:
        """Current cluster id of a quote id."""
        return self._ids[self.find(self._seq[id])]

    def clusters(self) -> dict[Hashable, Hashable]:
        """Every quote id -> its cluster id."""
        return {rid: self._ids[self.find(i)] for i, rid in enumerate(self._ids)}

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
    **blocking: int,
) -> dict[Hashable, Hashable]:
    """Cluster quote records (``id``, ``text``, optional ``speaker``/``speaker_name``).

    Returns every id -> cluster id (the id of the cluster's first record in input order).
    ``blocking`` may set ``shingle``, ``max_postings``, ``max_candidates``.
    """
    index = ClusterIndex(
        Params(threshold, fragment_threshold, min_words, min_fragment, **blocking)
    )
    index.add_many(records)
    return index.clusters()


# ---- quote files (`quotes dedup`) ---------------------------------------------------------

_ID_FIELDS = ("id", "quoteID")  # quoteID/quotation: Quotebank dumps
_TEXT_FIELDS = ("text", "quotation")


def read_records(lines: Iterable[str], source: str = "-") -> tuple[list[dict[str, Any]], list[str]]:
    """Parse JSONL quote records (``id``, ``text``, optional ``speaker``, ``outlet``, ``date``).

    Returns the good records (with ``id`` and ``text`` set from Quotebank's ``quoteID`` and
    ``quotation`` when those are used) and one ``source:line: problem`` message per skipped
    line, so one bad line does not cost the rest of the file.
    """
    import json

    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[Any] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{source}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(r, dict):
            problems.append(f"{source}:{n}: not a JSON object")
            continue
        rid = next((r[k] for k in _ID_FIELDS if r.get(k) is not None), None)
        text = next((r[k] for k in _TEXT_FIELDS if r.get(k) is not None), None)
        if rid is None or isinstance(rid, (dict, list, float)):
            problems.append(f"{source}:{n}: missing or bad \"id\"")
            continue
        if not isinstance(text, str):
            problems.append(f"{source}:{n}: missing or bad \"text\"")
            continue
        if rid in seen:
            problems.append(f"{source}:{n}: duplicate id {rid!r}")
            continue
        seen.add(rid)
        r.update(id=rid, text=text)
        records.append(r)
    return records, problems


def dedup_records(records: Sequence[dict[str, Any]], params: Params | None = None) -> list[dict[str, Any]]:
    """The records in input order, each with its ``cluster_id`` (the id of its first member)."""
    index = ClusterIndex(params)
    for r in records:
        speaker = r.get("speaker")
        index.add(r["id"], r["text"], speaker if isinstance(speaker, str) else None)
    labels = index.clusters()
    return [{**r, "cluster_id": labels[r["id"]]} for r in records]


# ---- word-level differences ----------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Change:
    """One word-level edit from an earlier variant to a later one."""

    op: str  # "replace", "delete" or "insert"
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.old or '∅'} -> {self.new or '∅'}"


def word_diff(a: str, b: str) -> list[Change]:
    """Word-level edits turning ``a`` into ``b`` (case and punctuation ignored, shown as written).

    >>> [str(c) for c in word_diff("for international security", "for worldwide security.")]
    ['international -> worldwide']
    """
    return [c for c in _word_ops(a, b) if c.op != "equal"]


def _word_ops(a: str, b: str) -> list[Change]:
    """All word-level opcodes from ``a`` to ``b``, ``equal`` ones included."""
    ta, tb = _WORD.findall(a), _WORD.findall(b)
    ka, kb = [canonical(w) for w in ta], [canonical(w) for w in tb]
    return [
        Change(op.tag, " ".join(ta[op.src_start : op.src_end]), " ".join(tb[op.dest_start : op.dest_end]))
        for op in Levenshtein.opcodes(ka, kb)
    ]


def fragment_diff(full: str, part: str) -> tuple[list[Change], int]:
    """Edits from ``full`` to ``part`` when ``part`` may be a fragment of it.

    Words of ``full`` missing at either end of ``part`` are not edits: they are returned as a
    count of words cut.
    """
    ops = _word_ops(full, part)
    cut = 0
    for end in (0, -1):
        if ops and ops[end].op == "delete":
            cut += len(ops.pop(end).old.split())
    return [c for c in ops if c.op != "equal"], cut


def diff_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the word-level edits from ``a`` to ``b`` lie: character spans of the words of ``a``
    and of the words of ``b`` that differ (to highlight them side by side).

    >>> diff_spans("for international security", "for worldwide security.")
    ([(4, 17)], [(4, 13)])
    """
    ma, mb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    ka, kb = [canonical(m.group()) for m in ma], [canonical(m.group()) for m in mb]
    out_a: list[tuple[int, int]] = []
    out_b: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(ka, kb):
        if op.tag == "equal":
            continue
        if op.src_end > op.src_start:
            out_a.append((ma[op.src_start].start(), ma[op.src_end - 1].end()))
        if op.dest_end > op.dest_start:
            out_b.append((mb[op.dest_start].start(), mb[op.dest_end - 1].end()))
    return out_a, out_b


# ---- the SQLite store ----------------------------------------------------------------------

TABLES = """
CREATE TABLE IF NOT EXISTS dedup_forms (      -- canonical form hash -> quotes indexed with it
    form INTEGER NOT NULL,
    quote_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_forms_form ON dedup_forms(form);
CREATE TABLE IF NOT EXISTS dedup_keys (       -- shingle hash -> postings count, -1 = stop shingle
    key INTEGER PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_postings (   -- shingle hash -> quote (never for stop shingles)
    key INTEGER NOT NULL,
    quote_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_postings_key ON dedup_postings(key);
"""


def create_tables(conn: sqlite3.Connection) -> None:
    """Create the clustering index tables (idempotent; run by the store's migration)."""
    for statement in TABLES.split(";"):  # no ';' inside TABLES' statements or comments
        if statement.strip():
            conn.execute(statement)


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
    create_tables(conn)
    for table in ("dedup_forms", "dedup_keys", "dedup_postings"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE quotes SET cluster_id = NULL")
    ids = [r[0] for r in conn.execute("SELECT id FROM quotes ORDER BY id")]
    update_clusters(conn, ids, params)
    return len(ids)


# ---- recycled quotes report ----------------------------------------------------------------


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
    out = []
    for cid, occs in groups.items():
        c = _report(cid, occs)
        if c is None or len(c.outlets) < min_outlets:
            continue
        if want is not None and not (c.speaker_name and speakers_compatible([want], [_speaker_key(c.speaker_name)])):
            continue
        out.append(c)
    out.sort(key=lambda c: (c.first_seen.date or "\uffff", c.cluster_id))
    return out


_OCCURRENCES = """
        SELECT q.cluster_id, q.id, a.doc_id, a.outlet, a.date, q.text, q.speaker_name, q.corrected
        FROM quotes q JOIN articles a ON a.id = q.article_id"""


def _occurrence(row: Any) -> Occurrence:
    from quotes.corrections import corrected_fields

    return Occurrence(*row[1:7], corrected=corrected_fields(row[7]))


def recycled_cluster(conn: sqlite3.Connection, cluster_id: int) -> Cluster | None:
    """The report of one cluster (as :func:`recycled` gives it, whatever its outlets), or None
    when it has fewer than two occurrences."""
    rows = conn.execute(
        f"{_OCCURRENCES} WHERE q.cluster_id = ? AND q.not_quote = 0 ORDER BY q.id", (cluster_id,)
    ).fetchall()
    return _report(cluster_id, [_occurrence(r) for r in rows])


def _report(cid: int, occs: list[Occurrence]) -> Cluster | None:
    """A cluster's report from its occurrences: first appearance, outlets, word-level variants."""
    occs.sort(key=lambda o: (o.date or "\uffff", o.quote_id))
    outlets = tuple(dict.fromkeys(o.outlet for o in occs if o.outlet))  # in order of appearance
    if len(occs) < 2:
        return None
    names = [o.speaker_name for o in occs if _speaker_key(o.speaker_name)]
    name = max(names, key=len) if names else None
    first = occs[0]
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
    text = max((o.text for o in occs), key=lambda t: len(canonical(t)))
    return Cluster(cid, text, name, first, tuple(occs), outlets, tuple(diffs))


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
