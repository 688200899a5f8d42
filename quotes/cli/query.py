"""Reading the store: ``list``, ``show``, ``speakers``, ``articles``, ``export``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from quotes.cli import options as opt
from quotes.cli.app import app
from quotes.cli.output import View, emit, open_output, terminal_safe
from quotes.errors import UsageError

LIST_COLUMNS = ["id", "speaker", "role", "quote", "outlet", "date"]


def _query(db: Path | None, gazetteer: list[Path] | None, limit: int | None, **filters: Any) -> tuple[Any, list[Any]]:
    """The stored quotes matching the filters (the gazetteer is loaded only when a filter needs it).

    A --speaker that names no one quoted in the store is one line (exit 1), not an empty list.
    """
    from quotes import store
    from quotes.errors import NotFound
    from quotes.store.names import speaker_in_store

    conn = store.connect(db, readonly=True)
    speaker = filters.get("speaker")
    needs_gazetteer = speaker or filters.get("role") or gazetteer
    gaz = store.load_gazetteer(opt.gazetteer_files(gazetteer)) if needs_gazetteer else None
    found = store.query_quotes(conn, store.QuoteFilter(limit=limit, **filters), gaz)
    if speaker and not found and not speaker_in_store(conn, speaker, gaz):
        raise NotFound(f"no speaker in the store matches {speaker!r} (`quotes speakers` lists them)")
    return conn, found


@app.command("list")
def list_cmd(
    speaker: str | None = opt.speaker_option(),
    outlet: str | None = opt.outlet_option(),
    since: str | None = opt.since_option(),
    until: str | None = opt.until_option(),
    contains: str | None = opt.contains_option(),
    kind: str | None = opt.kind_option(),
    role: str | None = opt.role_option(),
    min_confidence: float | None = opt.min_confidence_option(),
    limit: int = typer.Option(100, "--limit", min=0, metavar="INTEGER", help="At most N quotations (0 = all); split parts count once."),
    fmt: str = opt.format_option("table", ("table", "csv", "json", "jsonl")),
    db: Path | None = opt.db_option(),
    gazetteer: list[Path] | None = opt.gazetteer_option(),
) -> None:
    """List stored quotes, oldest first. The table joins a split quote's parts with ' … '.

    Example: quotes list --speaker Stoltenberg --since 2021 --format csv
    """
    from quotes import export

    _, found = _query(
        db, gazetteer, limit + 1 if limit else None, speaker=speaker, outlet=outlet, since=since, until=until,
        contains=contains, kind=kind, role=role, min_confidence=min_confidence,
    )  # fmt: skip
    units = export.units(found)
    if limit and len(units) > limit:
        units = units[:limit]
        typer.echo(f"quotes: more than {limit} quotations match; showing the first {limit} (--limit 0 shows all)", err=True)
    rows = [sq for unit in units for sq in unit]
    view = View(
        records=lambda: (sq.record() for sq in rows), columns=export.CSV_COLUMNS,
        csv_rows=lambda: (export.csv_row(sq) for sq in rows),
        table_rows=lambda: export.table_rows(rows), table_columns=LIST_COLUMNS,
    )  # fmt: skip
    emit(view, fmt)
    if fmt == "table" and any(sq.corrected for sq in rows):
        typer.echo(f"quotes: {export.CORRECTED_MARK} after an id: corrected by a reader (`quotes show ID` gives the history)", err=True)


def _resolution(q: Any) -> str:
    """``pronoun, confidence 0.81`` for `show`: how the speaker's name was reached."""
    if q.resolved_by is None:
        return ""
    return q.resolved_by + (f", confidence {q.confidence:.2f}" if q.confidence is not None else "")


def _speaker_line(q: Any) -> str:
    written = f' (as written: "{q.speaker}")' if q.speaker and q.speaker != q.speaker_name else ""
    return (q.speaker_name or "") + (f" [{q.speaker_id}]" if q.speaker_id else "") + written


def _role_line(q: Any) -> str:
    normalized = f" (normalized: {q.role_normalized})" if q.role_normalized and q.role_normalized != q.role else ""
    return (q.role or "") + normalized


def _source_line(a: Any) -> str:
    parts = (a.title and f'"{a.title}"', a.outlet, a.date, a.author and f"by {a.author}", a.url or a.source)
    return ", ".join(x for x in parts if x)


def _show_fields(parts: list[Any], others: list[Any], fixes: dict[int, Any]) -> list[tuple[str, str]]:
    """The labelled lines of `show` (empty values are left out when printed)."""
    from quotes import corrections, export

    first = parts[0]
    q, a = first.quote, first.article
    also = "; ".join(f"{m.article.outlet or m.article.doc_id}, {(m.article.date or '')[:10]} (quote {m.id})" for m in others)
    history = dict.fromkeys(corrections.describe(c) for p in parts for c in fixes.get(p.id, []))
    return [
        ("Speaker", _speaker_line(q)),
        ("Role", _role_line(q)),
        ("Organization", q.organization or ""),
        ("Resolved by", _resolution(q)),
        ("Cue", q.cue or ""),
        ("Source", _source_line(a)),
        ("Article", f"{a.id} ({a.doc_id}), characters {q.start}-{parts[-1].quote.end}"),
        ("Also in", also),
        ("Cluster", str(first.cluster_id) if others else ""),
        ("Citation", export.citation(first)),
        ("Not a quote", "marked by a reader (left out of lists, exports and clusters)" if first.not_quote else ""),
        ("Corrected", "; ".join(history)),
    ]


