"""What each page shows, as plain data (the HTML templates and ``?format=json`` both read it).

Every function takes a read-only connection and returns JSON-ready dicts; queries reuse the
store's filters (``quotes.store``), so a page and ``quotes list``/``export`` select the same
quotes.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import quote as urlquote

from quotes import corrections, dedup, export, store
from quotes.store import queries
from quotes.errors import UsageError
from quotes.records import KINDS, Quote

PER_PAGE = 50
PART_CHARS = 20_000  # an article longer than this is shown in parts (cut at line breaks)
SORTS = ("-date", "date", "speaker", "outlet")


class NotFound(Exception):
    """The page's object (article, speaker, cluster) is not in the store."""


def speaker_key(q: Any) -> str | None:
    """The key of a quote's speaker page: the gazetteer id, else the name as resolved."""
    return q.speaker_id or q.speaker_name or None


def speaker_url(key: str | None) -> str | None:
    return f"/speakers/{urlquote(key, safe='')}" if key else None


def quote_url(sq: store.StoredQuote) -> str:
    return f"/articles/{sq.article.id}?quote={sq.id}#q-{sq.id}"


# ---- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """The search form's values (all optional); ``filter()`` is what ``quotes export`` takes."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    min_confidence: str = ""
    sort: str = "-date"
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> "Search":
        def get(name: str) -> str:
            return " ".join(str(params.get(name) or "").split())

        try:
            page = int(get("page") or 1)
        except ValueError:
            raise UsageError(f"page: {get('page')!r} is not a number") from None
        sort = get("sort") or "-date"
        if sort not in SORTS:
            raise UsageError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
        kind = get("kind")
        if kind and kind not in KINDS:
            raise UsageError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        return cls(q=get("q"), speaker=get("speaker"), outlet=get("outlet"), since=get("since"), until=get("until"),
                   kind=kind, min_confidence=get("min_confidence"), sort=sort, page=max(1, page))  # fmt: skip

    def filter(self) -> store.QuoteFilter:
        confidence = None
        if self.min_confidence:
            try:
                confidence = float(self.min_confidence)
            except ValueError:
                raise UsageError(f"confidence: {self.min_confidence!r} is not a number between 0 and 1") from None
        return store.QuoteFilter(
            speaker=self.speaker or None, outlet=self.outlet or None, since=self.since or None,
            until=self.until or None, contains=self.q or None, kind=self.kind or None, min_confidence=confidence,
        )  # fmt: skip

    def params(self, **change: Any) -> dict[str, Any]:
        """The query parameters of this search (empty ones left out), with ``change`` applied."""
        values = {"q": self.q, "speaker": self.speaker, "outlet": self.outlet, "since": self.since,
                  "until": self.until, "kind": self.kind, "min_confidence": self.min_confidence,
                  "sort": self.sort if self.sort != "-date" else "", "page": self.page if self.page > 1 else ""}
        values |= change
        return {k: v for k, v in values.items() if v not in ("", None)}


ArticleCount = tuple[int, int, Any, Any]  # (article id, matching quotations, date, outlet)


def _units_page(
    conn: sqlite3.Connection, where: Sequence[str], args: Sequence[Any], sort: str, page: int, per_page: int
) -> tuple[int, list[list[store.StoredQuote]]]:
    """(number of quotations matching, the quotations of page ``page``) for a WHERE over q/a.

    Sorting by date or outlet never sorts the quotes: the matching quotations are counted per
    article (one pass in the order of the quotes' article index), the articles are sorted (a few
    thousand rows where the quotes are a hundred thousand), and only the articles that hold the
    page are read. Sorting by speaker counts them per speaker name (``_units_by_speaker``).
    """
    cond = " AND ".join(where) or "1"
    with _fts_errors():
        if sort == "speaker":
            return _units_by_speaker(conn, cond, args, page, per_page)
        counts = _article_counts(conn, cond, args)
    total = sum(r[1] for r in counts)
    chosen = _slice(_sorted_articles(counts, sort), (page - 1) * per_page, per_page)
    with _fts_errors():
        keys = _unit_keys(conn, cond, args, [aid for aid, *_ in chosen])
    picked: list[tuple[int, int]] = []
    for aid, skip_in, take in chosen:
        units = keys.get(aid, [])[::-1] if sort == "-date" else keys.get(aid, [])
        picked += [(aid, u) for u in units[skip_in : skip_in + take]]
    return total, _read_units(conn, picked)


