"""Readers' corrections of extracted quotes: who said it, in what role, what kind, which span, or
"not a quote at all".

A correction is a row of the ``corrections`` table: which quote (the extractor's identity of it,
``quote_hash``, which does not change when an article is extracted again), which field, the old
and new value (JSON), when, and an optional note. Rows are never edited: the history is the table,
and the latest row of a (quote, field) pair wins. A new value of ``None`` takes the field back to
the extractor's output.

Corrections are applied *to the stored quote rows* (``apply_corrections``), so every query of the
store (``list``, ``show``, ``export``, ``recycled``, ``speakers``, full-text search, the web pages)
reads the corrected values without knowing about corrections. The row keeps the extractor's
values of the fields it overrides in ``quotes.corrected`` (JSON), which also says that the record
was corrected; ``quotes.not_quote`` hides a rejected quote from every listing. The store applies
the corrections again after each (re)extraction of an article, so they survive
``ingest --reprocess``. They travel as JSONL (``export_jsonl`` / ``import_jsonl``), keyed by the
quote's hash, i.e. by the article's text and the extracted span: importing them into another
store applies them to the same quotes there, now or when the article is ingested later.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TextIO

from quotes.errors import CorrectionError
from quotes.records import KINDS

if TYPE_CHECKING:
    from quotes.gazetteer import GazetteerLike

FIELDS: tuple[str, ...] = ("speaker", "role", "kind", "span", "not_quote")

# The quote columns each correctable field overrides.
COLUMNS: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker_name", "speaker_id", "resolved_by", "confidence"),
    "role": ("role", "role_normalized", "organization"),
    "kind": ("kind",),
    "span": ("start_char", "end_char", "text"),
    "not_quote": ("not_quote",),
}


READER = "reader"  # resolved_by of a speaker a reader gave (records.RESOLVERS)




@dataclass(frozen=True, slots=True)
class Correction:
    """One reader's correction of one field of one quote, as stored and as exported (JSONL).

    ``start``/``end``/``kind`` are the extracted span and kind of the quote (part of its
    identity, ``quote_hash``), so that a person reading the JSONL knows which quote it is.
    """

    quote_hash: str
    article_hash: str
    start: int
    end: int
    kind: str
    field: str
    old: Any
    new: Any  # None: back to the extractor's value
    created_at: str
    note: str | None = None

    @property
    def key(self) -> str:
        """Identity of the correction (importing the same line twice adds it once)."""
        payload = json.dumps(
            [self.quote_hash, self.field, self.new, self.created_at, self.note], ensure_ascii=False, sort_keys=True
        )
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_hash": self.quote_hash, "article_hash": self.article_hash, "start": self.start,
            "end": self.end, "kind": self.kind, "field": self.field, "old": self.old, "new": self.new,
            "created_at": self.created_at, "note": self.note,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Correction":
        """Read an exported record; raises CorrectionError naming what is wrong."""
        if not isinstance(d, dict):
            raise CorrectionError("not a JSON object")
        missing = [k for k in ("quote_hash", "article_hash", "start", "end", "kind", "field", "new", "created_at") if k not in d]
        if missing:
            raise CorrectionError(f"missing {', '.join(missing)}")
        _check_quote_identity(d)
        if d["field"] not in FIELDS:
            raise CorrectionError(f"field: {d['field']!r} is not one of {', '.join(FIELDS)}")
        if not isinstance(d["created_at"], str) or not d["created_at"]:
            raise CorrectionError("created_at: not a timestamp")
        note = d.get("note")
        if note is not None and not isinstance(note, str):
            raise CorrectionError("note: not a string")
        new = d["new"]
        if new is not None:
            check_value(d["field"], new)
        return cls(d["quote_hash"], d["article_hash"], d["start"], d["end"], d["kind"], d["field"],
                   d.get("old"), new, d["created_at"], note)  # fmt: skip


def _check_quote_identity(d: dict[str, Any]) -> None:
    """Raise CorrectionError unless the record's quote identity is well formed: two SHA-256 hex
    digests, offsets, and a known kind."""
    for name in ("quote_hash", "article_hash"):
        value = d[name]
        if not (isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)):
            raise CorrectionError(f"{name}: not a SHA-256 hex digest")
    if not all(isinstance(d[k], int) and not isinstance(d[k], bool) and d[k] >= 0 for k in ("start", "end")):
        raise CorrectionError("start/end: not offsets")
    if d["kind"] not in KINDS:
        raise CorrectionError(f"kind: {d['kind']!r} is not one of {', '.join(KINDS)}")


def _speaker_ok(value: Any) -> bool:
    """A speaker: a non-blank ``speaker_name``, and a ``speaker_id`` string or none."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("speaker_name"), str)
        and bool(value["speaker_name"].strip())
        and (value.get("speaker_id") is None or isinstance(value.get("speaker_id"), str))
    )


