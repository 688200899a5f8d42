"""The WARC reader: one document per HTML page (2xx response or resource record) of a WARC or
WARC.gz web archive; a damaged archive keeps the pages before the damage."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from quotes.ingest.document import make_document
from quotes.ingest.lines import CHUNK
from quotes.ingest.html import dependency_error, html_fields, import_trafilatura
from quotes.ingest.options import MAX_RECORD_BYTES, size_text
from quotes.ingest.paths import stem
from quotes.ingest.problems import Problem, ProblemCallback, Skip, os_message
from quotes.records import Document


def url_id(url: str) -> str:
    """A stable, readable id for a URL: host and last path part, plus a short hash of the URL."""
    m = re.match(r"^[a-z][\w+.\-]*://(?:[^@/]*@)?([^/:?#]+)[^/?#]*(/[^?#]*)?", url, re.IGNORECASE)
    host = m.group(1).lower() if m else ""
    parts = [p for p in (m.group(2) or "").split("/") if p] if m else []
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts[-1]) if parts else ""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{host} {last}".lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def warc_magic(fh: IO[bytes]) -> bool:
    """Whether ``fh`` starts like a WARC (or ARC) file, gzipped or not; rewinds ``fh``."""
    import gzip
    import zlib

    head = fh.read(64)
    if head.startswith(b"\x1f\x8b"):
        fh.seek(0)
        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(64)
        except (OSError, EOFError, zlib.error):
            head = b""
    fh.seek(0)
    # warcio would read any five words as an old ARC header line, so look for the real start.
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def _html_page_url(record: Any) -> str | None:
    """The target URL ('' if none) of an HTML page record (a 2xx response or a resource), or
    None for any other record (requests, metadata, images, redirects, errors)."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    return record.rec_headers.get_header("WARC-Target-URI") or ""


@dataclass
class _Archive:
    """One archive being read: where it is, what to report to, and what was seen so far."""

    path: Path
    emit: ProblemCallback
    max_record_bytes: int = MAX_RECORD_BYTES
    records: int = 0
    found: int = 0
    page_problems: int = 0
    member: int = 0  # where the last record read starts in the file (its gzip member)
    complete: bool = False  # every record was read
    broken: bool = False  # the damage was reported
    length_reported: bool = False  # a record whose Content-Length is wrong was reported

    @property
    def src(self) -> str:
        return str(self.path)

    def damaged(self, message: str) -> None:
        """The archive is damaged: the pages before the damage are kept, the file is reported."""
        self.broken = True
        self.emit(Problem(self.src, f"archive is damaged: {message}; the pages before it were read"))

    def page_problem(self, message: str) -> None:
        self.page_problems += 1
        self.emit(Problem(self.src, message))


def _page_document(archive: _Archive, record: Any, url: str, body: bytes) -> Document | None:
    """The document of one HTML page, or None (reported) when it has no article text."""
    if not body.strip():
        archive.page_problem(f"{url}: empty page")
        return None
    try:
        got = html_fields(body, url or None)
    except ImportError as exc:  # a library trafilatura loads lazily: not this page's fault
        raise dependency_error(exc, "WARC archives") from None
    except Exception as exc:  # trafilatura/lxml on a hostile page: skip that page only
        archive.page_problem(f"{url}: could not parse the page ({type(exc).__name__})")
        return None
    if got is None:
        archive.page_problem(f"{url}: no article text found")
        return None
    text, fields, meta = got
    fields["url"] = url or fields.get("url")
    meta["format"] = "warc"
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        meta["warc_date"] = warc_date
    if not fields.get("date") and warc_date:
        fields["date"] = warc_date
        meta["date_from"] = "WARC-Date"
    archive.found += 1
    src = archive.src
    return make_document(
        url_id(url) if url else f"{stem(archive.path)}-{archive.found}",
        text,
        fields,
        source=f"{src}#{url}" if url else src,
        meta=meta,
        report=lambda msg: archive.emit(Problem(src, f"{url}: {msg}", fatal=False)),
    )


class _Broken(Exception):
    """Internal: warcio could not read the next record."""


def _next_record(records: Iterator[Any]) -> Any | None:
    """The next record of the archive, None at its end; raises _Broken when it cannot be read."""
    import zlib

    from warcio.exceptions import ArchiveLoadFailed

    try:
        with contextlib.redirect_stderr(io.StringIO()):  # warcio prints its own warnings there
            return next(records)
    except StopIteration:
        return None
    except ArchiveLoadFailed as exc:
        raise _Broken((str(exc).splitlines() or ["ArchiveLoadFailed"])[0][:120]) from None
    except (OSError, EOFError, ValueError, zlib.error, AttributeError, TypeError, KeyError, IndexError) as exc:
        # warcio on a record cut inside its headers (no WARC-Target-URI: AttributeError, ...)
        raise _Broken(f"{type(exc).__name__}: {str(exc)[:120]}") from None