@contextmanager
def _fts_errors() -> Iterator[None]:
    """A search text FTS5 cannot take is the user's error (one line), not a traceback."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower():
            raise UsageError(f"search: cannot search for this text ({exc})") from exc
        raise


def _article_counts(conn: sqlite3.Connection, cond: str, args: Sequence[Any]) -> list[ArticleCount]:
    """The matching quotations counted per article, with the article's date and outlet."""
    # a single quote is one quotation; the parts of a split one share grp (few rows to make distinct)
    units = "COUNT(q.id) - COUNT(q.grp) + COUNT(DISTINCT q.grp)"
    if "a." in cond:
        return conn.execute(
            f"""SELECT q.article_id, {units}, a.date, a.outlet
                FROM quotes q JOIN articles a INDEXED BY articles_meta ON a.id = q.article_id WHERE {cond}
                GROUP BY q.article_id""",
            list(args),
        ).fetchall()
    # from the quotes' index alone, then the articles' dates and outlets
    per_article = conn.execute(
        f"SELECT q.article_id, {units} FROM quotes q WHERE {cond} GROUP BY q.article_id", list(args)
    ).fetchall()
    meta = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, date, outlet FROM articles")}
    return [(aid, n, *meta[aid]) for aid, n in per_article]


def _sorted_articles(counts: list[ArticleCount], sort: str) -> list[ArticleCount]:
    """The articles in the page order: by outlet (then date), oldest first, or newest first
    (undated articles last in every order)."""
    if sort == "outlet":
        return sorted(counts, key=lambda r: (r[3] is None, (r[3] or "").casefold(), r[2] is None, r[2] or "", r[0]))
    counts = sorted(counts, key=lambda r: (r[2] is None, r[2] or "", r[0]))
    if sort == "-date":
        dated = [r for r in counts if r[2] is not None]
        counts = dated[::-1] + [r for r in counts if r[2] is None]
    return counts


def _slice(counts: Sequence[ArticleCount], skip: int, need: int) -> list[tuple[int, int, int]]:
    """(article id, quotations to skip in it, quotations to take) of the articles holding the
    ``need`` quotations after the first ``skip``."""
    chosen: list[tuple[int, int, int]] = []
    for aid, n, *_ in counts:
        if need <= 0:
            break
        if skip >= n:
            skip -= n
            continue
        take = min(n - skip, need)
        chosen.append((aid, skip, take))
        need -= take
        skip = 0
    return chosen


def _unit_keys(conn: sqlite3.Connection, cond: str, args: Sequence[Any], aids: Sequence[int]) -> dict[int, list[int]]:
    """The keys of the matching quotations of the articles ``aids``, in text order: one query
    for them all (a full-text condition is evaluated once, not once per article)."""
    keys: dict[int, list[int]] = {}
    if aids:
        rows = conn.execute(
            f"""SELECT DISTINCT q.article_id, COALESCE(q.grp, q.seq) AS unit FROM quotes q JOIN articles a ON a.id = q.article_id
                WHERE {cond} AND q.article_id IN ({','.join('?' * len(aids))}) ORDER BY q.article_id, unit""",
            [*args, *aids],
        )  # fmt: skip
        for aid, unit in rows:
            keys.setdefault(aid, []).append(unit)
    return keys


