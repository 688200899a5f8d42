"""Metadata guessing for plain text: the headline, date line, dateline, byline and outlet that a
news article prints in its first lines and its footer.

The header lines are read by an ordered list of line rules (:data:`HEADER_RULES`): the first rule
that recognizes a line says what it is (date, dateline, byline, outlet) and which fields it gives.
A field keeps the first value found for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quotes.ingest.dates import MON, MONTHS, find_date

#: Names and abbreviations news copy uses for outlets, lower-cased -> the outlet's name.
KNOWN_OUTLETS: dict[str, str] = {
    "aa": "Anadolu Agency", "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency",
    "trend": "Trend News Agency", "trend news agency": "Trend News Agency",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "ap": "Associated Press", "the associated press": "Associated Press",
    "associated press": "Associated Press",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
    "upi": "United Press International", "united press international": "United Press International",
    "dpa": "Deutsche Presse-Agentur", "tass": "TASS", "xinhua": "Xinhua", "efe": "EFE",
    "ansa": "ANSA", "pti": "Press Trust of India", "ians": "IANS", "yonhap": "Yonhap",
    "kyodo": "Kyodo News", "interfax": "Interfax", "apa": "APA", "azertac": "AZERTAC",
    "armenpress": "Armenpress", "bbc": "BBC", "cnn": "CNN", "bloomberg": "Bloomberg",
    "inewstoday": "iNewsToday",
}  # fmt: skip


def _outlet_name(raw: str) -> str:
    raw = raw.strip().strip(".,:;–—-").strip()
    return KNOWN_OUTLETS.get(raw.lower(), raw)


# A place in a dateline: one to four upper-case words (BRUSSELS, NEW YORK, WINSTON-SALEM) ...
_CITY = r"[A-Z][A-Z'’.\-]{0,20}[A-Z.](?:[ \t]+[A-Z][A-Z'’.\-]{0,20}[A-Z.]){0,3}"
# ... optionally followed by a capitalized region or country (BAKU, Azerbaijan).
_REGION = r"[A-Z][A-Za-z'’.\-]{0,20}(?:[ \t]+[A-Z][A-Za-z'’.\-]{0,20}){0,2}"
_DASH = r"[\-–—]"
# An outlet name as printed: capitalized words (Anadolu Agency, Trend, iNewsToday).
_OUTLET_WORDS = r"[A-Za-z][\w.&'’\-]{0,25}(?:[ \t]+[A-Z][\w.&'’\-]{0,25}){0,4}"

# BRUSSELS-Anadolu Agency (a line of its own)
_DL_CITY_OUTLET = re.compile(rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?)\s*{_DASH}\s*(?P<outlet>{_OUTLET_WORDS})\s*$")
# BRUSSELS (AA) – ... / LONDON, Oct 5 (Reuters) - ... (the lede follows on the same line)
_DL_PAREN = re.compile(
    rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?)(?:,\s*(?P<mon>{MON})\.?\s*(?P<day>\d{{1,2}}))?"
    rf"\s*\((?P<outlet>[^()\n]{{1,40}})\)\s*(?:{_DASH}+|:)"
)
# BAKU, Azerbaijan, Oct.18 (a line of its own)
_DL_CITY_DATE = re.compile(
    rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?),\s*(?P<mon>{MON})\.?\s*(?P<day>\d{{1,2}})\s*$"
)
# BRUSSELS (a line of its own)
_DL_CITY = re.compile(rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?)\s*$")
# WASHINGTON — The president said ... (no outlet)
_DL_CITY_DASH = re.compile(rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?)\s+{_DASH}+\s+(?=\S)")
# Trend: (a line of its own right after a dateline)
_OUTLET_COLON = re.compile(rf"^(?P<outlet>{_OUTLET_WORDS})\s*:\s*$")
_NAME_WORDS = r"[A-Z][\w'’.\-]{0,25}(?:[ \t]+[A-Z][\w'’.\-]{0,25}){0,3}"
_BYLINE_BY = re.compile(rf"^By:?\s+(?P<name>{_NAME_WORDS}(?:\s+and\s+{_NAME_WORDS})?)\s*(?:[,|/–—-].*)?$")
_NAME_LINE = re.compile(r"^(?P<name>[A-Z][a-z'’\-]{1,25}(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z'’\-]{1,25}|van|von|de|da|al|bin)){1,3})$")
_FOOTERS = (
    re.compile(r"^Other\s+(?:reports|stories|news|articles|posts)\s+(?:by|from)\s+(?P<outlet>.{2,40}?)\s*$", re.IGNORECASE),
    re.compile(rf"^(?P<outlet>{_OUTLET_WORDS})\s+website contains only\b"),
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}\s+)?(?P<outlet>[A-Z][\w.&'’\- ]{1,40}?)\.?(?:\s+All rights reserved\.?)?\s*$", re.IGNORECASE),
)
_BULLETS = re.compile(r"^[\s•·*▪►|>#\-–—]+")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "wed", "thu", "fri", "sat", "sun"}  # fmt: skip
_HEADER_LINES = 12
#: Header lines are matched on their first characters only (a hostile line can be megabytes).
_PROBE = 300
_FOOTER_LINES = 6


def _date_line(line: str) -> str | None:
    """ISO date if ``line`` is a date line (the date plus at most a few words such as
    ``Published:`` or ``Politics Materials``), else None."""
    found = find_date(line)
    if not found:
        return None
    iso, m = found

    def words(part: str) -> list[str]:
        return [w for w in re.findall(r"[^\W\d_]+", part) if w.lower() not in _WEEKDAYS]

    before, after = words(line[: m.start()]), words(line[m.end() :])
    # A label may precede the date (Published:, Politics Materials); text after it is a sentence.
    if len(before) + len(after) > 3 or len(after) > 1 or len(line) - (m.end() - m.start()) > 40:
        return None
    return iso


def _with_day(iso: str | None, mon: str | None, day: str | None) -> bool:
    """Whether a dateline's ``Mon DD`` agrees with the ISO date found elsewhere."""
    if not (iso and mon and day):
        return True
    return iso[5:10] == f"{MONTHS.get(mon.lower().rstrip('.'), 0):02d}-{int(day):02d}"


