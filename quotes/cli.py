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