def _units_by_speaker(conn: sqlite3.Connection, cond: str, args: Sequence[Any], page: int, per_page: int
                      ) -> tuple[int, list[list[store.StoredQuote]]]:
    """The page of quotations sorted by speaker name (ASCII case ignored, as SQLite's NOCASE;
    unnamed last), then date, article and place. The quotations are counted per speaker name
    (split quotations, few, are grouped whole: their speaker is the smallest name of their parts),
    and only the speakers holding the page have their quotations read and sorted."""
    per_name, split = _speaker_counts(conn, cond, args)
    groups: dict[str | None, list[str | None]] = {}
    for name in per_name:
        groups.setdefault(_nocase(name), []).append(name)
    order = sorted(groups, key=lambda k: (k is None, k or ""))
    sizes: list[ArticleCount] = [(i, sum(per_name[n] for n in groups[k]), None, None) for i, k in enumerate(order)]
    chosen = _slice(sizes, (page - 1) * per_page, per_page)  # (speaker group, to skip in it, to take)
    picked: list[tuple[int, int]] = []
    for i, skip_in, take in chosen:
        names = groups[order[i]]
        units = _speaker_units(conn, cond, args, names) + [u for u in split if u[3] in names]
        units.sort(key=lambda u: (u[2] is None, u[2] or "", u[0], u[1]))
        picked += [(aid, unit) for aid, unit, *_ in units[skip_in : skip_in + take]]
    return sum(per_name.values()), _read_units(conn, picked)


SpeakerUnit = tuple[int, int, Any, Any]  # (article id, unit: seq or group, article date, speaker name)


def _nocase(name: str | None) -> str | None:
    """The key SQLite's NOCASE collation compares: ASCII letters folded to lower case."""
    return None if name is None else name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _speaker_counts(conn: sqlite3.Connection, cond: str, args: Sequence[Any]) -> tuple[dict[str | None, int], list[SpeakerUnit]]:
    """(matching quotations per speaker name, the matching split quotations with their speaker)."""
    join = "JOIN articles a INDEXED BY articles_meta ON a.id = q.article_id" if "a." in cond else ""
    # Read in table order: walking the index of names (GROUP BY) or of confidence (a threshold
    # most quotes pass) visits the rows in random order, 2-4 times slower on 100k quotes.
    scan = cond.replace("q.confidence >= ?", "+q.confidence >= ?")
    per_name: dict[str | None, int] = {}
    for name, n in conn.execute(
        f"SELECT q.speaker_name, COUNT(*) FROM quotes q {join} WHERE {scan} AND q.grp IS NULL GROUP BY +q.speaker_name", list(args)
    ):
        per_name[name] = n
    split: list[SpeakerUnit] = [tuple(r) for r in conn.execute(
        f"""SELECT q.article_id, q.grp, MIN(a.date), MIN(q.speaker_name)
            FROM quotes q JOIN articles a INDEXED BY articles_meta ON a.id = q.article_id
            WHERE {cond} AND q.grp IS NOT NULL GROUP BY q.article_id, q.grp""", list(args))]  # fmt: skip
    for u in split:
        per_name[u[3]] = per_name.get(u[3], 0) + 1
    return per_name, split


def _speaker_units(conn: sqlite3.Connection, cond: str, args: Sequence[Any], names: Sequence[str | None]
                   ) -> list[SpeakerUnit]:
    """The matching quotations not split of the speakers named ``names`` (None: unnamed), with
    their article's date."""
    known = [n for n in names if n is not None]
    who = " OR ".join(([f"q.speaker_name IN ({','.join('?' * len(known))})"] if known else [])
                      + (["q.speaker_name IS NULL"] if None in names else []))  # fmt: skip
    rows = conn.execute(
        f"""SELECT q.article_id, q.seq, a.date, q.speaker_name
            FROM quotes q JOIN articles a INDEXED BY articles_meta ON a.id = q.article_id
            WHERE {cond} AND q.grp IS NULL AND ({who})""",
        [*args, *known],
    )
    return [tuple(r) for r in rows]


