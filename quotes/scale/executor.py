"""One bounded, ordered executor for every way of extracting in parallel.

Documents go out in batches; results come back in input order; at most ``in_flight`` batches are
out at once, so memory stays flat whatever the corpus size. The process pool and Dask differ only
in how a batch is submitted (``submit`` returns something whose result :func:`ordered` can wait
for) and what is cancelled when the consumer stops early.

With ``workers`` given, the end of the stream is seen coming (``workers`` batches are read ahead)
and the items left then go out in batches of decreasing size, so that the workers finish together
instead of one of them working through a last whole batch while the others wait.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol, TypeVar

from quotes.records import Document, Quote

T = TypeVar("T")

Payload = list[tuple[str, "str | None"]]


class Pending(Protocol):
    """A submitted batch: ``wait()`` gives its results (one per item), ``cancel()`` drops it."""

    def wait(self) -> list[Any]: ...

    def cancel(self) -> None: ...


def batches(items: Iterable[T], size: int, *, workers: int = 0) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter).

    With ``workers`` > 0, ``workers`` batches more are read ahead: once the input ends, what is
    left goes out in batches of ``ceil(left / (2 * workers))`` items (at least one, at most
    ``size``), each smaller than the one before, so that ``workers`` parallel workers run out of
    work at nearly the same time."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    it = iter(items)
    if workers < 1:
        while batch := list(islice(it, size)):
            yield batch
        return
    ahead: deque[T] = deque(islice(it, size * (workers + 1)))
    ended = len(ahead) < size * (workers + 1)
    while ahead:
        if not ended:
            yield [ahead.popleft() for _ in range(size)]
            more = list(islice(it, size))
            ahead.extend(more)
            ended = len(more) < size
            continue
        n = min(size, max(1, math.ceil(len(ahead) / (2 * workers))))
        yield [ahead.popleft() for _ in range(n)]


def ordered(
    items: Iterable[T], submit: Callable[[list[T]], Pending], *, batch_size: int, in_flight: int, workers: int = 0,
) -> Iterator[tuple[T, Any]]:
    """``(item, result)`` for every item, in input order, with at most ``in_flight`` batches out
    (counted in items: ``in_flight * batch_size``, so the small batches that end the stream when
    ``workers`` is given, see :func:`batches`, keep the workers as busy as whole ones)."""
    window: deque[tuple[list[T], Pending]] = deque()
    out = 0  # items in the window
    limit = max(1, in_flight) * batch_size
    try:
        for batch in batches(items, batch_size, workers=workers):
            window.append((batch, submit(batch)))
            out += len(batch)
            while out >= limit:
                done = window.popleft()
                out -= len(done[0])
                yield from _collect(done)
        while window:
            yield from _collect(window.popleft())
    finally:
        for _, pending in window:  # stopped early: drop what is still queued
            pending.cancel()


def _collect(item: tuple[list[T], Pending]) -> Iterator[tuple[T, Any]]:
    batch, pending = item
    results = pending.wait()
    if len(results) != len(batch):
        raise RuntimeError(f"a batch of {len(batch)} came back with {len(results)} results")
    yield from zip(batch, results)


def payload(batch: list[Document]) -> Payload:
    """What travels to a worker: the texts and dates only, not the documents' metadata."""
    return [(d.text if isinstance(d.text, str) else "", d.date) for d in batch]


def extract_payload(
    items: Payload, *, extract: Callable[..., Iterable[tuple[Document, list[Quote]]]] | None = None, **options: Any
) -> list[list[Quote]]:
    """Worker side: (text, date) pairs -> the quotes of each, in order. ``extract`` is
    :func:`quotes.attribution.extract_documents` unless another extraction is given."""
    if extract is None:
        from quotes.attribution import extract_documents

        extract = extract_documents
    docs = [Document(id=str(i), text=text, date=date) for i, (text, date) in enumerate(items)]
    return [quotes for _, quotes in extract(docs, batch_size=max(1, len(docs)), **options)]
