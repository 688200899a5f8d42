"""The extractor's version, derived from the code of its rules.

``quotes ingest --reprocess`` re-extracts an article whose stored extractor version differs from
the running one, so the version must change whenever the rules can give other records. A
hand-bumped constant was forgotten for 45 rule changes; here it is a hash of the rule modules'
syntax trees (comments, formatting and docstrings left out: they cannot change a record) and of
the lexicon data they read.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# What the records depend on, relative to the package: modules, or folders taken whole (*.py and
# data files). Names that do not exist (yet, or any more) are skipped, so a module may move into a
# package without touching this list.
RULE_SOURCES: tuple[str, ...] = (
    "attribution", "extract.py", "cues.py", "focus.py", "marks.py", "speakers.py", "lexicon.py",
    "lexicon", "normalize.py", "model.py", "records.py", "people.py", "names", "resolution.py", "resolution",
    "first_names.py", "gazetteer.py", "gazetteer",
)  # fmt: skip
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".txt", ".tsv", ".csv")


def _code_key(source: bytes) -> bytes:
    """The syntax tree of a module without docstrings (comments never reach the tree)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, annotate_fields=False).encode("utf-8")


def _files(root: Path, names: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for name in names:
        path = root / name
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*")) if p.is_file() and (p.suffix == ".py" or p.suffix in DATA_SUFFIXES))
        elif path.is_file():
            out.append(path)
    return out


def rules_fingerprint(root: Path = PACKAGE, names: Iterable[str] = RULE_SOURCES) -> str:
    """A short hash of the rule sources under ``root`` (the installed package by default)."""
    h = hashlib.sha256()
    for path in _files(root, names):
        data = path.read_bytes()
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(_code_key(data) if path.suffix == ".py" else data)
        h.update(b"\0")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The running extractor's version: ``rules-<hash>`` of the installed rule sources."""
    return "rules-" + rules_fingerprint()