def _read_units(conn: sqlite3.Connection, picked: Sequence[tuple[int, int]]) -> list[list[store.StoredQuote]]:
    """The quote records of the quotations ``picked`` (article id, unit), in that order."""
    order = {key: i for i, key in enumerate(picked)}
    units: list[list[store.StoredQuote]] = [[] for _ in picked]
    if picked:
        where, args = _units_where(picked)
        rows = conn.execute(f"{_SELECT_UNIT} WHERE ({where}) AND +q.not_quote = 0 ORDER BY q.article_id, q.seq", args).fetchall()
        for row in rows:
            units[order[(row["a_id"], row["unit_key"])]].append(queries._stored(row))
    return [u for u in units if u]


def _units_where(picked: Sequence[tuple[int, int]]) -> tuple[str, list[Any]]:
    """SQL selecting the rows of the quotations ``picked``: a unit is a group number or, for a
    quote not split, its sequence number; written so each term is an index lookup (seq through
    quotes_article, grp through quotes_listing; the ``+`` keeps SQLite from choosing another
    index), not a scan of the article's quotes per unit (a 3 MB article holds 11k)."""
    by_article: dict[int, list[int]] = {}
    for aid, unit in picked:
        by_article.setdefault(aid, []).append(unit)
    terms: list[str] = []
    args: list[Any] = []
    for aid, keys in by_article.items():
        marks = ",".join("?" * len(keys))
        terms.append(f"(q.article_id = ? AND q.seq IN ({marks}) AND +q.grp IS NULL)")  # +: by seq, not by grp
        terms.append(f"(q.article_id = ? AND q.not_quote = 0 AND q.grp IN ({marks}))")
        args += [aid, *keys, aid, *keys]
    return " OR ".join(terms), args


# the store's quote query, with the key of the quotation each row belongs to
_SELECT_UNIT = queries._SELECT.replace("SELECT ", "SELECT COALESCE(q.grp, q.seq) AS unit_key, ", 1)


def unit_row(unit: list[store.StoredQuote]) -> dict[str, Any]:
    """One quotation for a listing: its parts joined, speaker, source, links."""
    first = unit[0]
    q, a = first.quote, first.article
    key = speaker_key(q)
    return {
        "id": first.id, "ids": [sq.id for sq in unit], "text": export.PART_JOINER.join(sq.quote.text for sq in unit),
        "kind": q.kind, "speaker_name": q.speaker_name, "speaker": q.speaker, "speaker_id": q.speaker_id,
        "role": q.role, "resolved_by": q.resolved_by, "confidence": q.confidence,
        "article_id": a.id, "doc_id": a.doc_id, "title": a.title, "outlet": a.outlet, "date": a.date,
        "cluster_id": first.cluster_id, "corrected": sorted({f for sq in unit for f in sq.corrected}),
        "url": quote_url(first), "speaker_url": speaker_url(key), "citation": export.citation(first),
    }  # fmt: skip


def pager(total: int, page: int, per_page: int = PER_PAGE) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    return {"total": total, "page": page, "pages": pages, "per_page": per_page,
            "first": (page - 1) * per_page + 1 if total else 0, "last": min(total, page * per_page)}  # fmt: skip


