"""Every error a user can cause is defined in quotes/errors.py, one line each, with an exit code."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import quotes.errors as errors

ROOT = Path(__file__).resolve().parent.parent
# Exceptions a module raises and catches itself, never seen by a user.
INTERNAL = {
    ("quotes/ingest/problems.py", "Skip"),  # becomes a Problem line
    ("quotes/ingest/warc.py", "_Broken"),  # becomes a "damaged archive" Problem
    ("quotes/web/views.py", "NotFound"),  # becomes an HTTP 404 page
}


def _exception_classes_outside_errors() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "quotes").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "quotes/errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if any(b.endswith(("Error", "Exception")) or b in {"NotFound", "DaskUnavailable"} for b in bases):
                    found.append((rel, node.name))
    return found


def test_every_exception_class_is_in_errors_py() -> None:
    assert set(_exception_classes_outside_errors()) <= INTERNAL


def test_every_user_error_has_an_exit_code_and_a_docstring() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.QuotesError)]
    assert len(classes) >= 10
    for cls in classes:
        assert cls.exit_code in (1, 2), cls
        assert cls.__doc__ and cls.__module__ == "quotes.errors", cls


def test_the_old_import_paths_still_name_the_same_classes() -> None:
    from quotes.corrections import CorrectionError
    from quotes.gazetteer import GazetteerError
    from quotes.model import ModelError
    from quotes.store import NotFound, StoreError

    assert (CorrectionError, GazetteerError, ModelError, NotFound, StoreError) == (
        errors.CorrectionError, errors.GazetteerError, errors.ModelError, errors.NotFound, errors.StoreError,
    )  # fmt: skip