def _role_ok(value: Any) -> bool:
    """A role: strings (or none) in the role columns, and a non-blank ``role``."""
    return isinstance(value, dict) and all(
        value.get(k) is None or isinstance(value.get(k), str) for k in COLUMNS["role"]
    ) and bool((value.get("role") or "").strip())


def _span_ok(value: Any) -> bool:
    """A span: integer ``start`` < ``end``, from 0 (the article's length is checked where it is known)."""
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(k), int) and not isinstance(value.get(k), bool) for k in ("start", "end"))
        and 0 <= value["start"] < value["end"]
    )


# What a well-formed new value of each field is.
_VALUE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "speaker": _speaker_ok,
    "role": _role_ok,
    "kind": lambda value: value in KINDS,
    "span": _span_ok,
    "not_quote": lambda value: value is True,
}


def check_value(field: str, value: Any) -> None:
    """Raise CorrectionError unless ``value`` is a well-formed new value for ``field``."""
    ok = _VALUE_CHECKS.get(field)
    if ok is None:
        raise CorrectionError(f"field: {field!r} is not one of {', '.join(FIELDS)}")
    if not ok(value):
        raise CorrectionError(f"{field}: not a valid new value: {json.dumps(value, ensure_ascii=False)}")


# ---- applying corrections to the stored rows ------------------------------------------------------


def _values(row: sqlite3.Row, field: str) -> Any:
    """The value of ``field`` in a quote row, in the shape corrections use."""
    if field in ("speaker", "role"):
        return {k: row[k] for k in COLUMNS[field]}
    if field == "kind":
        return row["kind"]
    if field == "span":
        return {"start": row["start_char"], "end": row["end_char"], "text": row["text"]}
    return bool(row["not_quote"]) or None


def _columns(field: str, value: Any, article_text: str | None) -> dict[str, Any]:
    """Column values that set ``field`` to ``value`` (None = not a quote's default)."""
    if field == "speaker":  # a reader's attribution is how it was resolved, and sure
        return {"speaker_name": value["speaker_name"], "speaker_id": value.get("speaker_id"),
                "resolved_by": value.get("resolved_by", READER), "confidence": value.get("confidence", 1.0)}
    if field == "role":
        return {k: value.get(k) for k in COLUMNS["role"]}
    if field == "kind":
        return {"kind": value}
    if field == "span":
        start, end = value["start"], value["end"]
        text = value.get("text")
        if article_text is not None:
            if end > len(article_text):
                raise CorrectionError(f"span {start}-{end} is beyond the article's end ({len(article_text)})")
            text = article_text[start:end]
        return {"start_char": start, "end_char": end, "text": text}
    return {"not_quote": 1 if value else 0}