def search(conn: sqlite3.Connection, s: Search, gazetteer: Any) -> dict[str, Any]:
    """The search page: quotations matching the filters, one page of them, sorted."""
    flt = s.filter()
    if flt.since:
        store.check_date(flt.since, "since")
    if flt.until:
        store.check_date(flt.until, "until")
    where, args = queries._where(conn, flt, gazetteer)
    total, units = _units_page(conn, where, args, s.sort, s.page, PER_PAGE)
    return {"search": s.params(page=""), "results": [unit_row(u) for u in units], "pager": pager(total, s.page)}


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """How much the store holds (for the front page)."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM quotes WHERE not_quote = 0),"
        " (SELECT COUNT(*) FROM corrections)"
    ).fetchone()
    return {"articles": row[0], "quotes": row[1], "corrections": row[2]}


# ---- article -----------------------------------------------------------------------------------


def parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of about ``size`` characters at line breaks (offsets)."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            brk = text.find("\n", end, min(n, end + size // 5))
            end = brk + 1 if brk >= 0 else end
        out.append((start, end))
        start = end
    return out or [(0, 0)]


@dataclass
class ArticleView:
    """An article page: metadata, the part of its text shown, and the quotes in that part."""

    article: dict[str, Any]
    text: str  # the part shown
    offset: int  # where the part starts in the whole text
    part: int
    parts: int
    length: int
    quotes: list[dict[str, Any]] = field(default_factory=list)


def _article_row(conn: sqlite3.Connection, article_id: int) -> sqlite3.Row:
    row = conn.execute(
        "SELECT id, doc_id, title, outlet, date, url, author, source, length(text) AS length FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row


def article(conn: sqlite3.Connection, article_id: int, *, part: int | None = None, quote_id: int | None = None,
            whole: bool = False) -> ArticleView:
    """The article page (``whole``: all its text and quotes, for JSON) or the part holding
    ``quote_id`` / numbered ``part`` (1-based)."""
    meta = dict(_article_row(conn, article_id))
    text = store.article_text(conn, article_id)
    cuts = [(0, len(text))] if whole else parts(text)
    index = 0
    if quote_id is not None and not whole:
        row = conn.execute("SELECT start_char FROM quotes WHERE id = ? AND article_id = ?", (quote_id, article_id)).fetchone()
        if row is not None:
            index = next((i for i, (s, e) in enumerate(cuts) if s <= row[0] < e), 0)
    elif part is not None:
        index = min(max(part, 1), len(cuts)) - 1
    lo, hi = cuts[index]
    rows = conn.execute(
        f"{queries._SELECT} WHERE q.article_id = ? AND q.end_char > ? AND q.start_char < ? ORDER BY q.seq",
        (article_id, lo, hi if hi > lo else lo + 1),
    ).fetchall()
    found = [queries._stored(r) for r in rows]
    sizes = _cluster_sizes(conn, {sq.cluster_id for sq in found if sq.cluster_id is not None})
    fixes = corrections.histories(conn, [sq.id for sq in found if sq.corrected])
    quotes = [quote_record(sq, sizes, fixes.get(sq.id, [])) for sq in found]
    return ArticleView(meta, text[lo:hi], lo, index + 1, len(cuts), len(text), quotes)


def article_quotes(conn: sqlite3.Connection, article_id: int) -> list[store.StoredQuote]:
    """The article's quotes in text order (for downloads; "not a quote" left out)."""
    rows = conn.execute(f"{queries._SELECT} WHERE q.article_id = ? AND q.not_quote = 0 ORDER BY q.seq", (article_id,))
    return [queries._stored(r) for r in rows]


def _cluster_sizes(conn: sqlite3.Connection, ids: set[int]) -> dict[int, int]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT cluster_id, COUNT(*) FROM quotes WHERE cluster_id IN ({marks}) AND not_quote = 0 GROUP BY cluster_id",
        sorted(ids),
    )
    return {r[0]: r[1] for r in rows}


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


def record(sq: store.StoredQuote) -> dict[str, Any]:
    """``sq.record()`` without dataclasses.asdict's deep copies (a long article's part holds
    hundreds of quotes)."""
    q, a = sq.quote, sq.article
    d: dict[str, Any] = {"id": sq.id, "doc_id": a.doc_id}
    for name in _QUOTE_FIELDS:
        d[name] = getattr(q, name)
    if q.part is not None:
        d["part"] = list(q.part)
    d |= {"outlet": a.outlet, "date": a.date, "title": a.title, "url": a.url, "cluster_id": sq.cluster_id,
          "corrected": list(sq.corrected)}  # fmt: skip
    return d


