"""HTML that templates cannot build well: the article text with its quotes marked, the
speaker's timeline as SVG, and word-level differences. Every piece of text goes through
``markupsafe.escape``: article text is untrusted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date as _date
from typing import Any

from markupsafe import Markup, escape

PALETTE = 12  # colour classes c0..c11 (app.css), as displaCy gives each label its colour


def colours(quotes: Sequence[dict[str, Any]]) -> dict[str, int]:
    """A colour class per speaker of the article, in order of first quote (unattributed: none)."""
    out: dict[str, int] = {}
    for q in quotes:
        key = q.get("speaker_id") or q.get("speaker_name")
        if key and key not in out:
            out[key] = len(out) % PALETTE
    return out


def colour_of(q: dict[str, Any], palette: dict[str, int]) -> str:
    key = q.get("speaker_id") or q.get("speaker_name")
    return f"c{palette[key]}" if key in palette else "cx"


Span = tuple[int, int, str, dict[str, Any], bool]  # local start, end, kind (q/spk/cue), quote, starts here


def _layers(quotes: Sequence[dict[str, Any]], show_rejected: bool) -> list[tuple[int, int, str, dict[str, Any]]]:
    """(start, end, kind, quote) of every mark: each quote, and its speaker mention and cue
    (a quote marked "not a quote" only with ``show_rejected``, and without mention or cue)."""
    layers: list[tuple[int, int, str, dict[str, Any]]] = []
    for q in quotes:
        if q.get("not_quote"):
            if show_rejected:
                layers.append((q["start"], q["end"], "q", q))
            continue
        layers.append((q["start"], q["end"], "q", q))
        for kind, start, end in (("spk", "speaker_start", "speaker_end"), ("cue", "cue_start", "cue_end")):
            if q.get(start) is not None and q.get(end) is not None:
                layers.append((q[start], q[end], kind, q))
    return layers


def _clip(layers: Sequence[tuple[int, int, str, dict[str, Any]]], offset: int, n: int) -> list[Span]:
    """The marks in local offsets, clipped to the part shown (``n`` characters from ``offset``);
    the last field says whether the mark starts inside the part (then it gets its label)."""
    spans = []
    for s, e, kind, q in layers:
        ls, le = max(0, s - offset), min(n, e - offset)
        if ls < le:
            spans.append((ls, le, kind, q, s - offset >= 0))
    return spans


def _label(q: dict[str, Any], palette: dict[str, int]) -> str:
    """The link that opens a quote: the speaker's name (or "not a quote"), ✎ when corrected."""
    name = q.get("speaker_name") or q.get("speaker") or "unattributed"
    label = "not a quote" if q.get("not_quote") else name + (" ✎" if q.get("corrected") else "")
    return (
        f'<a class="lbl {colour_of(q, palette)}" id="q-{q["id"]}" href="#q-{q["id"]}" data-q="{q["id"]}"'
        f' title="{escape(q["kind"])} quote by {escape(name)}">{escape(label)}</a>'
    )


def _segment(chunk: Markup, covering: Sequence[Span], palette: dict[str, int]) -> str:
    """One segment of text inside marks: classes of the innermost quote, mention and cue, and
    the ids of every quote covering it (innermost first)."""
    inner = sorted((x for x in covering if x[2] == "q"), key=lambda x: x[1] - x[0])
    classes = ["m"]
    if inner:
        classes += ["q", colour_of(inner[0][3], palette)] + (["nq"] if inner[0][3].get("not_quote") else [])
    if any(x[2] == "spk" for x in covering):
        classes.append("spk")
    if any(x[2] == "cue" for x in covering):
        classes.append("cue")
    ids = list(dict.fromkeys(str(x[3]["id"]) for x in (inner or covering)))
    return f'<span class="{" ".join(classes)}" data-q="{" ".join(ids)}">{chunk}</span>'


def mark_article(text: str, offset: int, quotes: Sequence[dict[str, Any]], *, show_rejected: bool = False) -> Markup:
    """``text`` (the part of the article starting at ``offset``) with every quote, speaker
    mention and cue wrapped in spans; a label with the speaker's name opens each quote.

    Overlapping marks are cut into segments (each segment carries every quote it belongs to in
    ``data-q``, innermost first), so nesting never breaks the HTML. Quotes a reader marked "not a
    quote" are left unmarked, unless ``show_rejected`` (edits on: struck through, to undo).
    """
    palette = colours(quotes)
    n = len(text)
    spans = _clip(_layers(quotes, show_rejected), offset, n)
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    labels: dict[int, list[dict[str, Any]]] = {}
    for i, (ls, le, kind, q, real_start) in enumerate(spans):
        opening.setdefault(ls, []).append(i)
        closing.setdefault(le, []).append(i)
        if kind == "q" and real_start:
            labels.setdefault(ls, []).append(q)
    active: dict[int, None] = {}  # a sweep over the cuts: the spans covering each segment
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for i in closing.get(a, ()):
            active.pop(i, None)
        for i in opening.get(a, ()):
            active[i] = None
        out += [_label(q, palette) for q in sorted(labels.get(a, []), key=lambda q: -q["end"])]
        chunk = escape(text[a:b])
        out.append(_segment(chunk, [spans[i] for i in active], palette) if active else str(chunk))
    return Markup("".join(out))