def apply_corrections(conn: sqlite3.Connection, *, article_ids: Sequence[int] | None = None,
                      quote_hashes: Sequence[str] | None = None) -> int:
    """Bring the stored quote rows in line with the corrections table; returns the rows changed.

    Limited to the quotes of ``article_ids`` or to ``quote_hashes`` when given (the store calls it
    for each article it has just written). Runs in the caller's transaction. Idempotent.
    """
    from quotes.dedup.sql import recluster_quotes

    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM corrections)").fetchone()[0]:
        return 0
    changed: list[int] = []
    for row in _rows_to_correct(conn, article_ids, quote_hashes):
        sets = _corrected_columns(conn, row)
        if any(row[k] != v for k, v in sets.items()):
            assignments = ", ".join(f"{k} = ?" for k in sets)
            conn.execute(f"UPDATE quotes SET {assignments} WHERE id = ?", [*sets.values(), row["id"]])
            changed.append(row["id"])
    recluster_quotes(conn, changed)  # a corrected speaker or span may join or leave a recycled quote
    return len(changed)


def _rows_to_correct(conn: sqlite3.Connection, article_ids: Sequence[int] | None,
                     quote_hashes: Sequence[str] | None) -> list[sqlite3.Row]:
    """The quote rows (with their article's text) that corrections may touch: of ``article_ids``
    or ``quote_hashes`` when given, else every row corrected now or named by a correction."""
    if article_ids is not None:
        marks = ",".join("?" * len(article_ids))
        rows = conn.execute(
            f"SELECT q.*, a.text AS article_text FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.article_id IN ({marks}) AND (q.corrected IS NOT NULL OR q.quote_hash IN"
            f" (SELECT quote_hash FROM corrections))",
            list(article_ids),
        ).fetchall()
    elif quote_hashes is not None:
        marks = ",".join("?" * len(quote_hashes))
        rows = conn.execute(
            f"SELECT q.*, a.text AS article_text FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.quote_hash IN ({marks})",
            list(quote_hashes),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT q.*, a.text AS article_text FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE q.corrected IS NOT NULL OR q.quote_hash IN (SELECT quote_hash FROM corrections)"
        ).fetchall()
    return rows