def quote_record(sq: store.StoredQuote, sizes: dict[int, int], fixes: list[corrections.Correction]) -> dict[str, Any]:
    """Everything the article page says about one quote (also its JSON)."""
    q = sq.quote
    key = speaker_key(q)
    size = sizes.get(sq.cluster_id or -1, 0)
    return record(sq) | {
        "not_quote": sq.not_quote,
        "speaker_url": speaker_url(key),
        "cluster_size": size,
        "cluster_url": f"/recycled/{sq.cluster_id}" if size > 1 else None,
        "citation": export.citation(sq),
        "history": [c.to_dict() | {"text": corrections.describe(c)} for c in fixes],
    }


# ---- speaker -----------------------------------------------------------------------------------


def speaker(conn: sqlite3.Connection, key: str, *, page: int = 1, sort: str = "date") -> dict[str, Any]:
    """A speaker's page: quotes (a page of them), outlets over time, roles with dates, names."""
    where, args = speaker_where(conn, key)
    person = conn.execute("SELECT id, name, aliases FROM people WHERE id = ?", (key,)).fetchone()
    total, units = _units_page(conn, where, args, sort if sort in SORTS else "date", page, PER_PAGE)
    if total == 0 and person is None:
        raise NotFound(f"no quotes by {key!r}")
    cond = " AND ".join(where)
    timeline = [dict(r) for r in conn.execute(
        f"""SELECT COALESCE(a.outlet, '(no outlet)') AS outlet, substr(a.date, 1, 10) AS day,
                   COUNT(DISTINCT q.article_id || ':' || COALESCE(q.grp, q.seq)) AS quotes
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond} AND a.date IS NOT NULL
            GROUP BY 1, 2 ORDER BY 2""", args)]  # fmt: skip
    roles = [dict(r) for r in conn.execute(
        f"""SELECT q.role, q.role_normalized, q.organization, MIN(a.date) AS first, MAX(a.date) AS last,
                   COUNT(*) AS quotes
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond} AND q.role IS NOT NULL
            GROUP BY q.role ORDER BY first IS NULL, first""", args)]  # fmt: skip
    names = [dict(r) for r in conn.execute(
        f"""SELECT COALESCE(q.speaker, q.speaker_name) AS name, COUNT(*) AS quotes, MIN(a.date) AS first
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond}
            GROUP BY 1 ORDER BY quotes DESC, name""", args)]  # fmt: skip
    display = person["name"] if person else (units[0][0].quote.speaker_name if units else key)
    return {
        "key": key, "name": display, "speaker_id": person["id"] if person else None,
        "results": [unit_row(u) for u in units], "pager": pager(total, page),
        "timeline": timeline, "roles": roles, "names": names,
    }


def speaker_where(conn: sqlite3.Connection, key: str) -> tuple[list[str], list[Any]]:
    """The quotes of a speaker page: by gazetteer id when ``key`` is one, else by name as resolved."""
    by_id = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?) OR EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?)",
        (key, key),
    ).fetchone()[0]
    if by_id:
        return ["q.not_quote = 0", "q.speaker_id = ?"], [key]
    return ["q.not_quote = 0", "q.speaker_id IS NULL", "q.speaker_name = ?"], [key]


def speaker_quotes(conn: sqlite3.Connection, key: str) -> list[store.StoredQuote]:
    """All quotes of a speaker page, in the order ``quotes export`` gives (for downloads)."""
    where, args = speaker_where(conn, key)
    rows = conn.execute(
        f"{queries._SELECT} WHERE {' AND '.join(where)} ORDER BY a.date IS NULL, a.date, a.id, q.seq", args
    ).fetchall()
    return [queries._stored(r) for r in rows]


