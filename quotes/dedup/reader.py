"""Quote files for ``quotes dedup``: JSONL records in, the same records with cluster ids out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from quotes.dedup.engine import Params
from quotes.dedup.memory import ClusterIndex

_ID_FIELDS = ("id", "quoteID")  # quoteID/quotation: Quotebank dumps
_TEXT_FIELDS = ("text", "quotation")


def read_records(lines: Iterable[str], source: str = "-") -> tuple[list[dict[str, Any]], list[str]]:
    """Parse JSONL quote records (``id``, ``text``, optional ``speaker``, ``outlet``, ``date``).

    Returns the good records (with ``id`` and ``text`` set from Quotebank's ``quoteID`` and
    ``quotation`` when those are used) and one ``source:line: problem`` message per skipped
    line, so one bad line does not cost the rest of the file.
    """
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[Any] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        r, problem = _record(line)
        if r is not None and r["id"] in seen:
            problem = f"duplicate id {r['id']!r}"
        if problem or r is None:
            problems.append(f"{source}:{n}: {problem}")
            continue
        seen.add(r["id"])
        records.append(r)
    return records, problems


def _record(line: str) -> tuple[dict[str, Any] | None, str | None]:
    """The record of one JSONL line, or why it cannot be one."""
    try:
        r = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg})"
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError:  # Python reads no integer of more than 4,300 digits
        return None, "a number too long to read (over 4,300 digits)"
    if not isinstance(r, dict):
        return None, "not a JSON object"
    rid = next((r[k] for k in _ID_FIELDS if r.get(k) is not None), None)
    text = next((r[k] for k in _TEXT_FIELDS if r.get(k) is not None), None)
    if rid is None or isinstance(rid, (dict, list, float)):
        return None, 'missing or bad "id"'
    if not isinstance(text, str):
        return None, 'missing or bad "text"'
    r.update(id=rid, text=text)
    return r, None


def dedup_records(records: Sequence[dict[str, Any]], params: Params | None = None) -> list[dict[str, Any]]:
    """The records in input order, each with its ``cluster_id`` (the id of its first member)."""
    index = ClusterIndex(params)
    for r in records:
        speaker = r.get("speaker")
        index.add(r["id"], r["text"], speaker if isinstance(speaker, str) else None)
    labels = index.clusters()
    return [{**r, "cluster_id": labels[r["id"]]} for r in records]


