"""Reading the store: quotes by filter, one quote with its parts, clusters, overviews.

Parts of a split quote (same ``group`` in one article) travel together: queries select whole
quotations (the "unit" = article + group), and ``--limit`` counts quotations.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date as _date
from typing import Any

from quotes.corrections import corrected_fields
from quotes.errors import UsageError
from quotes.records import KINDS, Quote
from quotes.store.connection import NotFound
from quotes.store.names import QueryGazetteer, match_speakers, speaker_overview

_MAX_INT = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article's metadata (its text is read on demand with :func:`article_text`)."""

    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    date: str | None
    url: str | None
    author: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored: its row id, the extract record, its article and its cluster."""

    id: int
    quote: Quote
    article: Article
    cluster_id: int | None = None
    corrected: tuple[str, ...] = ()  # fields a reader corrected (quotes.corrections)
    not_quote: bool = False  # a reader marked it "not a quote" (listings leave it out)

    def record(self) -> dict[str, Any]:
        """The extract record plus id, outlet, date, title, url, cluster_id and the fields a reader
        corrected (``list --format json``)."""
        a = self.article
        return {"id": self.id, "doc_id": a.doc_id, **self.quote.to_dict(), "outlet": a.outlet,
                "date": a.date, "title": a.title, "url": a.url, "cluster_id": self.cluster_id,
                "corrected": list(self.corrected)}  # fmt: skip


_SELECT = """
SELECT q.id, q.start_char, q.end_char, q.text, q.kind, q.cue, q.cue_start, q.cue_end, q.speaker,
       q.speaker_start, q.speaker_end, q.speaker_name, q.speaker_id, q.role, q.role_normalized,
       q.organization, q.grp, q.part_i, q.part_n, q.cluster_id, q.resolved_by, q.confidence,
       q.corrected, q.not_quote,
       a.id AS a_id, a.doc_id, a.title, a.outlet, a.date, a.url, a.author, a.source
FROM quotes q JOIN articles a ON a.id = q.article_id
"""


def _stored(row: sqlite3.Row) -> StoredQuote:
    quote = Quote(
        start=row["start_char"], end=row["end_char"], text=row["text"], kind=row["kind"], cue=row["cue"],
        cue_start=row["cue_start"], cue_end=row["cue_end"], speaker=row["speaker"],
        speaker_start=row["speaker_start"], speaker_end=row["speaker_end"], speaker_name=row["speaker_name"],
        speaker_id=row["speaker_id"], role=row["role"], role_normalized=row["role_normalized"],
        organization=row["organization"], group=row["grp"],
        part=(row["part_i"], row["part_n"]) if row["part_i"] is not None else None,
        resolved_by=row["resolved_by"], confidence=row["confidence"],
    )  # fmt: skip
    article = Article(
        id=row["a_id"], doc_id=row["doc_id"], title=row["title"], outlet=row["outlet"], date=row["date"],
        url=row["url"], author=row["author"], source=row["source"],
    )  # fmt: skip
    return StoredQuote(id=row["id"], quote=quote, article=article, cluster_id=row["cluster_id"],
                       corrected=corrected_fields(row["corrected"]), not_quote=bool(row["not_quote"]))


@dataclass(frozen=True)
class QuoteFilter:
    """The filters shared by ``list`` and ``export``; all optional, combined with AND."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    contains: str | None = None
    kind: str | None = None
    role: str | None = None
    limit: int | None = None  # counts quotations (a split quote's parts count once)
    min_confidence: float | None = None  # speaker name at least this sure (unknown = not sure)


# ASCII digits only: Unicode digits ('٢٠٢٠', '２０２１') pass \d and then compare as strings.
_DATE_RE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def check_date(value: str, option: str) -> str:
    """Validate a YYYY, YYYY-MM or YYYY-MM-DD filter value."""
    value = value.strip()
    ok = bool(_DATE_RE.fullmatch(value))
    if ok:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            _date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def fts_phrase(text: str) -> str:
    """The user's text as one FTS5 phrase: quoted, so `"`, `-`, `*`, AND/OR/NEAR are literal."""
    return '"' + text.replace('"', '""') + '"'


