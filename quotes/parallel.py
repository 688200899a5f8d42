"""Extraction in several processes: each worker parses AND applies the quote rules.

Why not ``nlp.pipe(n_process=N)``: spaCy's multiprocessing pickles every parsed ``Doc`` back to
the main process, which then runs the quote rules alone; on 2 cores that was slower than one
process (0.64x in bench/out). Here each worker loads the model once (pool initializer), gets a
batch of plain texts, and sends back only the small frozen :class:`~quotes.records.Quote`
records. Results come back in input order, and at most ``2 * workers`` batches are in flight,
so memory stays flat however long the input stream is.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from quotes.records import Document, Quote

# Batches queued per worker: one being parsed, one waiting, so no worker idles between batches.
IN_FLIGHT_PER_WORKER = 2

_state: dict[str, Any] = {}


def _init_worker(model: str | None, gazetteer: Any, options: dict[str, Any]) -> None:
    """Pool initializer: load the pipeline and the gazetteer once per worker process."""
    # Ctrl-C goes to the whole process group; the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from quotes.attribution.documents import load_gazetteer
    from quotes.model import cached_model

    try:
        _state["nlp"] = cached_model(model)
        _state["gazetteer"] = load_gazetteer() if gazetteer == "default" else gazetteer
        _state["options"] = options
    except Exception as exc:  # noqa: BLE001 - a failing initializer makes the pool respawn forever
        _state["error"] = exc


def _extract_batch(batch: list[tuple[str, str | None]]) -> list[list[Quote]]:
    """Worker side: (text, date) pairs -> the quotes of each, in order."""
    from quotes.attribution.documents import extract_documents

    if "error" in _state:
        raise _state["error"]  # e.g. ModelError: reaches the parent through the result
    docs = [Document(id=str(i), text=text, date=date) for i, (text, date) in enumerate(batch)]
    found = extract_documents(
        docs, nlp=_state["nlp"], gazetteer=_state["gazetteer"], workers=1, batch_size=len(docs), **_state["options"]
    )
    return [quotes for _, quotes in found]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def extract_parallel(
    docs: Iterable[Document],
    *,
    model: str | None = None,
    gazetteer: Any = "default",
    workers: int = 2,
    batch_size: int = 8,
    start_method: str | None = None,
    **options: Any,
) -> Iterator[tuple[Document, list[Quote]]]:
    """Like :func:`quotes.attribution.documents.extract_documents`, with parse + rules in ``workers`` processes.

    Yields (document, quotes) in input order, one per input document. ``gazetteer`` is the
    loaded gazetteer object (pickled to each worker once), None, or ``"default"``. Documents are
    sent in batches of ``batch_size`` (small batches balance the workers; the pipeline's own
    batching inside a worker matters little for speed). ``start_method`` is a
    :mod:`multiprocessing` start method (default: the platform's; ``QUOTES_MP_START`` overrides).
    Other keyword ``options`` go to ``extract_documents`` in the workers. With ``workers <= 1``
    this is ``extract_documents`` in this process.
    """
    if workers <= 1:
        from quotes.attribution.documents import extract_documents

        yield from extract_documents(docs, model=model, gazetteer=gazetteer, workers=1, **options)
        return
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ctx = multiprocessing.get_context(start_method or os.environ.get("QUOTES_MP_START") or None)
    if ctx.get_start_method() == "fork":
        # Load once here: forked workers inherit it (copy-on-write) instead of each importing
        # spaCy and loading the model at the same time on the same cores.
        from quotes.model import cached_model

        cached_model(model)
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model, gazetteer, options))
    window: deque[tuple[list[Document], Any]] = deque()
    finished = False
    try:
        for batch in _batches(docs, batch_size):
            payload = [(d.text if isinstance(d.text, str) else "", d.date) for d in batch]
            window.append((batch, pool.apply_async(_extract_batch, (payload,))))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _ready(window.popleft())
        while window:
            yield from _ready(window.popleft())
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # interrupted, an error, or the consumer stopped early: do not wait for the rest
            pool.terminate()
        pool.join()


def _ready(item: tuple[list[Document], Any]) -> Iterator[tuple[Document, list[Quote]]]:
    batch, result = item
    yield from zip(batch, result.get())