# ---- header line rules -----------------------------------------------------------------------

MonDay = tuple[str | None, str | None]


@dataclass(frozen=True)
class HeaderLine:
    """What a header line is (``date``, ``dateline``, ``byline``, ``outlet``), the fields it gives
    in the order they are taken, and the ``Mon DD`` a dateline prints (None: prints none)."""

    kind: str
    fields: tuple[tuple[str, str], ...]
    mon_day: MonDay | None = None


#: A header line rule: (the line with bullets stripped, the previous line's kind) -> what it is.
HeaderRule = Callable[[str, str | None], HeaderLine | None]


def _place(m: re.Match[str] | None) -> bool:
    """A city match that names a place (at least three letters), not ``A`` or ``U.S.``-like noise."""
    return m is not None and sum(c.isalpha() for c in m["place"]) >= 3


def date_line(line: str, previous: str | None) -> HeaderLine | None:
    """``October 24, 2020`` or ``Published: 5 May 2019 08:05 (UTC -03:00)`` on a line of its own."""
    iso = _date_line(line)
    return HeaderLine("date", (("date", iso),)) if iso else None


def city_outlet(line: str, previous: str | None) -> HeaderLine | None:
    """``BRUSSELS-Anadolu Agency``: the agency dateline of Anadolu and others."""
    m = _DL_CITY_OUTLET.match(line)
    return HeaderLine("dateline", (("dateline", m["place"]), ("outlet", _outlet_name(m["outlet"])))) if m else None


def paren_dateline(line: str, previous: str | None) -> HeaderLine | None:
    """``LONDON, Oct 5 (Reuters) -`` and ``BRUSSELS (AA) –``: the wire dateline opening the lede."""
    m = _DL_PAREN.match(line)
    if not m:
        return None
    fields = (("dateline", m["place"]), ("outlet", _outlet_name(m["outlet"])))
    return HeaderLine("dateline", fields, (m["mon"], m["day"]))


def city_date(line: str, previous: str | None) -> HeaderLine | None:
    """``BAKU, Azerbaijan, Oct.18``: Trend's dateline, a line of its own."""
    m = _DL_CITY_DATE.match(line)
    return HeaderLine("dateline", (("dateline", m["place"]),), (m["mon"], m["day"])) if m else None


def city_line(line: str, previous: str | None) -> HeaderLine | None:
    """``BRUSSELS`` on a line of its own."""
    m = _DL_CITY.match(line)
    return HeaderLine("dateline", (("dateline", m["place"]),)) if m and _place(m) else None


def byline_by(line: str, previous: str | None) -> HeaderLine | None:
    """``By Jane Q. Doe`` (``and`` a second name; a role or outlet may follow a comma or dash)."""
    m = _BYLINE_BY.match(line)
    return HeaderLine("byline", (("author", m["name"]),)) if m else None


def outlet_after_dateline(line: str, previous: str | None) -> HeaderLine | None:
    """``Trend:`` on the line right after a dateline."""
    m = _OUTLET_COLON.match(line)
    if m and previous == "dateline":
        return HeaderLine("outlet", (("outlet", _outlet_name(m["outlet"])),))
    return None


def city_dash(line: str, previous: str | None) -> HeaderLine | None:
    """``WASHINGTON — The president said ...``: a dateline without an outlet opening the lede."""
    m = _DL_CITY_DASH.match(line)
    return HeaderLine("dateline", (("dateline", m["place"]),)) if m and _place(m) else None


