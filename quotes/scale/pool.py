"""Extraction in several processes: each worker parses AND applies the quote rules.

Why not ``nlp.pipe(n_process=N)``: spaCy's multiprocessing pickles every parsed ``Doc`` back to
the main process, which then runs the quote rules alone; on 2 cores that was slower than one
process (0.64x in bench/out). Here each worker loads the model once (pool initializer), gets a
batch of plain texts, and sends back only the small frozen :class:`~quotes.records.Quote`
records, through the shared ordered executor (:mod:`quotes.scale.executor`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from quotes.records import Document, Quote
from quotes.scale.executor import Payload, extract_payload, ordered, payload

# Batches queued per worker: one being parsed, one waiting, so no worker idles between batches.
IN_FLIGHT_PER_WORKER = 2
# Articles per batch sent to a worker. The parser's CPU per word falls with the batch it is given
# (the same 64 training articles, fastest of 4 interleaved runs: 2 docs 10.0 CPU s, 4 8.7, 8 8.5,
# 16 8.0, 32 7.9, 64 7.9; single runs varied by 10% on the loaded machine): batches of 8 cost a
# worker several percent more CPU than one process parsing 32 at a
# time, which with the idle end held two workers near 1.8x one process (bench/README.md). 16
# gets within about 2% of 32 (peak memory per worker: 301 MB at 8, 387 at 16, 403 at 32); the end
# of the stream is cut smaller (quotes.scale.executor.batches).
BATCH_SIZE = 16

Extraction = Callable[..., Iterable[tuple[Document, list[Quote]]]]

_state: dict[str, Any] = {}


def _init_worker(model: str | None, gazetteer: Any, options: dict[str, Any], extract: Extraction | None) -> None:
    """Pool initializer: load the pipeline and the gazetteer once per worker process."""
    # Ctrl-C goes to the whole process group; the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from quotes.attribution.documents import load_gazetteer
    from quotes.model import cached_model

    try:
        _state["options"] = dict(options, gazetteer=load_gazetteer() if gazetteer == "default" else gazetteer)
        _state["extract"] = extract
        if extract is None:
            _state["options"]["nlp"] = cached_model(model)
    except Exception as exc:  # noqa: BLE001 - a failing initializer makes the pool respawn forever
        _state["error"] = exc


def _extract_batch(items: Payload) -> list[list[Quote]]:
    """Worker side of one batch."""
    if "error" in _state:
        raise _state["error"]  # e.g. ModelError: reaches the parent through the result
    return extract_payload(items, extract=_state["extract"], **_state["options"])


class _Result:
    """An AsyncResult as the executor's Pending."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def wait(self) -> list[Any]:
        return list(self.result.get())

    def cancel(self) -> None:
        pass  # the pool is terminated as a whole


def extract_parallel(
    docs: Iterable[Document],
    *,
    model: str | None = None,
    gazetteer: Any = "default",
    workers: int = 2,
    batch_size: int = BATCH_SIZE,
    start_method: str | None = None,
    extract: Extraction | None = None,
    **options: Any,
) -> Iterator[tuple[Document, list[Quote]]]:
    """Like :func:`quotes.attribution.extract_documents`, with parse + rules in ``workers`` processes.

    Yields (document, quotes) in input order, one per input document. ``gazetteer`` is the
    loaded gazetteer object (pickled to each worker once), None, or ``"default"``. Documents are
    sent in batches of ``batch_size``, the last ones smaller so that the workers finish together.
    ``start_method`` is a :mod:`multiprocessing` start method
    (default: the platform's; ``QUOTES_MP_START`` overrides). ``extract`` replaces the extractor
    (``extract(docs, gazetteer=..., batch_size=..., **options)``; picklable); other keyword
    ``options`` go to it. With ``workers <= 1`` everything runs in this process.
    """
    if workers <= 1:
        if extract is None:
            from quotes.attribution.documents import extract_documents

            yield from extract_documents(docs, model=model, gazetteer=gazetteer, **options)
        else:
            yield from extract(docs, gazetteer=gazetteer, **options)
        return
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ctx = multiprocessing.get_context(start_method or os.environ.get("QUOTES_MP_START") or None)
    if ctx.get_start_method() == "fork" and extract is None:
        # Load once here: forked workers inherit it (copy-on-write) instead of each importing
        # spaCy and loading the model at the same time on the same cores.
        from quotes.model import cached_model

        cached_model(model)
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model, gazetteer, options, extract))
    finished = False
    try:
        yield from ordered(
            docs, lambda batch: _Result(pool.apply_async(_extract_batch, (payload(batch),))),
            batch_size=batch_size, in_flight=workers * IN_FLIGHT_PER_WORKER, workers=workers,
        )  # fmt: skip
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # interrupted, an error, or the consumer stopped early: do not wait for the rest
            pool.terminate()
        pool.join()

