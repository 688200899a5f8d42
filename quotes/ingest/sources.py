"""From paths to documents: each file goes to the reader of its kind, problems are reported and
the rest of the input is still read."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from quotes.errors import DependencyError
from quotes.ingest.html import dependency_error, html_document
from quotes.ingest.jsonl import jsonl_documents, jsonl_file
from quotes.ingest.options import MAX_RECORD_BYTES, ReadOptions
from quotes.ingest.paths import kind_of, read_bytes, stem, walk
from quotes.ingest.problems import Problem, ProblemCallback, Skip, os_message
from quotes.ingest.text import text_document
from quotes.ingest.warc import warc_documents
from quotes.records import Document


def _read_file(path: Path, kind: str, emit: ProblemCallback, opts: ReadOptions) -> Iterator[Document]:
    """The documents of one file of a known ``kind``; raises Skip or OSError for the whole file."""
    if not stat.S_ISREG(path.stat().st_mode):
        # A FIFO would block forever and a device never ends.
        raise Skip("not a regular file")
    if kind == "json":
        raise Skip("a .json file is not read: give documents as JSONL, one JSON object per line")
    if kind == "warc":
        yield from warc_documents(path, emit, opts.max_record_bytes)
        return
    if kind == "jsonl":
        yield from jsonl_file(path, stem(path), emit, opts.max_record_bytes)
        return
    data = read_bytes(path, opts.max_record_bytes)
    if not data:
        raise Skip("empty file")
    if kind == "html":
        yield html_document(path, data, emit)
    else:
        doc = text_document(path, data, markdown=kind == "markdown", emit=emit)
        if doc is not None:
            yield doc


def file_documents(path: Path, kind: str, emit: ProblemCallback, opts: ReadOptions) -> Iterator[Document]:
    """Documents of one file of a known ``kind``; problems go to ``emit``."""
    src = str(path)
    try:
        yield from _read_file(path, kind, emit, opts)
    except Skip as exc:
        emit(Problem(src, str(exc)))
    except OSError as exc:
        emit(Problem(src, os_message(exc)))
    except DependencyError:
        raise  # an installation problem: stop once instead of failing every file the same way
    except ImportError as exc:
        raise dependency_error(exc, f"{kind} files") from None
    except Exception as exc:  # a reader bug or library failure on one file must not end the run
        emit(Problem(src, f"could not read ({type(exc).__name__}: {str(exc)[:200]})"))


def _path_documents(entry: str | Path, emit: ProblemCallback, opts: ReadOptions) -> Iterator[Document]:
    """The documents of one path argument: a file or a directory."""
    path = Path(entry)
    if str(entry) == "":
        emit(Problem("''", "empty path"))
        return
    try:
        is_dir = path.is_dir()
        if not is_dir:
            path.stat()  # raises for a missing file, a broken link or a link loop
    except OSError as exc:
        emit(Problem(str(path), os_message(exc)))
        return
    except ValueError as exc:  # e.g. a NUL byte in the path
        emit(Problem(repr(str(entry)), f"invalid path ({exc})"))
        return
    if is_dir:
        for file, kind in walk(path, emit, opts.follow_symlinks):
            yield from file_documents(file, kind, emit, opts)
    else:
        yield from file_documents(path, kind_of(path) or "text", emit, opts)


def iter_documents(
    paths: Sequence[str | Path],
    *,
    on_problem: ProblemCallback | None = None,
    stdin: TextIO | IO[bytes] | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
    follow_symlinks: bool = False,
) -> Iterator[Document]:
    """Stream the documents found at ``paths``, in order, one at a time.

    Each path is a text (``.txt``, ``.text``, no extension) or Markdown (``.md``) file with
    optional YAML front matter, a JSONL file (``.jsonl``, ``.ndjson``: ``{"id", "text"}`` plus
    optional ``title``, ``outlet``, ``date``, ``url``, ``author``, or the same inside ``meta``),
    an HTML page (``.html``, ``.htm``), a WARC archive (``.warc``, ``.warc.gz``), a directory
    (read recursively in sorted order; hidden files and files of other types are skipped), or
    ``-`` for JSONL from ``stdin`` (default ``sys.stdin``). A file of another type named
    explicitly is read as text unless it is binary.

    A record larger than ``max_record_bytes`` once decompressed (a text or HTML file, a JSONL
    line, a WARC page) is skipped with a problem and never held whole in memory. In a directory,
    a symbolic link leading out of it is reported and not followed unless ``follow_symlinks``
    (a path named explicitly is always read).

    Nothing raises for bad input: each problem goes to ``on_problem``; with ``on_problem=None``
    problems are dropped silently (bad documents are still skipped). A reader library that is not
    installed (trafilatura, lxml_html_clean, warcio) raises :class:`~quotes.errors.DependencyError`
    once, when the first file needing it is reached.
    """
    emit: ProblemCallback = on_problem or (lambda problem: None)
    opts = ReadOptions(max_record_bytes=max_record_bytes, follow_symlinks=follow_symlinks)
    for entry in paths:
        if str(entry) == "-":
            stream: Any = getattr(sys.stdin, "buffer", sys.stdin) if stdin is None else stdin
            yield from jsonl_documents(stream, source="<stdin>", stem="stdin", emit=emit, max_record_bytes=max_record_bytes)
        else:
            yield from _path_documents(entry, emit, opts)
