"""The WARC reader: one document per HTML page (2xx response or resource record) of a WARC or
WARC.gz web archive; a damaged archive keeps the pages before the damage."""

from __future__ import annotations

import hashlib
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

    @property
    def src(self) -> str:
        return str(self.path)

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


def _pages(records: Iterator[Any], archive: _Archive) -> Iterator[Document]:
    """The documents of the archive's HTML pages; stops (reported) at a record cut short."""
    for record in records:
        archive.records += 1
        url = _html_page_url(record)
        if url is None:
            continue
        limit = archive.max_record_bytes
        body = record.content_stream().read(limit + 1)  # decompressed: a gzip bomb stops here
        while record.raw_stream.read(CHUNK):  # drain what the decoder left; then a short record shows
            pass
        if getattr(record.raw_stream, "limit", 0) > 0:
            archive.emit(Problem(archive.src, f"archive is damaged: it ends inside the record for {url}"))
            return
        if len(body) > limit:
            archive.page_problem(f"{url}: page larger than {size_text(limit)}, the limit for one record (--max-record-mb)")
            continue
        doc = _page_document(archive, record, url, body)
        if doc is not None:
            yield doc


def warc_documents(path: Path, emit: ProblemCallback, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Document]:
    """One Document per HTML response (or resource) record of a WARC / WARC.gz archive."""
    import zlib

    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
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
        try:
            yield from _pages(ArchiveIterator(fh), archive)
        except ArchiveLoadFailed as exc:
            emit(Problem(archive.src, f"not a valid WARC archive ({str(exc).splitlines()[0][:120]})"))
            return
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            emit(Problem(archive.src, f"WARC archive is damaged ({type(exc).__name__}: {str(exc)[:120]})"))
            return
    if not archive.records:
        emit(Problem(archive.src, "not a valid WARC archive (no records)"))
    elif not archive.found and not archive.page_problems:
        emit(Problem(archive.src, "no HTML pages in the archive"))

