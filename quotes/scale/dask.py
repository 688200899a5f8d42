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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from quotes.errors import DaskSchedulerError, DaskUnavailable, UsageError
from quotes.records import Document, Quote
from quotes.scale.executor import Payload, extract_payload, ordered, payload

INSTALL_HINT = "install with pip install 'quotes[dask]'"
# Partitions queued per worker thread: one running, one waiting.
IN_FLIGHT_PER_THREAD = 2
LOCAL = "local"

_model_lock = threading.Lock()


def _distributed() -> Any:
    try:
        import dask.distributed as dd
    except ImportError as exc:
        raise DaskUnavailable(f"--dask needs dask.distributed ({exc.name or exc} is missing): {INSTALL_HINT}") from exc
    return dd


def _extract_partition(items: Payload, model: str | None, gazetteer: Any, options: dict[str, Any]) -> list[list[Quote]]:
    """Worker side: (text, date) pairs -> the quotes of each, in order.

    The pipeline is loaded once per worker process (``cached_model``); a lock keeps a worker
    with several threads from parsing with one pipeline from two threads at once.
    """
    from quotes.model import cached_model

    with _model_lock:
        return extract_payload(items, nlp=cached_model(model), gazetteer=gazetteer, **options)


def dask_setup(worker: Any = None) -> None:
    """``dask worker ADDRESS --preload quotes.scale.dask``: load the default model at start-up,
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


class _Future:
    """A Dask future as the executor's Pending."""

    def __init__(self, future: Any) -> None:
        self.future = future

    def wait(self) -> list[Any]:
        results = self.future.result()
        self.future.release()
        return list(results)

    def cancel(self) -> None:
        self.future.cancel()


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
    try:
        gaz = client.scatter(gazetteer, broadcast=True) if gazetteer is not None else None
        threads = sum(client.nthreads().values()) or 1

        def submit(part: list[Document]) -> _Future:
            return _Future(client.submit(_extract_partition, payload(part), model, gaz, options, pure=False))

        # the end of the input goes out in smaller partitions, so the workers finish together
        yield from ordered(docs, submit, batch_size=partition_size, in_flight=max(2, threads * IN_FLIGHT_PER_THREAD),
                           workers=threads)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
