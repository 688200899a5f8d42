"""The Typer application, how every command turns library errors into one line, and ``main``."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from typing import get_args as typing_args

import typer
from typer.core import TyperCommand

from quotes import __version__
from quotes.errors import QuotesError
from quotes.records import Document, Quote

Extraction = Callable[..., Iterator[tuple[Document, list[Quote]]]]


@dataclass(frozen=True)
class Services:
    """What the commands call that a test (or an embedding program) may replace.

    ``extract(docs, **options)`` yields (document, quotes) in input order (default: the real
    extractor, in worker processes with ``--workers``); ``extractor_version`` is stored with each
    article (default: the rules' fingerprint). Pass it as Click's context object:
    ``CliRunner().invoke(app, args, obj=Services(...))`` or ``main(services=...)``.
    """

    extract: Extraction | None = None
    extractor_version: str | None = None


def services(ctx: typer.Context) -> Services:
    """The Services of the running command (the defaults unless a caller passed some)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Services) else Services()


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line to stderr and return the Exit to raise."""
    typer.echo(f"quotes: error: {message}", err=True)
    return typer.Exit(code)


class QuotesCommand(TyperCommand):
    """A command whose library errors (:class:`~quotes.errors.QuotesError`) and Ctrl-C become
    one line on stderr and an exit code: the one place that does it for every command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:  # option callbacks check values (dates, empty filters) and raise UsageError
            return super().parse_args(ctx, args)
        except QuotesError as exc:
            raise fail(str(exc), exc.exit_code) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except QuotesError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except RecursionError:  # input nested too deep for a library that recurses
            raise fail("input nested too deeply to read", 1) from None
        except sqlite3.Error as exc:  # e.g. a read-only database file, a pattern SQLite finds too complex
            raise fail(f"database error ({exc})", 1) from None
        except UnicodeEncodeError as exc:  # an option holding bytes that are not UTF-8 (surrogates)
            raise fail(f"not valid UTF-8 text in an option or file name ({exc.reason})", 2) from None


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
        if desc.is_path:
            return "PATH"
        annotation = desc.annotation
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


class QuotesTyper(typer.Typer):
    """A Typer whose commands are :class:`QuotesCommand` unless told otherwise."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", QuotesCommand)
        return super().command(*args, **kwargs)


def sub_app(help: str) -> QuotesTyper:
    """A command group (``quotes gazetteer ...``)."""
    return QuotesTyper(help=help, no_args_is_help=True)


app = QuotesTyper(
    name="quotes",
    help="Find quotations in news articles, who said them, and where else they appear.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Find quotations in news articles, who said them, and where else they appear."""


def problem_printer(counter: list[int]) -> Callable[[Any], None]:
    """An on_problem callback: one line on stderr each; counts the skipped (fatal) ones."""

    def on_problem(problem: Any) -> None:
        typer.echo(f"quotes: {problem}", err=True)
        if getattr(problem, "fatal", True):
            counter[0] += 1

    return on_problem


def documents(paths: list[str], skipped: list[int], max_record_mb: int, follow_symlinks: bool) -> Any:
    """The documents at ``paths``, streamed; each input problem is printed as it is found."""
    from quotes.ingest import iter_documents

    return iter_documents(
        paths, on_problem=problem_printer(skipped), max_record_bytes=max_record_mb * 2**20, follow_symlinks=follow_symlinks
    )


def main(argv: Iterable[str] | None = None, *, services: Services | None = None) -> None:
    """Entry point: run the app, turning errors into one line and an exit code."""
    try:
        # Not standalone: typer would print a bad option as a multi-line usage box.
        code = app(args=list(argv) if argv is not None else None, standalone_mode=False, obj=services)
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
        typer.echo("quotes: error: interrupted", err=True)
        sys.exit(130)
    except UnicodeError as exc:  # e.g. an option holding a byte that is not UTF-8
        typer.echo(f"quotes: error: {getattr(exc, 'reason', exc)}: not valid text", err=True)
        sys.exit(2)
    # typer.Exit(n) comes back as the return value n; a command's own return value is None.
    sys.exit(code if isinstance(code, int) else 0)
