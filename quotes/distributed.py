"""Extraction on a Dask distributed cluster (optional extra: ``pip install 'quotes[dask]'``).

The client streams the documents in partitions of ``partition_size`` to the workers; each
worker process loads the spaCy pipeline once (a per-process cached loader, so workers that join
later load it on their first partition) and gets the gazetteer once (scattered to every worker).
Only texts and dates travel to the workers and only :class:`~quotes.records.Quote` records
travel back; the client keeps the documents and yields results in input order, with a bounded
number of partitions in flight, so the store on the client writes them as they arrive.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from quotes.errors import UsageError
from quotes.records import Document, Quote

INSTALL_HINT = "install with pip install 'quotes[dask]'"
# Partitions queued per worker thread: one running, one waiting.
IN_FLIGHT_PER_THREAD = 2
LOCAL = "local"

_model_lock = threading.Lock()


class DaskUnavailable(UsageError):
    """The optional Dask dependencies are not installed."""


class DaskSchedulerError(UsageError):
    """The scheduler cannot be reached or the local cluster cannot start."""


def _distributed() -> Any:
    try:
        import dask.distributed as dd
    except ImportError as exc:
        raise DaskUnavailable(f"--dask needs dask.distributed ({exc.name or exc} is missing): {INSTALL_HINT}") from exc
    return dd


def _extract_partition(
    payload: list[tuple[str, str | None]], model: str | None, gazetteer: Any, options: dict[str, Any]
) -> list[list[Quote]]:
    """Worker side: (text, date) pairs -> the quotes of each, in order.

    The pipeline is loaded once per worker process (``cached_model``); a lock keeps a worker
    with several threads from parsing with one pipeline from two threads at once.
    """
    from quotes.attribution.documents import extract_documents
    from quotes.model import cached_model

    docs = [Document(id=str(i), text=text, date=date) for i, (text, date) in enumerate(payload)]
    with _model_lock:
        nlp = cached_model(model)
        found = extract_documents(docs, nlp=nlp, gazetteer=gazetteer, workers=1, batch_size=max(1, len(docs)), **options)
        return [quotes for _, quotes in found]


def dask_setup(worker: Any = None) -> None:
    """``dask worker ADDRESS --preload quotes.distributed``: load the default model at start-up,
    so the first partition does not wait for it (other models load on their first partition)."""
    from quotes.model import cached_model

    with _model_lock:
        cached_model(None)


def connect(scheduler: str, *, workers: int = 2) -> tuple[Any, Any]:
    """A Dask client for ``scheduler`` (an address such as ``tcp://host:8786``, or ``local``).

    ``local`` starts a LocalCluster of ``workers`` single-threaded worker processes on this
    machine. Returns (client, cluster); cluster is None for a remote scheduler.
    """
    dd = _distributed()
    try:
        if scheduler == LOCAL:
            cluster = dd.LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True,
                dashboard_address=":0", silence_logs=40,
            )  # fmt: skip
            return dd.Client(cluster), cluster
        return dd.Client(scheduler, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskSchedulerError(f"cannot connect to Dask scheduler {scheduler!r}: {exc}") from exc


def _partitions(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while part := list(islice(it, size)):
        yield part


def extract_with_dask(
    docs: Iterable[Document],
    *,
    scheduler: str = LOCAL,
    model: str | None = None,
    gazetteer_files: Sequence[str | Path] = (),
    gazetteer: Any = "default",
    partition_size: int = 16,
    workers: int = 2,
    client: Any = None,
    **options: Any,
) -> Iterator[tuple[Document, list[Quote]]]:
    """Extract on a Dask cluster; yields (document, quotes) in input order, one per document.

    ``scheduler``: an address or ``local`` (a LocalCluster of ``workers`` processes, closed at
    the end). ``gazetteer``: a loaded gazetteer, None, or ``"default"`` (the bundled one merged
    with ``gazetteer_files``, loaded here and sent to every worker once). Pass ``client`` to use
    an existing Client (then ``scheduler`` and ``workers`` are ignored and it is left open).
    Other keyword ``options`` go to ``extract_documents`` on the workers. The workers need this
    package and the model installed (``pip install 'quotes[dask]'``).
    """
    if partition_size < 1:
        raise UsageError("--partition-size must be at least 1")
    _distributed()
    if gazetteer == "default":
        from quotes.attribution.documents import load_gazetteer

        gazetteer = load_gazetteer([str(f) for f in gazetteer_files])
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler, workers=workers)
    window: deque[tuple[list[Document], Any]] = deque()
    try:
        gaz = client.scatter(gazetteer, broadcast=True) if gazetteer is not None else None
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * IN_FLIGHT_PER_THREAD)
        for part in _partitions(docs, partition_size):
            payload = [(d.text if isinstance(d.text, str) else "", d.date) for d in part]
            window.append((part, client.submit(_extract_partition, payload, model, gaz, options, pure=False)))
            if len(window) >= limit:
                yield from _collect(window.popleft())
        while window:
            yield from _collect(window.popleft())
    finally:
        for _, future in window:  # stopped early: drop what is still queued
            future.cancel()
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _collect(item: tuple[list[Document], Any]) -> Iterator[tuple[Document, list[Quote]]]:
    part, future = item
    results = future.result()
    future.release()
    yield from zip(part, results)
