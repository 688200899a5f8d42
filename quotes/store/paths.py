"""Checks on the paths commands write to."""

from __future__ import annotations

from pathlib import Path

from quotes.errors import UsageError


def check_output_path(output: str | Path) -> None:
    """Refuse to write an export over a SQLite database (the store itself, its -wal/-shm files,
    or any other): ``-o quotes.db`` is a slip that would replace every stored article."""
    output = Path(output)
    name = output.name
    base = output.with_name(name[: -len("-wal")]) if name.endswith(("-wal", "-shm")) else output
    try:
        with open(base, "rb") as fh:
            header = fh.read(16)
    except OSError:
        return
    if header == b"SQLite format 3\x00":
        raise UsageError(f"{output}: is a SQLite database; refusing to overwrite it with an export")


