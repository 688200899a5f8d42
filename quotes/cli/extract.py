"""``quotes extract`` and ``quotes ingest``: run the extractor, print or store its records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import typer

from quotes.cli import options as opt
from quotes.cli.app import Services, app, documents, fail, services
from quotes.cli.output import View, emit
from quotes.errors import UsageError
from quotes.records import Document, Quote

Found = Iterator[tuple[Document, list[Quote]]]


def extraction(
    svc: Services, *, model: str | None, gazetteer: Any, workers: int = 1, dask: str | None = None, partition_size: int = 16
) -> Callable[[Iterable[Document]], Found]:
    """The (document, quotes) stream for a command: Dask when asked, else worker processes (or
    this one), with the extraction the Services name (the real extractor by default)."""

    def run(docs: Iterable[Document]) -> Found:
        if dask:
            from quotes.scale.dask import extract_with_dask

            return extract_with_dask(docs, scheduler=dask, model=model, gazetteer=gazetteer, partition_size=partition_size, workers=workers)
        from quotes.scale import extract_parallel

        return extract_parallel(docs, model=model, gazetteer=gazetteer, workers=workers, extract=svc.extract)

    return run


def extractor_version(svc: Services) -> str:
    if svc.extractor_version is not None:
        return svc.extractor_version
    from quotes.attribution.documents import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


@app.command("extract")
def extract_cmd(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Text/Markdown/JSONL/HTML/WARC files, folders, or - (JSONL on stdin)."),
    fmt: str = opt.format_option("jsonl", ("jsonl", "csv", "table")),
    model: str | None = opt.model_option(),
    workers: int = opt.workers_option(),
    gazetteer: list[Path] | None = opt.gazetteer_option(),
    max_record_mb: int = opt.max_record_option(),
    follow_symlinks: bool = opt.follow_symlinks_option(),
) -> None:
    """Print every quote found in the documents: doc_id plus the quote record.

    Example: quotes extract corpus/ > quotes.jsonl
    """
    from quotes import store
    from quotes.export import EXTRACT_COLUMNS, extract_csv_row, extract_records

    skipped = [0]
    gaz = store.load_gazetteer(opt.gazetteer_files(gazetteer))
    docs = documents(paths, skipped, max_record_mb, follow_symlinks)
    records = extract_records(extraction(services(ctx), model=model, gazetteer=gaz, workers=workers)(docs))
    table_cols = ["doc_id", "kind", "speaker_name", "role", "text"]
    view = View(
        records=lambda: records, columns=EXTRACT_COLUMNS, csv_rows=lambda: map(extract_csv_row, records),
        table_rows=lambda: [{c: r[c] for c in table_cols} for r in records], table_columns=table_cols,
        stream=True,  # one quote as soon as it is found, whole lines only (Ctrl-C included)
    )  # fmt: skip
    emit(view, fmt)
    if skipped[0]:
        raise typer.Exit(1)


class _Rate:
    """A progress column: articles per second."""

    @staticmethod
    def make() -> Any:
        from rich.progress import ProgressColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed or 0:.1f} articles/s")

        return Rate()


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    return Progress(
        SpinnerColumn(), TextColumn("{task.completed} articles"), BarColumn(bar_width=None), _Rate.make(),
        TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True,
    )  # fmt: skip


def _check_ingest_options(paths: Any, reprocess: bool, parquet: Path | None, dask: str | None, parquet_out: Path | None) -> None:
    if parquet is not None and (paths or dask or parquet_out):
        raise UsageError("--parquet DIR stores already extracted records: give no PATH, --dask or --parquet-out")
    if not paths and not reprocess and parquet is None:
        raise UsageError("give at least one PATH (or --reprocess to re-extract the stored articles)")


def _with_parquet(run: Callable[[Iterable[Document]], Found], folder: Path | None, versions: Any) -> Callable[[Iterable[Document]], Any]:
    if folder is None:
        return run
    from dataclasses import asdict

    from quotes.scale.parquet import write_parquet

    return lambda todo: write_parquet(run(todo), folder, asdict(versions))


def _parquet_ingest(folder: Path) -> Any:
    """store.ingest's stand-in that stores a Parquet folder's records (docs/extract are unused)."""
    from quotes.scale.parquet import ingest_parquet

    def run(conn: Any, docs: Any, extract: Any, versions: Any, *, reprocess: Any, **kw: Any) -> Any:
        return ingest_parquet(conn, folder, **kw)

    return run


def _run_ingest(run: Any, conn: Any, docs: Any, extract: Any, versions: Any, mode: Any, batch_size: int, stats: Any) -> str | None:
    """Run the store's ingest with a progress bar; what stopped it early, if anything."""
    import sqlite3

    with _progress() as progress:
        task = progress.add_task("ingest", total=None)
        try:
            run(
                conn, docs, extract, versions, reprocess=mode, batch_size=batch_size, stats=stats,
                on_article=lambda doc, status, n: progress.advance(task),
                on_problem=lambda source, message: typer.echo(f"quotes: {source}: skipped: {message}", err=True),
            )  # fmt: skip
        except KeyboardInterrupt:
            return "interrupted"
        except sqlite3.Error as exc:  # e.g. the disk is full: the open batch was rolled back
            return f"database error ({exc})"
    return None


