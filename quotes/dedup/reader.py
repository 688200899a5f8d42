"""Quote files for ``quotes dedup``: JSONL records in, the same records with cluster ids out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from quotes.dedup.engine import ClusterIndex, Params

_ID_FIELDS = ("id", "quoteID")  # quoteID/quotation: Quotebank dumps
_TEXT_FIELDS = ("text", "quotation")


def read_records(lines: Iterable[str], source: str = "-") -> tuple[list[dict[str, Any]], list[str]]:
    """Parse JSONL quote records (``id``, ``text``, optional ``speaker``, ``outlet``, ``date``).

    Returns the good records (with ``id`` and ``text`` set from Quotebank's ``quoteID`` and
    ``quotation`` when those are used) and one ``source:line: problem`` message per skipped
    line, so one bad line does not cost the rest of the file.
    """
    import json

    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[Any] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{source}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(r, dict):
            problems.append(f"{source}:{n}: not a JSON object")
            continue
        rid = next((r[k] for k in _ID_FIELDS if r.get(k) is not None), None)
        text = next((r[k] for k in _TEXT_FIELDS if r.get(k) is not None), None)
        if rid is None or isinstance(rid, (dict, list, float)):
            problems.append(f"{source}:{n}: missing or bad \"id\"")
            continue
        if not isinstance(text, str):
            problems.append(f"{source}:{n}: missing or bad \"text\"")
            continue
        if rid in seen:
            problems.append(f"{source}:{n}: duplicate id {rid!r}")
            continue
        seen.add(rid)
        r.update(id=rid, text=text)
        records.append(r)
    return records, problems


def dedup_records(records: Sequence[dict[str, Any]], params: Params | None = None) -> list[dict[str, Any]]:
    """The records in input order, each with its ``cluster_id`` (the id of its first member)."""
    index = ClusterIndex(params)
    for r in records:
        speaker = r.get("speaker")
        index.add(r["id"], r["text"], speaker if isinstance(speaker, str) else None)
    labels = index.clusters()
    return [{**r, "cluster_id": labels[r["id"]]} for r in records]


