"""Clustering outside the store: ``ClusterIndex`` and ``cluster`` over records in memory.

The same clusters as the store's index (quotes.dedup.sql) for the same quotes: the same forms,
stop shingles, candidate test, links and :func:`~quotes.dedup.engine.partition`, computed for
the whole set at once (the clusters are a function of the set, so there is nothing to keep
between calls but the records).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from quotes.dedup.engine import (
    DEFAULT_FRAGMENT_THRESHOLD,
    DEFAULT_MIN_FRAGMENT,
    DEFAULT_MIN_WORDS,
    DEFAULT_THRESHOLD,
    Params,
    canonical,
    link_score,
    partition,
    shared_needed,
    shingle_keys,
)
from quotes.errors import UsageError


class ClusterIndex:
    """Clustering of quotes added in any number of calls: ``add``, then read ``clusters()``.

    Ids are any hashable record ids; a cluster's id is the id of its earliest-added member.
    The clusters, as sets, do not depend on the order the quotes were added in.
    """

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self._ids: list[Hashable] = []
        self._seq: dict[Hashable, int] = {}
        self._quotes: list[tuple[str, str | None]] = []  # canonical form, speaker

    def add(self, id: Hashable, text: str, speaker: str | None = None) -> None:
        """Add one quote."""
        if id in self._seq:
            raise UsageError(f"duplicate quote id {id!r}")
        self._seq[id] = len(self._ids)
        self._ids.append(id)
        self._quotes.append((canonical(text), speaker))

    def add_many(self, records: Iterable[Any]) -> None:
        """Add records (dicts or objects with ``id``, ``text`` and optional ``speaker``)."""
        for r in records:
            rid, text, speaker = _fields(r)
            self.add(rid, text, speaker)

    def clusters(self) -> dict[Hashable, Hashable]:
        """Every quote id -> its cluster id."""
        ids = self._ids
        return {ids[seq]: ids[first] for seq, first in clustering(self._quotes, self.params).first.items()}

    def __len__(self) -> int:
        return len(self._ids)


Progress = Callable[[int, int], None]  # (forms probed, forms in all)


@dataclass(frozen=True, slots=True)
class Clustering:
    """The clustering of a list of quotes: what the store's index tables hold, and the clusters.

    Forms are numbered by their first quote's position; ``first`` maps every quote position to
    the first position of its cluster (a quote without word characters is its own cluster).
    """

    canons: list[str]  # distinct canonical forms
    form_of: dict[int, int]  # quote position -> form (quotes with word characters)
    keys: list[array[int]]  # each form's distinct shingle keys
    df: dict[int, int]  # shingle key -> forms holding it (above max_postings: a stop shingle)
    links: list[tuple[int, int, float]]  # confirmed pairs of forms (a < b) and their similarity
    first: dict[int, int]  # quote position -> the first quote position of its cluster


def clustering(quotes: Sequence[tuple[str, str | None]], p: Params, progress: Progress | None = None) -> Clustering:
    """Cluster ``quotes`` (canonical form, speaker name); ``progress`` is called now and then
    while links are computed (the long part)."""
    forms: dict[str, int] = {}
    form_of: dict[int, int] = {}
    for seq, (canon, _) in enumerate(quotes):
        if canon:  # no word characters: a cluster of its own
            form_of[seq] = forms.setdefault(canon, len(forms))
    canons = list(forms)
    keys, df, links = _links(canons, p, progress)
    parent = list(range(len(canons)))

    def find(f: int) -> int:
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    for a, b, _ in links:
        parent[find(a)] = find(b)
    members: dict[int, list[tuple[int, str, str | None]]] = {}
    for seq, form in form_of.items():
        members.setdefault(find(form), []).append((seq, canons[form], quotes[seq][1]))
    group_links: dict[int, list[tuple[str, str, float]]] = {}
    for a, b, score in links:
        group_links.setdefault(find(a), []).append((canons[a], canons[b], score))
    first = {seq: seq for seq in range(len(quotes))}
    for root, group in members.items():
        for ids in partition(group, group_links.get(root, [])):
            least = min(ids)
            first.update((seq, least) for seq in ids)
    return Clustering(canons, form_of, keys, df, links, first)


# Complexity 16 (radon): the shingling, postings and probing passes share the per-form arrays built here; progress reporting adds two branches.
def _links(
    canons: list[str], p: Params, progress: Progress | None = None
) -> tuple[list[array[int]], dict[int, int], list[tuple[int, int, float]]]:
    """Each form's shingle keys, how many forms hold each key, and the pairs of forms (by
    position) confirmed as variants, with their similarity."""
    keys: list[array[int]] = []
    long_enough: list[bool] = []
    for canon in canons:
        words = canon.split()
        keys.append(array("q", shingle_keys(words, p.shingle)))
        long_enough.append(len(words) >= p.min_words)
    df = dict(Counter(chain.from_iterable(keys)))
    live = [array("q", [k for k in form_keys if df[k] <= p.max_postings]) for form_keys in keys]
    # What a candidate is probed through: the live shingles' postings (ascending form order),
    # holding only forms long enough to link.
    probe: dict[int, list[int]] = {}
    for form, form_live in enumerate(live):
        if long_enough[form]:
            for key in form_live:
                probe.setdefault(key, []).append(form)
    need = [shared_needed(len(form_live), p) for form_live in live]
    links = []
    step = max(1, len(canons) // 100)
    for form in range(len(canons)):
        if long_enough[form] and live[form]:
            links += _confirmed(canons, form, _candidates(form, live[form], probe, need), p)
        if progress is not None and form and form % step == 0:
            progress(form, len(canons))
    if progress is not None:
        progress(len(canons), len(canons))
    return keys, df, links


def _candidates(form: int, live: array[int], probe: dict[int, list[int]], need: list[int]) -> list[int]:
    """The later forms sharing enough live shingles with ``form`` (each pair is seen once).

    :func:`candidates_share_enough` with each form's own need precomputed: the need of a pair
    is the smaller of the two, so a candidate meets ``form``'s or its own."""
    lists = (probe[k] for k in live)
    shared = Counter(chain.from_iterable(forms[bisect_right(forms, form) :] for forms in lists))
    mine = need[form]
    return [o for o, n in shared.items() if n >= mine or n >= need[o]]


def _confirmed(canons: list[str], form: int, others: list[int], p: Params) -> list[tuple[int, int, float]]:
    """The links of ``form`` to those of ``others`` rapidfuzz confirms as variants."""
    scored = ((other, link_score(canons[form], canons[other], p)) for other in others)
    return [(form, other, score) for other, score in scored if score is not None]


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