@app.command("ingest")
def ingest_cmd(
    ctx: typer.Context,
    paths: list[str] | None = typer.Argument(None, metavar="PATH", help="Files, folders or - (JSONL on stdin); none with --reprocess: the stored articles."),
    db: Path | None = opt.db_option(),
    model: str | None = opt.model_option(),
    workers: int = opt.workers_option("Worker processes for extraction."),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract stored articles whose extractor, model or gazetteer changed."),
    reprocess_all: bool = typer.Option(False, "--reprocess-all", help="Re-extract every stored article given."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="INTEGER", help="Articles written per transaction."),
    gazetteer: list[Path] | None = opt.gazetteer_option(),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS|local", help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' (--workers processes here)."),
    partition_size: int = typer.Option(16, "--partition-size", min=1, metavar="INTEGER", help="Articles per Dask task (with --dask)."),
    parquet_out: Path | None = typer.Option(None, "--parquet-out", metavar="DIR", help="Also write the extracted records as Parquet files to DIR."),
    parquet: Path | None = typer.Option(None, "--parquet", metavar="DIR", help="Store the records of a --parquet-out folder (no extraction, no PATH)."),
    max_record_mb: int = opt.max_record_option(),
    follow_symlinks: bool = opt.follow_symlinks_option(),
) -> None:
    """Extract quotes from articles and store both; stored articles are skipped (idempotent).

    Example: quotes ingest corpus/ --workers 2
    """
    from quotes import store

    _check_ingest_options(paths, reprocess or reprocess_all, parquet, dask, parquet_out)
    svc = services(ctx)
    skipped = [0]
    mode = store.Reprocess.all if reprocess_all else store.Reprocess.changed if reprocess else store.Reprocess.none
    stats = store.IngestStats()
    conn = store.connect(db, create=bool(paths) or parquet is not None)  # --reprocess reads a store
    files = opt.gazetteer_files(gazetteer)
    gaz = store.load_gazetteer(files)
    store.store_people(conn, store.gazetteer_people(gaz))
    versions = store.Versions(extractor_version(svc), store.model_fingerprint(model), store.gazetteer_fingerprint(files))
    docs = documents(paths, skipped, max_record_mb, follow_symlinks) if paths else store.stored_documents(conn)
    run = extraction(svc, model=model, gazetteer=gaz, workers=workers, dask=dask, partition_size=partition_size)
    stopped = _run_ingest(
        store.ingest if parquet is None else _parquet_ingest(parquet), conn, docs,
        _with_parquet(run, parquet_out, versions), versions, mode, batch_size, stats,
    )  # fmt: skip
    typer.echo(
        f"{stats.articles} articles: {stats.new} new, {stats.unchanged} unchanged, "
        f"{stats.reprocessed} reprocessed, {stats.failed} failed; {stats.quotes} quotes stored"
        + (f"; {skipped[0]} inputs skipped" if skipped[0] else "")
    )
    if stopped is not None:
        code = 130 if stopped == "interrupted" else 1
        raise fail(f"{stopped}; committed batches are kept, run the same command again to finish", code)
    if skipped[0] or stats.failed:
        raise typer.Exit(1)