def _context(text: str, parts: list[Any]) -> Any:
    """The quote's paragraph, the quote in bold, control characters made harmless."""
    from rich.text import Text

    from quotes import store

    left, right = store.context(text, parts[0].quote.start, parts[-1].quote.end)
    para = Text(("… " if left > 0 and text[left - 1] != "\n" else "") + terminal_safe(text[left:right]))
    offset = len(para) - (right - left)
    for p in parts:
        para.stylize("bold yellow", p.quote.start - left + offset, p.quote.end - left + offset)
    if right < len(text) and text[right] != "\n":
        para.append(" …")
    return para


@app.command("show")
def show_cmd(
    quote_id: int = typer.Argument(..., metavar="ID", help="Quote id (from `quotes list`)."),
    db: Path | None = opt.db_option(),
) -> None:
    """One quote in its paragraph, with speaker, role, cue, source and citation.

    Example: quotes show 32
    """
    from rich.console import Console
    from rich.text import Text

    from quotes import corrections, export, store

    conn = store.connect(db, readonly=True)
    parts = store.get_quote(conn, quote_id)
    fixes = corrections.histories(conn, [p.id for p in parts])
    text = store.article_text(conn, parts[0].article.id)
    others = [m for m in store.cluster_members(conn, parts[0].cluster_id) if m.id not in {p.id for p in parts}]
    first = parts[0]
    out = Console(highlight=False)
    head = Text(f"Quote {first.id}", style="bold")
    several = f", {len(parts)} parts: ids {', '.join(str(p.id) for p in parts)}" if len(parts) > 1 else ""
    head.append(f"  ({first.quote.kind}{several})")
    out.print(head)
    out.print(Text(terminal_safe(export.PART_JOINER.join(p.quote.text for p in parts))))
    for label, value in _show_fields(parts, others, fixes):
        if value:
            line = Text(f"{label + ':':<14}", style="bold")
            line.append(terminal_safe(value))
            out.print(line)
    out.print(Text("Context:", style="bold"))
    out.print(_context(text, parts))


def _overview(name: str, db: Path | None) -> list[dict[str, Any]]:
    """Rows of a store overview (``speakers``, ``articles``)."""
    from quotes import store

    rows: list[dict[str, Any]] = getattr(store, name)(store.connect(db, readonly=True))
    return rows


@app.command("speakers")
def speakers_cmd(
    fmt: str = opt.format_option("table", ("table", "csv", "json", "jsonl")),
    db: Path | None = opt.db_option(),
) -> None:
    """Speakers (canonical people, else names as resolved) with their quotation counts.

    Example: quotes speakers --format csv
    """
    rows = _overview("speakers", db)
    for row in rows:
        row["name"] = row["name"] or "(unattributed)"
        row["first"], row["last"] = (row.pop("first_date") or "")[:10], (row.pop("last_date") or "")[:10]
    cols = ["name", "speaker_id", "quotes", "articles", "outlets", "first", "last", "corrected"]
    emit(View(records=lambda: rows, columns=cols), fmt)


@app.command("articles")
def articles_cmd(
    fmt: str = opt.format_option("table", ("table", "csv", "json", "jsonl")),
    db: Path | None = opt.db_option(),
) -> None:
    """Stored articles with their quotation counts (all and per kind).

    Example: quotes articles
    """
    rows = _overview("articles", db)
    for row in rows:
        row["date"] = (row["date"] or "")[:10]
    cols = ["id", "doc_id", "date", "outlet", "title", "quotes", "direct", "mixed", "indirect"]
    emit(View(records=lambda: rows, columns=cols), fmt)


@app.command("export")
def export_cmd(
    fmt: str = opt.format_option(
        "csv", ("csv", "jsonl", "csl-json"),
        "csv: one row per quote with a citation; jsonl: records; csl-json: the source articles.",
    ),
    output: str | None = opt.output_option(),
    excel: bool = typer.Option(False, "--excel", help="CSV with a UTF-8 BOM, for Excel."),
    speaker: str | None = opt.speaker_option(),
    outlet: str | None = opt.outlet_option(),
    since: str | None = opt.since_option(),
    until: str | None = opt.until_option(),
    contains: str | None = opt.contains_option(),
    kind: str | None = opt.kind_option(),
    role: str | None = opt.role_option(),
    min_confidence: float | None = opt.min_confidence_option(),
    limit: int = typer.Option(0, "--limit", min=0, metavar="INTEGER", help="At most N quotations (0 = all)."),
    db: Path | None = opt.db_option(),
    gazetteer: list[Path] | None = opt.gazetteer_option(),
) -> None:
    """Export quotes for citation: CSV (spreadsheet-safe), JSONL, or CSL-JSON for Zotero/Pandoc.

    Example: quotes export --format csl-json --speaker Colomina -o sources.json
    """
    from quotes import export
    from quotes.cli.output import check_output_name

    if excel and fmt != "csv":
        raise UsageError("--excel applies to --format csv only")
    if output is not None:
        check_output_name(output)
    _, found = _query(
        db, gazetteer, limit or None, speaker=speaker, outlet=outlet, since=since, until=until,
        contains=contains, kind=kind, role=role, min_confidence=min_confidence,
    )  # fmt: skip
    view = View(
        records=lambda: (sq.record() | {"citation": export.citation(sq)} for sq in found),
        columns=export.CSV_COLUMNS, csv_rows=lambda: (export.csv_row(sq) for sq in found),
        sources=lambda: export.csl_items(found), excel=excel,
    )  # fmt: skip
    with open_output(output) as out:
        n = emit(view, fmt, out)
    if output is not None:
        typer.echo(f"{n} {'sources' if fmt == 'csl-json' else 'quotes'} written to {output}", err=True)
