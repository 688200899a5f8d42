"""What an article's quotes were extracted with: extractor version, model, gazetteer.

A change of any of them makes stored quotes stale (``ingest --reprocess``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotes.errors import UsageError

if TYPE_CHECKING:
    from quotes.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Versions:
    """What an article's quotes were extracted with; a change means they may be stale."""

    extractor_version: str
    model: str
    gazetteer_hash: str


class Reprocess(str, Enum):
    """Which already-stored articles ``ingest`` extracts again."""

    none = "none"  # stored articles are left as they are
    changed = "changed"  # those extracted with another extractor version, model or gazetteer
    all = "all"


def model_fingerprint(name: str | None = None) -> str:
    """Name and version of the spaCy pipeline ``name`` (default: the one load_model picks).

    Read from package metadata or the pipeline's meta.json, without loading the model.
    """
    from importlib import metadata

    from quotes.model import DEFAULT_MODELS

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        meta_file = Path(candidate) / "meta.json"
        if meta_file.is_file():
            try:
                meta = json.loads(meta_file.read_text(encoding="utf-8"))
                return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
            except (OSError, ValueError):
                return f"{candidate}==?"
        for dist in (candidate, candidate.replace("_", "-")):
            try:
                return f"{candidate}=={metadata.version(dist)}"
            except metadata.PackageNotFoundError:
                continue
    return f"{name or DEFAULT_MODELS[0]}==?"


def gazetteer_fingerprint(extra: Sequence[str | Path] = ()) -> str:
    """SHA-256 over the bundled gazetteer files and the user's ``--gazetteer`` files."""
    from quotes.gazetteer.schema import bundled_files

    digest = hashlib.sha256()
    try:
        bundled = [p for _, p in bundled_files()]
    except (FileNotFoundError, NotADirectoryError):
        bundled = []
    for item in bundled:
        digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for path in extra:
        try:
            digest.update(str(path).encode() + b"\0" + Path(path).read_bytes() + b"\0")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read gazetteer file ({exc.strerror or exc})") from exc
    return digest.hexdigest()[:16]


# ---- the gazetteer used ----------------------------------------------------------------------


def load_gazetteer(files: Sequence[str | Path] = ()) -> Gazetteer:
    """The bundled gazetteer merged with the user's ``--gazetteer`` files (cached per process)."""
    from quotes.gazetteer import load_gazetteer as load

    return load(tuple(files))


def gazetteer_people(gazetteer: Any) -> list[Any]:
    """The gazetteer's people (objects with .id, .name, .aliases), for the people table."""
    people = getattr(gazetteer, "people", None)
    if people is None:
        return []
    if isinstance(people, dict):
        return list(people.values())
    return list(people)
