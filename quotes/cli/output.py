"""The output layer every command shares: one ``--format`` registry, one terminal table, one
atomic file writer, and text made safe for a terminal.

A command builds a :class:`View` of its results (records, CSV rows, table rows, CSL sources:
whichever it has) and calls :func:`emit` with the ``--format`` the user chose; the renderer
registered under that name writes it (sqlite-utils' ``output_options`` + ``output_rows`` are the
model). Files are written by :func:`open_output`: whole or not at all.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from quotes.errors import OutputError, UsageError

Row = dict[str, Any]

# ---- text for a terminal ------------------------------------------------------------------------

# C0 controls but tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates (U+202A-202E, U+2066-2069): an ESC sequence in a quote or id could recolour, move the
# cursor or retitle the terminal, and an override could show a quote reversed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def terminal_safe(text: str) -> str:
    """``text`` with terminal control characters shown as U+FFFD (same length, so offsets hold)."""
    return _UNSAFE.sub(REPLACEMENT, text)


# ---- views and renderers ------------------------------------------------------------------------


@dataclass
class View:
    """What a command has to show, in the shapes the renderers take.

    ``records`` (JSON, JSONL) are the full records; ``csv_rows`` default to them, ``table_rows``
    to the CSV rows; ``columns`` name the CSV and table columns (default: the first row's keys);
    ``sources`` are CSL-JSON items. ``stream`` writes each record as soon as it comes.
    """

    records: Callable[[], Iterable[Row]]
    columns: Sequence[str] | None = None
    csv_rows: Callable[[], Iterable[Row]] | None = None
    table_rows: Callable[[], list[Row]] | None = None
    table_columns: Sequence[str] | None = None
    sources: Callable[[], list[Row]] | None = None
    title: str | None = None
    excel: bool = False
    stream: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


Renderer = Callable[[View, TextIO], int]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer under a ``--format`` name."""

    def register(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn

    return register


def _sink(view: View, out: TextIO) -> Any:
    from quotes.export import WholeRecords

    return WholeRecords(out, stream=view.stream)


@renderer("jsonl")
def _jsonl(view: View, out: TextIO) -> int:
    from quotes.export import write_jsonl

    return write_jsonl(view.records(), _sink(view, out))


@renderer("json")
def _json(view: View, out: TextIO) -> int:
    from quotes.export import write_json

    return write_json(view.records(), out)


@renderer("csv")
def _csv(view: View, out: TextIO) -> int:
    from quotes.export import write_csv_rows

    rows = view.csv_rows() if view.csv_rows else view.records()
    if view.columns is None:
        rows = list(rows)
        columns: Sequence[str] = list(rows[0]) if rows else []
    else:
        columns = view.columns
    return write_csv_rows(rows, columns, _sink(view, out), excel=view.excel)


@renderer("csl-json")
def _csl_json(view: View, out: TextIO) -> int:
    from quotes.export import write_json

    if view.sources is None:
        raise UsageError("--format csl-json: this command has no source articles to cite")
    return write_json(view.sources(), out)


@renderer("table")
def _table(view: View, out: TextIO) -> int:
    if view.table_rows is not None:
        rows = view.table_rows()
    else:
        rows = list(view.csv_rows() if view.csv_rows else view.records())
    columns = list(view.table_columns or view.columns or (list(rows[0]) if rows else []))
    print_table(rows, columns, title=view.title, out=out)
    return len(rows)


def emit(view: View, fmt: str, out: TextIO | None = None) -> int:
    """Write ``view`` in the format registered as ``fmt``; returns the number of records."""
    try:
        render = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"--format: {fmt!r} is not one of {', '.join(RENDERERS)}") from None
    return render(view, out if out is not None else sys.stdout)


# ---- the terminal table -------------------------------------------------------------------------

_LONG = ("quote", "text", "changes")
_NAMES = ("speaker", "speaker_name", "name", "outlet")  # a name reads badly folded


def _natural_width(rows: list[Row], column: str) -> int:
    cap = 18 if column in _NAMES else 16
    return min(cap, max([len(column)] + [len(str(r.get(column) or "")) for r in rows]))


def _widths(rows: list[Row], columns: list[str], width: int) -> dict[str, int]:
    """Short columns get their natural width up to a cap, shrunk (widest first, names last) until
    the long columns (quote text) keep a readable width."""
    widths = {c: _natural_width(rows, c) for c in columns if c not in _LONG}
    minimum = sum(20 if c != "changes" else 12 for c in columns if c in _LONG)
    while sum(widths.values()) + 3 * len(columns) + 1 + minimum > width:
        shrinkable = [c for c in widths if widths[c] > 8 and c not in _NAMES] or [c for c in widths if widths[c] > 8]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda c: widths[c])] -= 1
    return widths


def print_table(rows: list[Row], columns: list[str], *, title: str | None = None, out: TextIO | None = None) -> None:
    """A terminal table that fits the width; cells are plain text, never markup or control codes."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out) if out is not None and out is not sys.stdout else Console()
    widths = _widths(rows, columns, console.width)
    long_cols = [c for c in columns if c in _LONG]
    spare = console.width - (3 * len(columns) + 1) - sum(widths.values())
    table = Table(title=terminal_safe(title) if title else None)
    for col in columns:
        if col in long_cols:
            share = spare * (2 if col != "changes" else 1) // (2 * len(long_cols) - ("changes" in long_cols))
            table.add_column(col, overflow="fold", width=max(20 if col != "changes" else 12, share))
        else:
            table.add_column(col, overflow="fold", width=widths[col])
    for row in rows:  # Text(): article text is not rich markup ("[Armenian]")
        table.add_row(*(Text(terminal_safe("" if row.get(c) is None else str(row.get(c)))) for c in columns))
    console.print(table)


# ---- files --------------------------------------------------------------------------------------


def check_output_name(path: Path | str) -> Path:
    """A usage error for names that cannot be an output file: '', '.', '/', a folder."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    if not text.strip():
        raise UsageError("--output: empty file name")
    out = Path(text)
    if text.endswith(os.sep) or out.is_dir():
        raise UsageError(f"--output: {text}: is a folder, not a file")
    return out


@contextmanager
def open_output(path: Path | str | None) -> Iterator[TextIO]:
    """A text stream to ``path`` (stdout when None or ``-``) that is written whole or not at all.

    A regular file (or a new one) is written to a temporary file beside it, which then replaces
    it: an error or Ctrl-C leaves the old file as it was, and the temporary is always removed.
    The replaced file keeps its permissions (a 0600 file stays 0600). A symbolic link is written
    through (its target is replaced, the link stays); a device, FIFO or socket is written to
    directly (``-o /dev/null``, ``-o fifo``), never replaced.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    out = check_output_name(path)
    target = Path(os.path.realpath(out))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        yield from _write_special(out, target)  # never opened to read: a FIFO would block
        return
    from quotes.store import check_output_path

    check_output_path(out)  # never over a database
    yield from _write_replacing(out, target, st)


def _write_special(out: Path, target: Path) -> Iterator[TextIO]:
    try:
        fh = open(target, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _write_replacing(out: Path, target: Path, st: os.stat_result | None) -> Iterator[TextIO]:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not allowed unless root: the file becomes the writer's, as with any editor
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # what open() would have made, not mkstemp's 0600
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
