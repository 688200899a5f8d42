"""The HTML reader (trafilatura finds the article text and metadata of a news page), and the
installation error when trafilatura or one of its libraries cannot be imported."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from quotes.errors import DependencyError
from quotes.ingest.decode import SNIFF_BYTES
from quotes.ingest.document import make_document
from quotes.ingest.problems import Problem, ProblemCallback, Skip
from quotes.records import Document

#: The PyPI package that provides an importable top-level module, where the names differ.
_PACKAGE_OF = {"yaml": "pyyaml", "lxml_html_clean": "lxml_html_clean"}


def dependency_error(exc: ImportError, what: str, default: str | None = None) -> DependencyError:
    """The one-line installation error for a reader library that cannot be imported.

    lxml 6 raises a plain ImportError naming ``lxml_html_clean`` when ``lxml.html.clean`` (which
    trafilatura imports) is used without that separate package; other failures name the module.
    """
    name = exc.name or ""
    if "lxml_html_clean" in str(exc) or name.startswith("lxml.html.clean"):
        package: str | None = "lxml_html_clean"
    else:
        top = name.split(".")[0]
        package = _PACKAGE_OF.get(top, top) or default
    if package is None:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        return DependencyError(f"reading {what} needs a library that cannot be imported ({reason}); reinstall quotes")
    return DependencyError(
        f"reading {what} needs the Python package {package}, which is not installed or cannot be "
        f"imported; install it (pip install {package}) or reinstall quotes"
    )


def import_trafilatura(what: str) -> Any:
    """trafilatura, or the installation error naming the package that is missing."""
    try:
        import trafilatura
    except ImportError as exc:
        raise dependency_error(exc, what, "trafilatura") from None
    return trafilatura


def _quiet_trafilatura() -> None:
    # trafilatura and htmldate log through the root "last resort" handler when nothing is
    # configured, which would print stray lines in the CLI; we report problems ourselves.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def html_fields(html: bytes | str, url: str | None) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """``(text, fields, meta)`` of a news page via trafilatura, or None when it finds no text."""
    trafilatura = import_trafilatura("HTML")
    _quiet_trafilatura()
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None:
        return None
    text = getattr(result, "text", None) or ""
    if not text.strip():
        return None
    fields = {
        "title": getattr(result, "title", None),
        "outlet": getattr(result, "sitename", None),
        "date": getattr(result, "date", None),
        "author": getattr(result, "author", None),
        "url": getattr(result, "url", None) or url,
    }
    meta = {
        k: v
        for k, v in (("hostname", getattr(result, "hostname", None)), ("description", getattr(result, "description", None)))
        if v
    }
    return text, fields, meta


def html_document(path: Path, data: bytes, emit: ProblemCallback) -> Document:
    """An HTML page read whole: its article text and the metadata trafilatura finds."""
    src = str(path)
    if not data.strip():
        raise Skip("empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Skip("binary file (contains NUL bytes)")
    got = html_fields(data, None)
    if got is None:
        raise Skip("no article text found in the HTML")
    text, fields, meta = got
    return make_document(
        path.stem, text, fields, source=src, meta={"format": "html", **meta},
        report=lambda msg: emit(Problem(src, msg, fatal=False)),
    )  # fmt: skip
