"""Input paths: which reader a file name gets, walking directories, reading a file whole."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from quotes.ingest.options import MAX_RECORD_BYTES, size_text
from quotes.ingest.problems import Problem, ProblemCallback, Skip, os_message

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")

#: Text and HTML files are read whole, up to the record limit.
MAX_FILE_BYTES = MAX_RECORD_BYTES


def kind_of(path: Path) -> str | None:
    """The reader for a file name: text, markdown, jsonl, json, html, warc, or None (unknown)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def stem(path: Path) -> str:
    """The file name without its extension (both parts of ``.warc.gz``, ``.jsonl.gz``)."""
    name = path.name
    for suffix in WARC_SUFFIXES + JSONL_SUFFIXES:
        if suffix.count(".") == 2 and name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem


def _too_large(limit: int, size: int | None = None) -> Skip:
    got = f" ({size / 2**20:.0f} MB)" if size else ""
    return Skip(f"file too large for one article{got}: the limit for one record is {size_text(limit)} (--max-record-mb)")


def read_bytes(path: Path, limit: int = MAX_RECORD_BYTES) -> bytes:
    """The whole file (size-checked first); OSError on failure, Skip when over ``limit`` bytes."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise _too_large(limit, size)
        data = fh.read(size + 1 if size else limit + 1)
    if len(data) > limit:  # a file that grew, or one whose size the system does not know
        raise _too_large(limit)
    return data


def _report_walk(root: Path, taken: int, others: Counter[str], emit: ProblemCallback) -> None:
    """The warnings at the end of a directory: nothing readable in it, files of other types."""
    if not taken:
        emit(Problem(str(root), "no text, Markdown, JSONL, HTML or WARC files in this directory", fatal=False))
    if others:
        total = sum(others.values())
        kinds = ", ".join(s for s, _ in others.most_common(5))
        emit(Problem(str(root), f"skipped {total} file{'s' if total != 1 else ''} of other types ({kinds})", fatal=False))


def _outside(path: Path, real_root: str) -> str | None:
    """Where the symbolic link ``path`` leads when that is outside ``real_root``, else None."""
    if not path.is_symlink():
        return None
    target = os.path.realpath(path)  # no exception on a loop: reading it reports the loop
    return None if target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep) else target


def _link_problem(path: Path, target: str, root: Path) -> Problem:
    return Problem(str(path), f"symbolic link to {target}, outside {root}: not followed (--follow-symlinks follows it)")


def walk(root: Path, emit: ProblemCallback, follow_symlinks: bool = False) -> Iterator[tuple[Path, str]]:
    """Readable files under ``root``: recursive, sorted, hidden names skipped, each directory
    visited once (symlink loops end), files of other types counted and reported once. A symbolic
    link that leads out of ``root`` is reported and not followed unless ``follow_symlinks``."""
    seen: set[tuple[int, int]] = set()
    others: Counter[str] = Counter()
    taken = 0
    real_root = os.path.realpath(root)

    def inside(path: Path) -> bool:
        target = None if follow_symlinks else _outside(path, real_root)
        if target is not None:
            emit(_link_problem(path, target, root))
        return target is None

    def onerror(exc: OSError) -> None:
        emit(Problem(str(exc.filename or root), f"cannot read directory: {os_message(exc)}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError as exc:
            emit(Problem(dirpath, os_message(exc)))
            dirnames[:] = []
            continue
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and inside(Path(dirpath, d)))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            kind = kind_of(path)
            if kind is None:
                others[path.suffix.lower()] += 1
                continue
            if not inside(path):
                continue
            taken += 1
            yield path, kind
    _report_walk(root, taken, others, emit)