def _contains_text(column: str) -> str:
    """``column`` holds the argument, ignoring ASCII case as LIKE does, but with no pattern:
    no wildcard to escape and no length limit (LIKE refuses patterns over 50,000 bytes)."""
    return f"instr(lower({column}), lower(?)) > 0"


Clause = tuple[str, list[Any]]  # an SQL condition on quotes q / articles a, and its arguments


def _speaker_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.speaker:
        return None
    ids, names = match_speakers(conn, flt.speaker, gazetteer)
    if not ids and not names:
        return "0", []
    sql = (
        f"(q.speaker_id IN ({', '.join('?' * len(ids)) or 'NULL'})"
        f" OR q.speaker_name IN ({', '.join('?' * len(names)) or 'NULL'}))"
    )
    return sql, sorted(ids) + sorted(names)


def _outlet_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.outlet:
        return None
    return _contains_text("a.outlet"), [flt.outlet]


def _since_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.since:
        return None
    since = check_date(flt.since, "--since")
    return "substr(a.date, 1, ?) >= ?", [len(since), since]


def _until_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.until:
        return None
    until = check_date(flt.until, "--until")
    return "substr(a.date, 1, ?) <= ?", [len(until), until]


def _kind_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.kind:
        return None
    if flt.kind not in KINDS:
        raise UsageError(f"--kind: {flt.kind!r} is not one of {', '.join(KINDS)}")
    return "q.kind = ?", [flt.kind]


def _role_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if not flt.role:
        return None
    sql = f"({_contains_text('q.role')} OR {_contains_text('q.role_normalized')}"
    args: list[Any] = [flt.role, flt.role]
    title, organization = _normalize_role(flt.role, gazetteer)
    if title and organization:  # "Russian President" is not any president
        sql += " OR (q.role_normalized = ? AND q.organization = ?)"
        args += [title, organization]
    elif title:
        sql += " OR q.role_normalized = ?"
        args.append(title)
    return sql + ")", args


def _confidence_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if flt.min_confidence is None:
        return None
    if not 0.0 <= flt.min_confidence <= 1.0:
        raise UsageError(f"--min-confidence: {flt.min_confidence:g} is not between 0 and 1")
    return "q.confidence >= ?", [flt.min_confidence]


