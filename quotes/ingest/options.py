"""What the readers accept: the size of one record and where symbolic links may lead."""

from __future__ import annotations

from dataclasses import dataclass

#: The largest record read, decompressed: a text or HTML file, a JSONL line, a WARC page. A news
#: article is well under 1 MB; anything this large is surely not one article.
MAX_RECORD_BYTES = 64 * 1024 * 1024
#: How deep a JSONL record or a front matter may nest; real article metadata nests a few levels.
MAX_NESTING = 100


@dataclass(frozen=True)
class ReadOptions:
    """Limits and choices of one read (see :func:`quotes.ingest.iter_documents`)."""

    max_record_bytes: int = MAX_RECORD_BYTES
    #: Follow symbolic links that lead out of a directory given as input (off: they are reported).
    follow_symlinks: bool = False

    def __post_init__(self) -> None:
        if self.max_record_bytes < 1:
            raise ValueError("max_record_bytes must be at least 1")


def size_text(n: int) -> str:
    """A byte count as people read it: ``64 MB`` for whole megabytes, else ``1000 bytes``."""
    return f"{n // 2**20} MB" if n % 2**20 == 0 else f"{n} bytes"