def _corrected_columns(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """The column values a quote row should have under its latest corrections: the corrected
    fields set (their extractor's values kept in ``corrected``), the reverted ones restored."""
    latest: dict[str, Any] = {}
    for field, new in conn.execute(
        "SELECT field, new_value FROM corrections WHERE quote_hash = ? ORDER BY id", (row["quote_hash"],)
    ):
        latest[field] = None if new is None else json.loads(new)
    original: dict[str, Any] = json.loads(row["corrected"]) if row["corrected"] else {}
    sets: dict[str, Any] = {}
    for field in FIELDS:
        new = latest.get(field)
        if new is None:
            if field in original:  # reverted (or never corrected there): the extractor's value
                old = original.pop(field)
                sets |= _columns(field, old, None) if old is not None else _columns(field, False, None)
            continue
        if field not in original:
            original[field] = _values(row, field)
        sets |= _columns(field, new, row["article_text"])
    sets["corrected"] = json.dumps(original, ensure_ascii=False, sort_keys=True) if original else None
    return sets


def corrected_fields(value: str | None) -> tuple[str, ...]:
    """The fields a reader corrected, from a ``quotes.corrected`` cell, in FIELDS order."""
    if not value:
        return ()
    found = json.loads(value)
    return tuple(f for f in FIELDS if f in found)


# ---- making corrections ------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def speaker_value(conn: sqlite3.Connection, name_or_id: str) -> dict[str, Any]:
    """The new speaker for what a reader picked or typed: a person of the gazetteer (by id or
    exact name, case-insensitive) keeps its id; any other name is stored as typed, without one."""
    text = " ".join(name_or_id.split())
    if not text:
        raise CorrectionError("speaker: empty name")
    row = conn.execute(
        "SELECT id, name FROM people WHERE id = ? OR lower(name) = lower(?) ORDER BY id = ? DESC LIMIT 1",
        (text, text, text),
    ).fetchone()
    if row is not None:
        return {"speaker_name": row[1], "speaker_id": row[0]}
    return {"speaker_name": text, "speaker_id": None}


def role_value(role: str, gazetteer: GazetteerLike | None = None) -> dict[str, Any]:
    """The new role as printed, with the title and organization the gazetteer normalizes it to."""
    text = " ".join(role.split())
    if not text:
        raise CorrectionError("role: empty role")
    if gazetteer is not None:
        title, organization = gazetteer.normalize_role(text)
    else:
        from quotes.gazetteer import normalize_role

        title, organization = normalize_role(text)
    return {"role": text, "role_normalized": title or None, "organization": organization or None}


def correct(conn: sqlite3.Connection, quote_id: int, field: str, new: Any, *, note: str | None = None) -> Correction:
    """Record and apply a correction of ``field`` of quote ``quote_id`` (``new=None`` reverts the
    field to the extractor's value). Takes the write lock; returns the stored correction."""
    return correct_quotation(conn, quote_id, [(field, new)], note=note, whole=False)[0][1]


def correct_quotation(
    conn: sqlite3.Connection, quote_id: int, changes: Sequence[tuple[str, Any]], *, note: str | None = None,
    whole: bool = True,
) -> list[tuple[int, Correction]]:
    """Record and apply several corrections of quote ``quote_id`` in one transaction.

    With ``whole`` (default), speaker, role, kind and "not a quote" apply to every part of a
    split quotation (a span is always one part's). Returns (quote id, correction) pairs.
    """
    _check_changes(changes)
    note = (note or "").strip() or None
    made: list[tuple[int, Correction]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        parts = _quotation_parts(conn, quote_id, whole)
        for field, new in changes:
            for qid in parts if field != "span" else [quote_id]:
                made.append((qid, _correct_row(conn, qid, field, new, note)))
        apply_corrections(conn, quote_hashes=sorted({c.quote_hash for _, c in made}))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return made


def _check_changes(changes: Sequence[tuple[str, Any]]) -> None:
    """Raise CorrectionError for no changes, an unknown field or a malformed new value, before
    anything is written."""
    if not changes:
        raise CorrectionError("nothing to correct (give a new speaker, role, kind, span, or not a quote)")
    for field, new in changes:
        if field not in FIELDS:
            raise CorrectionError(f"field: {field!r} is not one of {', '.join(FIELDS)}")
        if new is not None:
            check_value(field, new)


def _quotation_parts(conn: sqlite3.Connection, quote_id: int, whole: bool) -> list[int]:
    """The ids a correction of ``quote_id`` applies to: with ``whole``, every part of its split
    quotation in order, else the quote alone; CorrectionError for an unknown id."""
    row = conn.execute("SELECT article_id, grp FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is None:
        raise CorrectionError(f"no quote with id {quote_id}")
    if whole and row["grp"] is not None:
        return [r[0] for r in conn.execute(
            "SELECT id FROM quotes WHERE article_id = ? AND grp = ? ORDER BY seq", (row["article_id"], row["grp"])
        )]  # fmt: skip
    return [quote_id]


def _correct_row(conn: sqlite3.Connection, quote_id: int, field: str, new: Any, note: str | None) -> Correction:
    row = conn.execute(
        "SELECT q.*, a.content_hash, a.text AS article_text FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.id = ?",
        (quote_id,),
    ).fetchone()
    if field == "span" and new is not None:
        text = row["article_text"]
        if new["end"] > len(text):
            raise CorrectionError(f"span: {new['start']}-{new['end']} is beyond the article's end ({len(text)})")
        if not text[new["start"] : new["end"]].strip():
            raise CorrectionError("span: the new span holds no text")
        new = {"start": new["start"], "end": new["end"], "text": text[new["start"] : new["end"]]}
    original = json.loads(row["corrected"]) if row["corrected"] else {}
    extracted = _extracted(row, original)
    c = Correction(
        quote_hash=row["quote_hash"], article_hash=row["content_hash"], start=extracted["start_char"],
        end=extracted["end_char"], kind=extracted["kind"], field=field, old=_values(row, field), new=new,
        created_at=_now(), note=note,
    )  # fmt: skip
    _insert(conn, c)
    return c


def changes_from_options(
    conn: sqlite3.Connection, *, speaker: str | None = None, role: str | None = None, kind: str | None = None,
    span: str | tuple[int, int] | None = None, not_quote: bool = False, revert: Sequence[str] = (),
    gazetteer: GazetteerLike | None = None,
) -> list[tuple[str, Any]]:
    """The (field, new value) pairs a form or the command line asks for (shared by both)."""
    changes: list[tuple[str, Any]] = []
    if speaker is not None and speaker.strip():
        changes.append(("speaker", speaker_value(conn, speaker)))
    if role is not None and role.strip():
        changes.append(("role", role_value(role, gazetteer)))
    if kind:
        if kind not in KINDS:
            raise CorrectionError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        changes.append(("kind", kind))
    if span is not None and span != "":
        start, end = parse_span(span) if isinstance(span, str) else span
        if not 0 <= start < end:
            raise CorrectionError(f"span: {start}-{end} is not START-END with START < END")
        changes.append(("span", {"start": start, "end": end}))
    if not_quote:
        changes.append(("not_quote", True))
    for field in revert:
        if field not in FIELDS:
            raise CorrectionError(f"--revert: {field!r} is not one of {', '.join(FIELDS)}")
        changes.append((field, None))
    return changes


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Rows for ``quotes corrections list``: each correction once, with the quote it applies to
    here (``quote_id``, the first stored) and the other publications' copies of that quote
    (``also``: a correction is keyed by the article's text, so a syndicated story's copies share it)."""
    rows = conn.execute("SELECT * FROM corrections ORDER BY id").fetchall()
    applies: dict[str, list[int]] = {}
    for quote_hash, quote_id in conn.execute(
        "SELECT quote_hash, id FROM quotes WHERE quote_hash IN (SELECT quote_hash FROM corrections) ORDER BY id"
    ):
        applies.setdefault(quote_hash, []).append(quote_id)
    out = []
    for r in rows:
        c = _correction(r)
        ids = applies.get(c.quote_hash, [])
        out.append({"quote_id": ids[0] if ids else None, "also": ids[1:], "field": c.field, "change": describe_change(c),
                    "note": c.note, "created_at": c.created_at[:19]})  # fmt: skip
    return out


def _extracted(row: sqlite3.Row, original: dict[str, Any]) -> dict[str, Any]:
    """The extractor's span and kind of a quote row (its identity), corrections undone."""
    span = original.get("span") or {"start": row["start_char"], "end": row["end_char"]}
    return {"start_char": span["start"], "end_char": span["end"], "kind": original.get("kind") or row["kind"]}


def _insert(conn: sqlite3.Connection, c: Correction) -> bool:
    cur = conn.execute(
        "INSERT INTO corrections (correction_hash, quote_hash, article_hash, start_char, end_char, kind, field,"
        " old_value, new_value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(correction_hash) DO NOTHING",
        (
            c.key, c.quote_hash, c.article_hash, c.start, c.end, c.kind, c.field,
            None if c.old is None else json.dumps(c.old, ensure_ascii=False),
            None if c.new is None else json.dumps(c.new, ensure_ascii=False), c.note, c.created_at,
        ),
    )  # fmt: skip
    return bool(cur.rowcount)


def _correction(row: sqlite3.Row) -> Correction:
    return Correction(
        quote_hash=row["quote_hash"], article_hash=row["article_hash"], start=row["start_char"],
        end=row["end_char"], kind=row["kind"], field=row["field"],
        old=None if row["old_value"] is None else json.loads(row["old_value"]),
        new=None if row["new_value"] is None else json.loads(row["new_value"]),
        created_at=row["created_at"], note=row["note"],
    )  # fmt: skip


def history(conn: sqlite3.Connection, quote_id: int) -> list[Correction]:
    """Every correction of quote ``quote_id``, oldest first (empty for an uncorrected quote)."""
    rows = conn.execute(
        "SELECT c.* FROM corrections c JOIN quotes q ON q.quote_hash = c.quote_hash WHERE q.id = ? ORDER BY c.id",
        (quote_id,),
    ).fetchall()
    return [_correction(r) for r in rows]


def histories(conn: sqlite3.Connection, quote_ids: Iterable[int]) -> dict[int, list[Correction]]:
    """``history`` for several quotes at once: quote id -> its corrections, oldest first."""
    ids = list(quote_ids)
    out: dict[int, list[Correction]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(
            f"SELECT q.id AS qid, c.* FROM corrections c JOIN quotes q ON q.quote_hash = c.quote_hash"
            f" WHERE q.id IN ({','.join('?' * len(chunk))}) ORDER BY c.id",
            chunk,
        ).fetchall()
        for r in rows:
            out.setdefault(r["qid"], []).append(_correction(r))
    return out


def describe_change(c: Correction) -> str:
    """``Jens Stoltenberg -> Mark Rutte``: the old and the new value as people read them."""

    def show(value: Any) -> str:
        if value is None:
            return "a quote" if c.field == "not_quote" else "(extracted value)"
        if c.field == "speaker":
            return str(value.get("speaker_name") or "(none)")
        if c.field == "role":
            return str(value.get("role") or "(none)")
        if c.field == "span":
            return f"{value['start']}-{value['end']}"
        if c.field == "not_quote":
            return "not a quote"
        return str(value)

    return f"{show(c.old)} -> {show(c.new)}"


def describe(c: Correction) -> str:
    """One line for people: ``speaker: Jens Stoltenberg -> Mark Rutte (2026-12-01, note)``."""
    tail = f" ({c.created_at[:10]}" + (f", {c.note}" if c.note else "") + ")"
    return f"{c.field}: {describe_change(c)}{tail}"


# ---- travelling as JSONL ------------------------------------------------------------------------------


def all_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """Every stored correction in the order it was made."""
    return [_correction(r) for r in conn.execute("SELECT * FROM corrections ORDER BY id")]


def export_jsonl(conn: sqlite3.Connection, out: TextIO) -> int:
    """Write every correction as one JSON line; returns how many."""
    from quotes.export import write_jsonl

    return write_jsonl((c.to_dict() for c in all_corrections(conn)), out)


@dataclass
class ImportStats:
    added: int = 0
    known: int = 0  # already in this store
    applied: int = 0  # quote rows changed here now (the others apply when their article comes)
    problems: list[str] | None = None


def import_jsonl(conn: sqlite3.Connection, lines: Iterable[str], source: str = "-") -> ImportStats:
    """Add the corrections of a JSONL file (in file order, after the ones already stored) and
    apply them. A bad line is reported as ``source:LINE: reason`` and skipped; the good ones are
    stored in one transaction."""
    stats = ImportStats(problems=[])
    assert stats.problems is not None
    found: list[Correction] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found.append(Correction.from_dict(json.loads(line)))
        except (ValueError, CorrectionError) as exc:
            reason = exc if isinstance(exc, CorrectionError) else f"not JSON ({exc})"
            stats.problems.append(f"{source}:{n}: {reason}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for c in found:
            if _insert(conn, c):
                stats.added += 1
            else:
                stats.known += 1
        if stats.added:
            stats.applied = apply_corrections(conn, quote_hashes=sorted({c.quote_hash for c in found}))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stats


def parse_span(text: str) -> tuple[int, int]:
    """``'120-245'`` -> (120, 245); a CorrectionError otherwise."""
    try:
        a, b = (int(x) for x in text.replace("–", "-").split("-", 1))
    except ValueError:
        raise CorrectionError(f"span: {text!r} is not START-END (character offsets)") from None
    return a, b
