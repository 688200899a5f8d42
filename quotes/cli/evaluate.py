"""``quotes evaluate``: score the extractor against gold quotes."""

from __future__ import annotations

import typer

from quotes.cli import options as opt
from quotes.cli.app import app


@app.command("evaluate")
def evaluate_cmd(
    gold: str = typer.Argument(..., metavar="GOLD.jsonl", help="Gold documents (PolNeAR-style JSONL)."),
    baseline: str | None = typer.Option(
        None, "--baseline", metavar="NAME", callback=opt.choice("--baseline", ("textacy",)),
        help="Also score a baseline, side by side: textacy.",
    ),
    fmt: str = opt.format_option("table", ("table", "json")),
    model: str | None = opt.model_option(),
    limit: int | None = typer.Option(None, "--limit", min=0, metavar="INTEGER", help="Score only the first N documents."),
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

    with Console(stderr=True).status("evaluating ...") as spinner:
        report = evaluate(
            gold, model=model, baseline=baseline, limit=limit, errors=errors, names_only=names_only,
            progress=lambda n: spinner.update(f"evaluating: {n} documents done"),
        )  # fmt: skip
    if fmt == "json":  # a report, not rows: the one format that is not a View
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    console = Console()
    for renderable in render_tables(report):
        console.print(renderable)
