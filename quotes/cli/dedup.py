"""Recycled quotes: ``quotes dedup`` on any file of quote records, ``quotes recycled`` on the store."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from quotes.cli import options as opt
from quotes.cli.app import app
from quotes.cli.output import View, emit
from quotes.errors import InputError

DEDUP_CSV_COLUMNS = ["id", "cluster_id", "text", "speaker", "outlet", "date"]
RECYCLED_TABLE_COLUMNS = ["cluster", "speaker", "first_seen", "outlets", "n", "text", "changes"]


@app.command("dedup")
def dedup_cmd(
    file: Path = typer.Argument(..., metavar="FILE.jsonl", help="Quote records {id, text[, speaker, outlet, date]} (Quotebank's quoteID/quotation too); - for stdin."),
    # The defaults repeat quotes.dedup's DEFAULT_* (importing it here costs start-up time;
    # tests/test_cli.py checks that they agree).
    threshold: float = typer.Option(85.0, "--threshold", min=1, max=100, metavar="NUMBER", help="Full-length similarity (0-100) for rewordings."),
    fragment_threshold: float = typer.Option(90.0, "--fragment-threshold", min=1, max=100, metavar="NUMBER", help="partial_ratio (0-100) for a fragment of a longer quote."),
    min_fragment: int = typer.Option(6, "--min-fragment", min=1, metavar="INTEGER", help="Fewest words a fragment needs to join a longer quote."),
    fmt: str = opt.format_option("jsonl", ("jsonl", "csv"), "jsonl: the records with cluster_id; csv: id, cluster_id, text, speaker, outlet, date."),
) -> None:
    """Cluster near-duplicate quotes in a JSONL file; print each record with its cluster_id.

    Example: quotes dedup quotes.jsonl --threshold 90 > clusters.jsonl
    """
    from quotes import dedup

    if str(file) == "-":
        records, problems = dedup.read_records(sys.stdin, "<stdin>")
    else:
        try:
            with open(file, encoding="utf-8") as fh:
                records, problems = dedup.read_records(fh, str(file))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{file}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    params = dedup.Params(threshold=threshold, fragment_threshold=fragment_threshold, min_fragment=min_fragment)
    out = dedup.dedup_records(records, params)
    emit(View(records=lambda: out, columns=DEDUP_CSV_COLUMNS), fmt)
    for message in problems:  # the good records are printed; each bad line is named
        typer.echo(f"quotes: skipped {message}", err=True)
    if problems:
        raise typer.Exit(1)


@app.command("recycled")
def recycled_cmd(
    min_outlets: int = typer.Option(2, "--min-outlets", min=1, metavar="INTEGER", help="Quotes found in at least N outlets."),
    speaker: str | None = opt.speaker_option("Speaker name (all its words, or a subset: Stoltenberg)."),
    since: str | None = opt.since_option("Only occurrences dated on or after YYYY[-MM[-DD]]."),
    until: str | None = opt.until_option("Only occurrences dated on or before YYYY[-MM[-DD]]."),
    fmt: str = opt.format_option("table", ("table", "json", "csv"), "table: one row per quote; json: full clusters; csv: one row per occurrence."),
    db: Path | None = opt.db_option(),
) -> None:
    """Quotes recycled across outlets: first appearance, who reused them, how the words changed.

    Example: quotes recycled --min-outlets 2 --since 2021
    """
    from quotes import dedup, store

    conn = store.connect(db, readonly=True)
    clusters = dedup.recycled(conn, min_outlets=min_outlets, speaker=speaker, since=since, until=until)
    summary = dedup.summary_rows(clusters)
    view = View(
        records=lambda: (c.to_dict() for c in clusters), columns=dedup.OCCURRENCE_COLUMNS,
        csv_rows=lambda: dedup.occurrence_rows(clusters),
        table_rows=lambda: summary, table_columns=RECYCLED_TABLE_COLUMNS, title=f"{len(summary)} recycled quotes",
    )  # fmt: skip
    emit(view, fmt)