#: The rules for a header line, in order: the first that recognizes the line decides.
HEADER_RULES: tuple[HeaderRule, ...] = (
    date_line, city_outlet, paren_dateline, city_date, city_line, byline_by, outlet_after_dateline, city_dash,
)  # fmt: skip
#: A line longer than the probe is a paragraph: only a dateline opening it can be metadata.
LONG_LINE_RULES: tuple[HeaderRule, ...] = (paren_dateline, city_dash)


def classify_header_line(raw: str, previous: str | None) -> HeaderLine | None:
    """What the header line ``raw`` is, by the first rule that recognizes it."""
    line = _BULLETS.sub("", raw[:_PROBE]).strip()
    rules = LONG_LINE_RULES if len(raw) > _PROBE else HEADER_RULES
    for rule in rules:
        found = rule(line, previous)
        if found is not None:
            return found
    return None


# ---- the guess -------------------------------------------------------------------------------


@dataclass
class _Guess:
    """The fields found so far (the first value of each wins) and the line each came from."""

    out: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def put(self, name: str, value: str | None, line: str) -> None:
        if value and name not in self.out:
            self.out[name] = value
            self.evidence[name] = line if len(line) <= 120 else line[:117] + "..."


def _read_header(head: list[str], guess: _Guess) -> tuple[list[str | None], MonDay]:
    """Classify the header lines: their kinds and the last ``Mon DD`` a dateline printed."""
    kinds: list[str | None] = []
    mon_day: MonDay = (None, None)
    for raw in head:
        found = classify_header_line(raw, kinds[-1] if kinds else None)
        if found is not None:
            for name, value in found.fields:
                guess.put(name, value, raw)
            mon_day = found.mon_day or mon_day
        kinds.append(found.kind if found else None)
    return kinds, mon_day


def _byline_next_to_date(head: list[str], kinds: list[str | None], guess: _Guess) -> None:
    """A byline without "By": a name-like line right next to the date line (Cheryl Sanders /
    October 24, 2020)."""
    for i, raw in enumerate(head):
        if kinds[i] is None and _NAME_LINE.match(raw) and raw.lower() not in KNOWN_OUTLETS:
            if (i + 1 < len(head) and kinds[i + 1] == "date") or (i > 0 and kinds[i - 1] == "date"):
                guess.put("author", raw, raw)
                kinds[i] = "byline"
                return


def _headline(head: list[str], kinds: list[str | None], guess: _Guess) -> None:
    """The headline: the first line with words, printed before the first header line."""
    first_marker = next((i for i, k in enumerate(kinds) if k in ("date", "dateline", "byline")), None)
    for i in range(first_marker or 0):
        cand = re.sub(r"^#+\s*", "", head[i]).strip()
        if kinds[i] is None and len(cand.split()) >= 2 and len(cand) <= 200:
            if cand.endswith(".") and not cand.endswith(".."):
                cand = cand[:-1].rstrip()
            guess.put("title", cand, head[i])
            return


def _footer(content: list[str], guess: _Guess) -> None:
    """The outlet from the last lines: ``Other reports by iNewsToday``, copyright, and so on."""
    for raw in reversed(content[-_FOOTER_LINES:]):
        for rx in _FOOTERS:
            m = rx.match(raw[:_PROBE])
            if m:
                guess.put("outlet", _outlet_name(m["outlet"]), raw)
                break


def guess_metadata(text: str) -> dict[str, Any]:
    """Guess title, outlet, date, dateline and author from the lines a news article prints.

    Looks at the first lines (headline, date line, dateline such as ``BRUSSELS-Anadolu Agency``,
    ``BRUSSELS (AA) –`` or ``BAKU, Azerbaijan, Oct.18`` + ``Trend:``, byline + date) and the last
    lines (``Other reports by iNewsToday``, ``X website contains only ...``, copyright).
    Returns only the fields found, plus ``guessed`` (their names, sorted) and ``evidence``
    (field -> the line it came from).
    """
    lines = [ln.strip() for ln in text.splitlines()]
    content = [ln for ln in lines if ln and re.search(r"\w", ln)]
    head = content[:_HEADER_LINES]
    guess = _Guess()
    kinds, mon_day = _read_header(head, guess)
    _byline_next_to_date(head, kinds, guess)
    _headline(head, kinds, guess)
    _footer(content, guess)
    out, evidence = guess.out, guess.evidence
    if "date" in out and not _with_day(out["date"], *mon_day):
        # The date line disagrees with the dateline's day: trust neither blindly; keep the
        # printed date but say so.
        evidence["date"] += " (dateline day differs)"
    out["guessed"] = sorted(out)
    out["evidence"] = evidence
    return out
