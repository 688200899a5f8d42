"""The ``quotes`` command line: parse options, call the library, print. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from quotes import __version__
from quotes.errors import QuotesError

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
    baseline: Baseline | None = typer.Option(None, "--baseline", help="Also score a baseline, side by side."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", help="Output format."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load (default en_core_web_sm)."),
    limit: int | None = typer.Option(None, "--limit", min=0, help="Score only the first N documents."),
    errors: str | None = typer.Option(
        None, "--errors", metavar="FILE", help="Write misses, false positives and speaker errors as JSONL."
    ),
) -> None:
    """Score the extractor against gold quotes: P/R/F1 at overlap 0.3 and 0.8, speaker accuracy."""
    import json

    from rich.console import Console

    from quotes.evaluate import evaluate, render_tables
    from quotes.model import ModelError

    try:
        report = evaluate(gold, model=model, baseline=baseline.value if baseline else None, limit=limit, errors=errors)
    except QuotesError as exc:
        raise fail(str(exc), exc.exit_code)
    except ModelError as exc:
        raise fail(str(exc), 2)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        console = Console()
        for renderable in render_tables(report):
            console.print(renderable)


def main() -> None:
    """Entry point: run the app, turning library errors into one line and an exit code."""
    try:
        app()
    except QuotesError as exc:
        typer.echo(f"quotes: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("quotes: interrupted", err=True)
        sys.exit(130)