def _damage(record: Any) -> str | None:
    """How the archive is damaged at ``record`` (read what is left of it first), or None."""
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return "a record has no valid Content-Length (its headers are cut short)"
    while record.raw_stream.read(CHUNK):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "it ends inside a record"
    return None


def _read_body(record: Any, url: str, archive: _Archive) -> bytes | None:
    """The page's decoded body, up to the record limit (decompressed: a gzip bomb stops there),
    or None (reported) when its encoding is broken."""
    try:
        return bytes(record.content_stream().read(archive.max_record_bytes + 1))
    except Exception as exc:  # a broken Content-Encoding or chunking on one hostile page
        archive.page_problem(f"{url}: could not decode the page ({type(exc).__name__})")
        return None


def _check_lengths(records: Any, archive: _Archive) -> None:
    """Report (once) a record whose Content-Length does not match its content: warcio notices
    when the next record does not start where the length says, reads on, and prints a warning
    of its own to stderr (suppressed)."""
    if getattr(records, "err_count", 0) and not archive.length_reported:
        archive.length_reported = True
        archive.emit(Problem(
            archive.src,
            f"archive is damaged: the Content-Length of record {archive.records} does not match its "
            "content (that page may be cut short); the other records were read",
        ))  # fmt: skip


def _pages(records: Any, archive: _Archive) -> Iterator[Document]:
    """The documents of the archive's HTML pages; stops (reported) where the archive is cut."""
    while (record := _next_record(records)) is not None:
        _check_lengths(records, archive)
        archive.records += 1
        archive.member = records.offset  # where this record starts (its gzip member)
        url = _html_page_url(record)
        body = _read_body(record, url, archive) if url is not None and record.length is not None else None
        damage = _damage(record)
        if damage:
            where = record.rec_headers.get_header("WARC-Target-URI") or f"{record.rec_type} record {archive.records}"
            archive.damaged(f"{damage} ({where})")
            return
        if url is None or body is None:
            continue
        if len(body) > archive.max_record_bytes:
            limit = size_text(archive.max_record_bytes)
            archive.page_problem(f"{url}: page larger than {limit}, the limit for one record (--max-record-mb)")
            continue
        doc = _page_document(archive, record, url, body)
        if doc is not None:
            yield doc
    _check_lengths(records, archive)
    archive.complete = True


def _gzip_member_complete(fh: IO[bytes], offset: int) -> bool:
    """Whether the gzip member at ``offset`` ends (a cut archive loses the end of its last one)."""
    import zlib

    fh.seek(offset)
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    while not inflate.eof:
        data = inflate.unconsumed_tail or fh.read(CHUNK)
        if not data:
            return False
        try:
            inflate.decompress(data, CHUNK)
        except zlib.error:
            return False
    return True


def _end_damage(fh: IO[bytes], records: Any, gzipped: bool, last: int) -> str | None:
    """How the archive is damaged after its last whole record, or None: warcio ends quietly at
    a record whose headers are cut short, and does not check that the last gzip member ends."""
    size = os.fstat(fh.fileno()).st_size
    if records.offset < size:
        return f"the bytes after offset {records.offset} are not a whole record"
    if gzipped:
        return None if _gzip_member_complete(fh, last) else "its last gzip member is cut short"
    fh.seek(max(0, size - 4))
    return None if fh.read(4) == b"\r\n\r\n" else "the last record is not closed by its blank lines"


def warc_documents(path: Path, emit: ProblemCallback, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Document]:
    """One Document per HTML response (or resource) record of a WARC / WARC.gz archive.

    A damaged archive (cut short, a record that cannot be read) is one fatal problem; the pages
    before the damage are kept."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise dependency_error(exc, "WARC archives", "warcio") from None
    # Imported before the first page: a missing library must not look like a bad page each time.
    import_trafilatura("WARC archives")

    archive = _Archive(path, emit, max_record_bytes)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise Skip(os_message(exc)) from None
    with fh:
        if os.fstat(fh.fileno()).st_size == 0:
            raise Skip("empty file")
        if not warc_magic(fh):
            raise Skip("not a valid WARC archive (it does not start with a WARC record)")
        gzipped = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        try:
            records = ArchiveIterator(fh)
            yield from _pages(records, archive)
        except _Broken as exc:
            if not archive.records:
                raise Skip(f"not a valid WARC archive ({exc})") from None
            archive.damaged(f"a record cannot be read ({exc})")
            return
        if archive.complete and archive.records:
            damage = _end_damage(fh, records, gzipped, archive.member)
            if damage:
                archive.damaged(damage)
                return
    if archive.broken:
        return
    if not archive.records:
        emit(Problem(archive.src, "not a valid WARC archive (no records)"))
    elif not archive.found and not archive.page_problems:
        emit(Problem(archive.src, "no HTML pages in the archive"))
