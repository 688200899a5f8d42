"""The clustering engine: cluster near-duplicate quotations across articles and outlets.

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
store (``quotes.dedup.sql``), whose index tables the store's migrations create.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from math import ceil
from typing import Any, Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from quotes.errors import UsageError
from quotes.normalize import canonical_text as canonical

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


# ---- features of a canonical form (quotes.normalize.canonical_text) -----------------------


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


