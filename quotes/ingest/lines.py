"""Reading lines with bounded memory and time: a line longer than the record limit is dropped
as it is read (never held whole), and runs of blank lines are skipped at C speed (a 1 MB gzipped
file of newlines holds a billion of them)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

#: How much is read at a time from a binary stream.
CHUNK = 1 << 20
_NON_BLANK = re.compile(rb"[^ \t\r\n\f\v]")

#: ``(line number, the line with its newline)``, or ``(line number, None)`` for a line too long.
NumberedLine = tuple[int, "bytes | str | None"]


class _LineBuffer:
    """The bytes read but not yet returned as lines, and the number of the line they start."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.buf = bytearray()
        self.n = 1
        self.skipping = False  # inside a line that is too long: drop bytes up to its newline
        self.long_blank = False  # inside a line that is blank so far and already too long

    def feed(self, chunk: bytes) -> Iterator[NumberedLine]:
        """The lines that ``chunk`` completes."""
        if self.long_blank:
            nl = chunk.find(b"\n")
            if chunk[: nl if nl >= 0 else len(chunk)].strip():
                self.long_blank, self.skipping = False, True  # it has words after all: too long
            elif nl < 0:
                return
            else:  # a blank line: not a record
                self.long_blank, self.n, chunk = False, self.n + 1, chunk[nl + 1 :]
        if self.skipping:
            nl = chunk.find(b"\n")
            if nl < 0:
                return
            yield self.n, None
            self.n, self.skipping, chunk = self.n + 1, False, chunk[nl + 1 :]
        if not chunk.strip():
            yield from self._blank(chunk)
        elif self.buf and b"\n" not in chunk:  # the unfinished line goes on: nothing to scan yet
            self.buf += chunk
        else:
            self.buf += chunk
            yield from self._complete()
        if len(self.buf) > self.limit:  # an unfinished line that is already too long
            if self.buf.strip():
                self.skipping = True
            else:
                self.long_blank = True
            self.buf = bytearray()

    def _blank(self, chunk: bytes) -> Iterator[NumberedLine]:
        """A chunk of blank lines only ends the unfinished line and counts the others (bytes
        methods, no regular expression: a gzipped file of newlines can hold a billion)."""
        nl = chunk.find(b"\n")
        if nl < 0:
            self.buf += chunk
            return
        self.buf += chunk[: nl + 1]
        yield from self._complete()  # the buffer ends with a newline: it is emptied
        self.n += chunk.count(b"\n", nl + 1)
        self.buf += chunk[chunk.rfind(b"\n") + 1 :]

    def _complete(self) -> Iterator[NumberedLine]:
        """The complete non-blank lines in the buffer; the unfinished line stays there."""
        buf, pos = self.buf, 0
        try:
            while m := _NON_BLANK.search(buf, pos):
                nl = buf.rfind(b"\n", pos, m.start())
                start = nl + 1 if nl >= 0 else pos
                self.n += buf.count(b"\n", pos, start)
                pos = start
                end = buf.find(b"\n", m.start())
                if end < 0:
                    return
                yield self.n, bytes(buf[start : end + 1]) if end - start <= self.limit else None
                self.n += 1
                pos = end + 1
            nl = buf.rfind(b"\n", pos)  # only blank lines (and maybe part of one) are left
            if nl >= 0:
                self.n += buf.count(b"\n", pos, nl + 1)
                pos = nl + 1
        finally:
            del buf[:pos]

    def end(self) -> Iterator[NumberedLine]:
        """The last line, when the stream does not end with a newline."""
        if self.skipping:
            yield self.n, None
        elif _NON_BLANK.search(self.buf):
            yield self.n, bytes(self.buf)


def binary_lines(fh: Any, limit: int) -> Iterator[NumberedLine]:
    """The non-blank lines of the binary stream ``fh``, numbered from 1; a line of more than
    ``limit`` bytes (its newline not counted) comes as None."""
    read = getattr(fh, "read1", None) or fh.read  # read1: a pipe's lines come as they arrive
    lines = _LineBuffer(limit)
    while chunk := read(CHUNK):
        yield from lines.feed(chunk)
    yield from lines.end()


def _too_long(line: bytes | str, limit: int) -> bool:
    """Whether ``line`` (its newline not counted) has more than ``limit`` bytes in UTF-8."""
    if isinstance(line, bytes):
        return len(line.rstrip(b"\n")) > limit
    text = line.rstrip("\n")
    if len(text) > limit or len(text) * 4 <= limit:  # at most 4 bytes a character
        return len(text) > limit
    return len(text.encode("utf-8", "surrogatepass")) > limit


def numbered_lines(stream: Iterable[bytes | str], limit: int) -> Iterator[NumberedLine]:
    """Numbered lines of a JSONL source, a line of more than ``limit`` bytes as None. A binary
    file object is read in bounded chunks; other iterables (text streams, lists) line by line."""
    if hasattr(stream, "read") and not isinstance(stream, io.TextIOBase):
        yield from binary_lines(stream, limit)
        return
    for n, line in enumerate(stream, 1):
        yield n, None if _too_long(line, limit) else line
