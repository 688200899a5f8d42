"""What readers report: :class:`Problem` (one line per bad file or record) and the internal
:class:`Skip` that abandons the current document."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass

ProblemCallback = Callable[["Problem"], None]


@dataclass(frozen=True)
class Problem:
    """One reportable issue with the input.

    ``fatal=True``: the document (or JSONL line) was skipped. ``fatal=False``: a warning about a
    document that was still read. ``str(problem)`` is the one line a CLI prints.
    """

    source: str
    message: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        kind = "skipped" if self.fatal else "warning"
        return f"{where}: {kind}: {self.message}"


class Skip(Exception):
    """Internal: abandon the current document with this message (becomes a fatal Problem)."""


_OS_MESSAGES = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symbolic link loop",
    errno.EISDIR: "is a directory",
    errno.ENAMETOOLONG: "file name too long",
}


def os_message(exc: OSError) -> str:
    """A short lower-case reason for an OS error on a file (no path, no errno number)."""
    return _OS_MESSAGES.get(exc.errno or -1, (exc.strerror or str(exc)).lower())
