"""The clustering engine: which quote texts are variants of one quote, and the clusters.

The same quote travels from outlet to outlet with small changes (a word swapped or dropped,
other quotation marks, a fragment of it). The clusters are a function of the SET of quotes,
never of the order they arrived in (so an incremental store, a batch run and a re-extraction
all give the same clusters):

1. ``canonical(text)`` (quotes.normalize.canonical_text): NFKC, case-fold, punctuation and
   quotation marks removed, whitespace collapsed. Equal canonical forms are one *form*; a
   quote with no word characters (``"..."``, ``"!!!"``) has no form and clusters with nothing.
2. Blocking: an inverted index of word shingles (bigrams by default) over forms. A shingle
   held by more than ``max_postings`` forms is a stop shingle ("of the", "we will"), so a
   lookup costs at most ``shingles x max_postings`` whatever the corpus size. Two forms are
   candidates when they share at least ``min_shared`` of the live shingles of the one with
   fewer (:func:`candidates_share_enough`: symmetric, and a function of the pair and of the
   set's stop shingles only).
3. Confirmation with rapidfuzz: full-length similarity (max of character ``fuzz.ratio`` and
   word-level Indel similarity) >= ``threshold``, or, for a fragment of at least
   ``min_fragment`` words, ``fuzz.partial_ratio`` >= ``fragment_threshold``. A confirmed pair
   is a *link*.
4. :func:`partition`: the quotes of a connected group of forms are joined in a canonical order
   (equal forms first, then links by decreasing similarity, ties by text), refusing a union
   when the two clusters name incompatible known speakers (names are compatible when equal or
   when one's words are a subset of the other's: "Stoltenberg" ~ "Jens Stoltenberg"). Every
   cluster then has at most one speaker and ``recycled`` can report it.

The store keeps the index in SQLite and updates it batch by batch (``quotes.dedup.sql``);
``ClusterIndex`` and ``cluster`` compute the same clusters in memory (``quotes.dedup.memory``);
tests check that both agree. A cluster's id is its first member's.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import TypeVar

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
DEFAULT_MIN_SHARED = 0.5


@dataclass(frozen=True, slots=True)
class Params:
    """Clustering thresholds.

    ``threshold``: full-length similarity (0-100) for rewordings. ``fragment_threshold``:
    ``partial_ratio`` for a fragment of a longer quote. ``min_words``: quotes shorter than this
    join only on an equal canonical form. ``min_fragment``: minimum words of the shorter quote
    for the fragment rule, so a common phrase ("right direction") links nothing.
    ``shingle``/``max_postings``/``min_shared`` tune blocking (speed vs recall): candidates
    share ``min_shared`` of the live shingles of the one with fewer.
    """

    threshold: float = DEFAULT_THRESHOLD
    fragment_threshold: float = DEFAULT_FRAGMENT_THRESHOLD
    min_words: int = DEFAULT_MIN_WORDS
    min_fragment: int = DEFAULT_MIN_FRAGMENT
    shingle: int = DEFAULT_SHINGLE
    max_postings: int = DEFAULT_MAX_POSTINGS
    min_shared: float = DEFAULT_MIN_SHARED

    def __post_init__(self) -> None:
        for name in ("threshold", "fragment_threshold"):
            value = getattr(self, name)
            if not 0 < value <= 100:
                raise UsageError(f"{name} must be in (0, 100], got {value}")
        for name in ("min_words", "min_fragment", "shingle", "max_postings"):
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


# ---- candidates and clusters ----------------------------------------------------------------


def candidates_share_enough(shared: int, live_a: int, live_b: int, p: Params) -> bool:
    """Whether two forms sharing ``shared`` live shingles are worth a rapidfuzz call: a variant
    shares most of the live shingles of the shorter one (symmetric in the two forms)."""
    return shared >= min(shared_needed(live_a, p), shared_needed(live_b, p))


def shared_needed(live: int, p: Params) -> int:
    """Live shingles a form of ``live`` live shingles must share with a longer candidate; a
    pair needs the smaller of its two forms' needs (``ceil`` is monotone)."""
    return max(1, ceil(p.min_shared * live))


def link_score(a: str, b: str, p: Params) -> float | None:
    """The similarity (0-100) of two forms confirmed as variants, or None: equal forms are one
    form, and forms shorter than ``min_words`` join only on equality."""
    a, b = sorted((a, b), key=lambda s: (len(s), s))  # _similar's fragment test is not symmetric
    wa, wb = a.split(), b.split()
    if a == b or min(len(wa), len(wb)) < p.min_words or not _similar(a, wa, b, wb, p):
        return None
    return float(fuzz.ratio(a, b))


Node = tuple[str, tuple[str, ...]]  # (canonical form, speaker words): quotes that are interchangeable


MemberId = TypeVar("MemberId", bound=Hashable)


def partition(
    members: Iterable[tuple[MemberId, str, str | None]], links: Iterable[tuple[str, str, float]]
) -> list[list[MemberId]]:
    """Clusters of ``members`` (id, canonical form, speaker name) given the ``links`` between
    their forms (form, form, similarity).

    Quotes with the same form and speaker are one node. Node pairs are joined in a canonical
    order (same form first, then by decreasing similarity, ties by form and speaker), a union
    refused when the speakers are incompatible: the result depends on the set, not the order.
    """
    nodes: dict[Node, list[MemberId]] = {}
    for mid, canon, speaker in members:
        key = _speaker_key(speaker)
        nodes.setdefault((canon, tuple(sorted(key)) if key else ()), []).append(mid)
    parent = {n: n for n in nodes}
    speakers = {n: {frozenset(n[1])} if n[1] else set() for n in nodes}

    def find(n: Node) -> Node:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for x, y in _edges(nodes, links):
        rx, ry = find(x), find(y)
        if rx != ry and speakers_compatible(speakers[rx], speakers[ry]):
            root, child = min(rx, ry), max(rx, ry)
            parent[child] = root
            speakers[root] |= speakers.pop(child)
    groups: dict[Node, list[MemberId]] = {}
    for node, ids in nodes.items():
        groups.setdefault(find(node), []).extend(ids)
    return list(groups.values())


def _edges(nodes: Iterable[Node], links: Iterable[tuple[str, str, float]]) -> list[tuple[Node, Node]]:
    """Pairs of nodes that may join, in the order they are tried: nodes of one form first, then
    nodes of linked forms by decreasing similarity; ties by form and speaker."""
    by_form: dict[str, list[Node]] = {}
    for node in sorted(nodes):
        by_form.setdefault(node[0], []).append(node)
    edges: list[tuple[int, float, Node, Node]] = [
        (0, -100.0, x, y) for same in by_form.values() for i, x in enumerate(same) for y in same[i + 1 :]
    ]
    for a, b, score in links:
        edges.extend((1, -score, min(x, y), max(x, y)) for x in by_form.get(a, ()) for y in by_form.get(b, ()))
    edges.sort()
    return [(x, y) for _, _, x, y in edges]