# ---- recycled ----------------------------------------------------------------------------------


def cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any]:
    """A recycled quote: first appearance, occurrences in date order, word-level differences."""
    c = dedup.recycled_cluster(conn, cluster_id)
    if c is None:
        raise NotFound(f"no recycled quote with cluster id {cluster_id}")
    by_id = {o.quote_id: o for o in c.occurrences}
    variants = {v.quote_id: v for v in c.diffs}
    ref_id = c.diffs[0].against if c.diffs else c.first_seen.quote_id
    ref = by_id[ref_id]
    ref_marks: list[tuple[int, int]] = []
    articles = {r[0]: r[1] for r in conn.execute(
        f"SELECT id, article_id FROM quotes WHERE id IN ({','.join('?' * len(by_id))})", list(by_id))}  # fmt: skip
    occurrences = []
    for o in c.occurrences:
        v = variants.get(o.quote_id)
        marks: list[tuple[int, int]] = []
        if v is not None:
            old, new = dedup.diff_spans(ref.text, o.text)
            marks = new
            ref_marks += old if not v.cut else []
        occurrences.append({
            "quote_id": o.quote_id, "doc_id": o.doc_id, "outlet": o.outlet, "date": o.date, "text": o.text,
            "speaker_name": o.speaker_name, "corrected": list(o.corrected), "marks": marks,
            "reference": o.quote_id == ref_id, "first": o.quote_id == c.first_seen.quote_id,
            "changes": [str(ch) for ch in v.changes] if v else [], "cut": v.cut if v else 0,
            "url": f"/articles/{articles[o.quote_id]}?quote={o.quote_id}#q-{o.quote_id}",
        })  # fmt: skip
    for occ in occurrences:
        if occ["reference"]:
            occ["marks"] = sorted(set(ref_marks))
    return {
        "cluster_id": c.cluster_id, "text": c.text, "speaker_name": c.speaker_name,
        "speaker_url": speaker_url(_cluster_speaker_key(conn, cluster_id) or c.speaker_name),
        "outlets": list(c.outlets), "first_seen": occurrences[0], "occurrences": occurrences,
    }


def _cluster_speaker_key(conn: sqlite3.Connection, cluster_id: int) -> str | None:
    row = conn.execute(
        "SELECT speaker_id FROM quotes WHERE cluster_id = ? AND speaker_id IS NOT NULL AND not_quote = 0"
        " GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 1",
        (cluster_id,),
    ).fetchone()
    return row[0] if row else None


def recycled_index(conn: sqlite3.Connection, page: int = 1) -> dict[str, Any]:
    """Every quote printed by two outlets or more, first appearance first (a page of them):
    the clusters are picked, dated and ordered in SQL from the cluster and article-metadata
    indexes alone (two outlets or more: the smallest outlet name differs from the largest), and
    only the page's clusters are described."""
    listed = [r[0] for r in conn.execute(
        """SELECT q.cluster_id FROM quotes q INDEXED BY quotes_cluster_listing
               JOIN articles a INDEXED BY articles_meta ON a.id = q.article_id
           WHERE q.not_quote = 0 AND q.cluster_id IN (
               SELECT cluster_id FROM quotes WHERE cluster_id IS NOT NULL AND not_quote = 0
               GROUP BY cluster_id HAVING COUNT(*) > 1)
           GROUP BY q.cluster_id HAVING MIN(NULLIF(a.outlet, '')) < MAX(NULLIF(a.outlet, ''))
           ORDER BY MIN(a.date) IS NULL, MIN(a.date), q.cluster_id""")]  # fmt: skip
    ids = listed[(page - 1) * PER_PAGE : page * PER_PAGE]
    found = [c for c in (dedup.recycled_cluster(conn, cid) for cid in ids) if c is not None]
    return {"clusters": dedup.summary_rows(found), "pager": pager(len(listed), page)}
