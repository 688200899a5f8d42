"""``quotes corrections``: readers' corrections of quotes (quotes.corrections)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from quotes.cli import options as opt
from quotes.cli.app import app, sub_app
from quotes.cli.output import View, check_output_name, emit, open_output
from quotes.errors import InputError

corrections_app = sub_app("Readers' corrections of quotes: make them, list them, move them between stores as JSONL.")
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("export")
def corrections_export_cmd(
    output: str | None = opt.output_option(),
    db: Path | None = opt.db_option(),
) -> None:
    """Write every correction as JSONL (one per line, oldest first), for `corrections import`.

    Example: quotes corrections export -o corrections.jsonl
    """
    from quotes import corrections, store

    if output is not None:
        check_output_name(output)
    conn = store.connect(db, readonly=True)
    with open_output(output) as out:
        n = corrections.export_jsonl(conn, out)
    if output is not None:
        typer.echo(f"{n} corrections written to {output}", err=True)


@corrections_app.command("import")
def corrections_import_cmd(
    file: Path = typer.Argument(..., metavar="FILE.jsonl", help="Corrections from `quotes corrections export`; - for stdin."),
    db: Path | None = opt.db_option(),
) -> None:
    """Add corrections from JSONL and apply them (those of articles not stored yet apply when they are ingested).

    Example: quotes corrections import corrections.jsonl --db other.db
    """
    from quotes import corrections, store

    conn = store.connect(db, create=False)
    if str(file) == "-":
        stats = corrections.import_jsonl(conn, sys.stdin, "<stdin>")
    else:
        try:
            with open(file, encoding="utf-8") as fh:
                stats = corrections.import_jsonl(conn, fh, str(file))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{file}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    for problem in stats.problems or []:
        typer.echo(f"quotes: skipped {problem}", err=True)
    typer.echo(f"{stats.added} corrections added, {stats.known} already stored; {stats.applied} quotes changed")
    if stats.problems:
        raise typer.Exit(1)


@corrections_app.command("list")
def corrections_list_cmd(
    fmt: str = opt.format_option("table", ("table", "csv", "json", "jsonl")),
    db: Path | None = opt.db_option(),
) -> None:
    """Every correction once, oldest first: the quote it applies to (if stored), its copies in other publications, field, old -> new, note.

    Example: quotes corrections list --format csv
    """
    from quotes import corrections, store

    rows = corrections.listing(store.connect(db, readonly=True))
    flat = [r | {"also": " ".join(map(str, r["also"]))} for r in rows]  # the copies' ids, in one cell
    emit(View(records=lambda: rows, csv_rows=lambda: flat, columns=["quote_id", "also", "field", "change", "note", "created_at"]), fmt)


@corrections_app.command("add")
def corrections_add_cmd(
    quote_id: int = typer.Argument(..., metavar="ID", help="Quote id (from `quotes list`); split quotes: every part."),
    speaker: str | None = opt.speaker_option("The person who said it: a gazetteer id or name, or any name."),
    role: str | None = typer.Option(None, "--role", metavar="TEXT", help="Their role as it should read."),
    kind: str | None = opt.kind_option("The quote's kind: direct, mixed or indirect."),
    span: str | None = typer.Option(None, "--span", metavar="START-END", help="Character offsets of the quote in its article (this part only)."),
    not_quote: bool = typer.Option(False, "--not-quote", help="It is not a quote: leave it out of every listing."),
    revert: list[str] | None = typer.Option(None, "--revert", metavar="FIELD", help="Back to the extractor's value: speaker, role, kind, span or not_quote (repeatable)."),
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="Why (kept with the correction)."),
    db: Path | None = opt.db_option(),
) -> None:
    """Correct a quote: speaker, role, kind, span, or "not a quote"; it overrides the extractor everywhere.

    Example: quotes corrections add 32 --speaker jens-stoltenberg --note 'named in the headline'
    """
    from quotes import corrections, store

    conn = store.connect(db, create=False)
    changes = corrections.changes_from_options(
        conn, speaker=speaker, role=role, kind=kind, span=span, not_quote=not_quote, revert=revert or [],
    )  # fmt: skip
    for c in corrections.correct_quotation(conn, quote_id, changes, note=note):
        typer.echo(f"quote {c[0]}: {corrections.describe(c[1])}")