def _contains_clause(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> Clause | None:
    if flt.contains is None:
        return None
    if not flt.contains.strip():
        raise UsageError("--contains: empty text")
    return "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [fts_phrase(flt.contains)]


# One builder per filter field, in the order the conditions are written.
_CLAUSES = (
    _speaker_clause, _outlet_clause, _since_clause, _until_clause, _kind_clause, _role_clause,
    _confidence_clause, _contains_clause,
)  # fmt: skip


def _where(conn: sqlite3.Connection, flt: QuoteFilter, gazetteer: QueryGazetteer | None) -> tuple[list[str], list[Any]]:
    """The SQL conditions of ``flt`` (combined with AND by the caller) and their arguments."""
    where: list[str] = ["q.not_quote = 0"]  # a reader said it is not a quote
    args: list[Any] = []
    for build in _CLAUSES:
        clause = build(conn, flt, gazetteer)
        if clause is not None:
            where.append(clause[0])
            args += clause[1]
    return where, args


def _normalize_role(role: str, gazetteer: QueryGazetteer | None = None) -> tuple[str | None, str | None]:
    """(title, organization) of a ``--role`` value, through the user's gazetteer when given.

    Only the title part is compared with the ``role_normalized`` column (the organization has
    its own column).
    """
    if gazetteer is not None:
        title, organization = gazetteer.normalize_role(role)
    else:
        from quotes.gazetteer import normalize_role

        title, organization = normalize_role(role)
    return title or None, organization or None


def query_quotes(conn: sqlite3.Connection, flt: QuoteFilter = QuoteFilter(), gazetteer: QueryGazetteer | None = None) -> list[StoredQuote]:
    """Quotes matching ``flt``, oldest article first, parts of a split quote kept together.

    A quotation matches when any of its parts does, and then all its parts are returned.
    """
    where, args = _where(conn, flt, gazetteer)
    if flt.limit is not None and flt.limit < 0:
        raise UsageError("--limit must be 0 or more")
    sql = f"""
    WITH hits AS (
        SELECT DISTINCT q.article_id AS aid, COALESCE(q.grp, q.seq) AS unit
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {' AND '.join(where) or '1'}
    ),
    picked AS (
        SELECT h.aid, h.unit FROM hits h JOIN articles a ON a.id = h.aid
        ORDER BY a.date IS NULL, a.date, h.aid, h.unit
        LIMIT ?
    )
    {_SELECT}
    JOIN picked p ON p.aid = q.article_id AND p.unit = COALESCE(q.grp, q.seq)
    WHERE q.not_quote = 0
    ORDER BY a.date IS NULL, a.date, a.id, q.seq
    """
    # SQLite integers are 64-bit; a larger limit means no limit.
    limit = -1 if flt.limit is None or flt.limit > _MAX_INT else flt.limit
    try:
        rows = conn.execute(sql, [*args, limit]).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower():
            raise UsageError(f"--contains: cannot search for {flt.contains!r} ({exc})") from exc
        raise
    return [_stored(r) for r in rows]


def get_quote(conn: sqlite3.Connection, quote_id: int) -> list[StoredQuote]:
    """The quote ``quote_id`` with all parts of its quotation, in order (raises NotFound)."""
    row = None
    if -_MAX_INT <= quote_id <= _MAX_INT:  # SQLite cannot even compare larger integers
        row = conn.execute("SELECT article_id, COALESCE(grp, seq) AS unit FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is None:
        raise NotFound(f"no quote with id {quote_id}")
    rows = conn.execute(
        f"{_SELECT} WHERE q.article_id = ? AND COALESCE(q.grp, q.seq) = ? ORDER BY q.seq",
        (row["article_id"], row["unit"]),
    ).fetchall()
    return [_stored(r) for r in rows]


def cluster_members(conn: sqlite3.Connection, cluster_id: int | None) -> list[StoredQuote]:
    """All quotes of a cluster of recycled quotes (set by quotes.dedup), oldest first."""
    if cluster_id is None:
        return []
    rows = conn.execute(f"{_SELECT} WHERE q.cluster_id = ? AND q.not_quote = 0 ORDER BY a.date IS NULL, a.date, q.id", (cluster_id,))
    return [_stored(r) for r in rows]


def article_text(conn: sqlite3.Connection, article_id: int) -> str:
    """The full stored text of an article."""
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row[0]


def speakers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per speaker (gazetteer person, else name as resolved) with quotation counts
    (``corrected``: how many of them a reader corrected). A bare surname counts for the full name
    of the one speaker of that surname in the same article ("Reyes" for "Amanda Reyes")."""
    rows = conn.execute(
        """
        SELECT q.article_id, COALESCE(q.grp, q.seq) AS unit, q.speaker_id, q.speaker_name, p.name AS person,
               a.outlet, a.date, q.corrected IS NOT NULL AS corrected
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.speaker_id
        WHERE q.not_quote = 0
        """
    ).fetchall()
    return speaker_overview([dict(r) for r in rows])


def articles(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per article with its quotation counts (all and per kind)."""
    rows = conn.execute(
        """
        SELECT a.id, a.doc_id, a.date, a.outlet, a.title, a.source,
               COUNT(DISTINCT CASE WHEN q.id IS NOT NULL THEN COALESCE(q.grp, q.seq) END) AS quotes,
               COUNT(DISTINCT CASE WHEN q.kind = 'direct' THEN COALESCE(q.grp, q.seq) END) AS direct,
               COUNT(DISTINCT CASE WHEN q.kind = 'mixed' THEN COALESCE(q.grp, q.seq) END) AS mixed,
               COUNT(DISTINCT CASE WHEN q.kind = 'indirect' THEN COALESCE(q.grp, q.seq) END) AS indirect,
               a.extractor_version
        FROM articles a LEFT JOIN quotes q ON q.article_id = a.id AND q.not_quote = 0
        GROUP BY a.id
        ORDER BY a.date IS NULL, a.date, a.id
        """
    ).fetchall()
    return [dict(r) for r in rows]


def context(text: str, start: int, end: int, *, width: int = 400) -> tuple[int, int]:
    """Bounds of the paragraph(s) around ``text[start:end]``, cut to ``width`` chars each side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left = max(left, start - width)
    right = min(right, end + width)
    # do not cut a word in half at a truncated edge
    if left > 0 and text[left - 1] not in "\n ":
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text) and text[right] not in "\n ":
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