def highlight(text: str, marks: Sequence[tuple[int, int]], cls: str = "chg") -> Markup:
    """``text`` with the character spans ``marks`` wrapped in ``<mark class=cls>``."""
    out: list[str] = []
    pos = 0
    for s, e in sorted(marks):
        if s < pos:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f'<mark class="{cls}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _day(value: str) -> _date | None:
    try:
        parts = [int(p) for p in value[:10].split("-")] + [1, 1]
        return _date(parts[0], parts[1] or 1, parts[2] or 1)
    except (ValueError, IndexError):
        return None


def _dated(points: Sequence[dict[str, Any]]) -> list[tuple[str, _date, int]]:
    """(outlet, day, quotes) of the points whose day is a date."""
    dated: list[tuple[str, _date, int]] = []
    for p in points:
        day = _day(p["day"] or "")
        if day is not None:
            dated.append((p["outlet"], day, p["quotes"]))
    return dated


def _outlet_rows(dated: Sequence[tuple[str, _date, int]], max_outlets: int) -> list[str]:
    """The outlets with most quotes first (ties by name), at most ``max_outlets``, then one
    "other outlets" row for the rest."""
    totals: dict[str, int] = {}
    for o, _, n in dated:
        totals[o] = totals.get(o, 0) + n
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    rows = ranked[:max_outlets]
    if len(ranked) > max_outlets:
        rows.append("other outlets")
    return rows


def _ticks(lo: _date, hi: _date, x: Callable[[_date], float]) -> list[_date]:
    """The dates labelled under the axis: the ends, plus 1 January and 1 July over more than
    two months (only 1 January when that makes more than 8), none closer than 120 px to an end."""
    ticks = [lo, hi] if hi != lo else [lo]
    if (hi - lo).days > 60:
        ticks = sorted({lo, hi, *(_date(y, m, 1) for y in range(lo.year, hi.year + 1) for m in (1, 7) if lo < _date(y, m, 1) < hi)})
        if len(ticks) > 8:
            ticks = [t for t in ticks if t.month == 1 or t in (lo, hi)]
    ends = (x(lo), x(hi))
    return [t for t in ticks if t in (lo, hi) or min(abs(x(t) - e) for e in ends) > 120]  # labels never collide


def _axis(lo: _date, hi: _date, x: Callable[[_date], float], axis_y: float, left: int, right_x: int) -> list[str]:
    """The time axis: a line and its date labels (the first and last stay inside the plot)."""
    parts = [f'<line x1="{left}" y1="{axis_y}" x2="{right_x}" y2="{axis_y}" stroke="#888"/>']
    for t in _ticks(lo, hi, x):
        anchor = "start" if t == lo and hi != lo else "end" if t == hi and hi != lo else "middle"
        parts.append(
            f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="{anchor}" font-size="11">{t.isoformat()}</text>'
        )
    return parts


def timeline_svg(points: Sequence[dict[str, Any]], *, width: int = 760, max_outlets: int = 8) -> Markup:
    """Quotes over time by outlet, server-side: one row per outlet, a dot per day sized by the
    number of quotes (hover shows outlet, day and count); outlets beyond ``max_outlets`` share
    one row. Empty when there are no dated quotes."""
    dated = _dated(points)
    if not dated:
        return Markup("")
    rows = _outlet_rows(dated, max_outlets)
    left, right, top, row_h = 150, 20, 16, 28
    height = top + row_h * len(rows) + 34
    days = [d for _, d, _ in dated]
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    peak = max(n for *_, n in dated)

    def x(d: _date) -> float:
        return left + (width - left - right) * ((d - lo).days / span if hi != lo else 0.5)

    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        f' aria-label="Quotes over time by outlet">'
    ]
    for i, name in enumerate(rows):
        y = top + row_h * i + row_h / 2
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="12">{escape(name[:22])}</text>')
    for o, d, n in dated:
        i = rows.index(o) if o in rows else len(rows) - 1
        y = top + row_h * i + row_h / 2
        r = 3 + 8 * (n / peak) ** 0.5
        parts.append(
            f'<circle cx="{x(d):.1f}" cy="{y}" r="{r:.1f}" class="dot c{i % PALETTE}">'
            f"<title>{escape(o)}, {d.isoformat()}: {n} quote{'s' if n != 1 else ''}</title></circle>"
        )
    parts += _axis(lo, hi, x, top + row_h * len(rows) + 6, left, width - right)
    parts.append("</svg>")
    return Markup("".join(parts))
