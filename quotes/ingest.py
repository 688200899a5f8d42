"""Document readers: turn paths (text, Markdown, JSONL, HTML, WARC, directories, stdin) into
:class:`~quotes.records.Document` records, one at a time.

Bad input never raises: every file or line that cannot be read is reported as a :class:`Problem`
to the ``on_problem`` callback and skipped, and the rest of the input is still read. Problems with
``fatal=False`` are warnings about a document that *was* read (e.g. it was decoded as
Windows-1252, or invalid UTF-8 bytes were replaced).

Plain text without front matter gets its outlet, date, dateline, byline and headline guessed
from the lines a news article prints (:func:`guess_metadata`); the guessed fields are listed in
``Document.meta["guessed"]`` so nobody mistakes them for metadata the publisher gave.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, TextIO

from quotes.errors import DependencyError
from quotes.records import Document

__all__ = [
    "Problem",
    "TEXT_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "JSONL_SUFFIXES",
    "HTML_SUFFIXES",
    "WARC_SUFFIXES",
    "iter_documents",
    "guess_metadata",
    "parse_date",
    "decode_bytes",
]

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")

#: Text and HTML files are read whole; anything larger is surely not one article.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: How much of a file is sniffed for binary content.
SNIFF_BYTES = 8192

ProblemCallback = Callable[["Problem"], None]


@dataclass(frozen=True)
class Problem:
    """One reportable issue with the input.

    ``fatal=True``: the document (or JSONL line) was skipped. ``fatal=False``: a warning about a
    document that was still read. ``str(problem)`` is the one line a CLI prints.
    """

    source: str
    message: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        kind = "skipped" if self.fatal else "warning"
        return f"{where}: {kind}: {self.message}"


class _Skip(Exception):
    """Internal: abandon the current document with this message (becomes a fatal Problem)."""


#: The PyPI package that provides an importable top-level module, where the names differ.
_PACKAGE_OF = {"yaml": "pyyaml", "lxml_html_clean": "lxml_html_clean"}


def _dependency_error(exc: ImportError, what: str, default: str | None = None) -> DependencyError:
    """The one-line installation error for a reader library that cannot be imported.

    lxml 6 raises a plain ImportError naming ``lxml_html_clean`` when ``lxml.html.clean`` (which
    trafilatura imports) is used without that separate package; other failures name the module.
    """
    name = exc.name or ""
    if "lxml_html_clean" in str(exc) or name.startswith("lxml.html.clean"):
        package: str | None = "lxml_html_clean"
    else:
        top = name.split(".")[0]
        package = _PACKAGE_OF.get(top, top) or default
    if package is None:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        return DependencyError(f"reading {what} needs a library that cannot be imported ({reason}); reinstall quotes")
    return DependencyError(
        f"reading {what} needs the Python package {package}, which is not installed or cannot be "
        f"imported; install it (pip install {package}) or reinstall quotes"
    )


def _import_trafilatura(what: str) -> Any:
    """trafilatura, or the installation error naming the package that is missing."""
    try:
        import trafilatura
    except ImportError as exc:
        raise _dependency_error(exc, what, "trafilatura") from None
    return trafilatura


# --------------------------------------------------------------------------------------------
# decoding


# Windows-1252 differs from Latin-1 only in 0x80-0x9F; its five undefined bytes stay as Latin-1.
_CP1252_C1 = {
    i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def _looks_binary(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a file) is not text, or None if it may be text."""
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL))
        # Text has tabs and newlines but hardly any other control bytes.
        if controls >= 8 and controls / len(head) > 0.1:
            return "binary file (control bytes)"
    return None


def decode_bytes(data: bytes) -> tuple[str, str | None, str]:
    """Decode a text file's bytes: returns ``(text, warning or None, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as such. Otherwise, bytes that are
    mostly valid UTF-8 with a few broken sequences are decoded with one U+FFFD per invalid byte
    (so the warning can say how many); bytes with no valid multi-byte UTF-8 at all are
    Windows-1252 (a superset of Latin-1's printable range). Raises ``_Skip`` for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None, "utf-16"
        except UnicodeDecodeError as exc:
            raise _Skip(f"invalid UTF-16 text ({exc.reason})") from None
    why = _looks_binary(data[:SNIFF_BYTES])
    if why is None and b"\x00" in data:
        why = "binary file (contains NUL bytes)"
    if why:
        raise _Skip(why)
    try:
        return data.decode("utf-8"), None, "utf-8"
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in escaped if ord(ch) > 0x7F and not ("\udc80" <= ch <= "\udcff"))
    if good >= bad:
        text = re.sub("[\udc80-\udcff]", "\ufffd", escaped)
        noun = "byte" if bad == 1 else "bytes"
        return text, f"invalid UTF-8: {bad} {noun} replaced with U+FFFD", "utf-8"
    text = data.decode("latin-1").translate(_CP1252_C1)
    return text, "not UTF-8; decoded as Windows-1252 (Latin-1)", "cp1252"


def _clean_str(s: str) -> tuple[str, int]:
    """Replace lone surrogates (possible in JSON ``\\ud800`` escapes) with U+FFFD, 1:1."""
    n = len(re.findall("[\ud800-\udfff]", s))
    return (re.sub("[\ud800-\udfff]", "\ufffd", s), n) if n else (s, 0)


# --------------------------------------------------------------------------------------------
# dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
_MON = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\b\.?)?"
    r"(?:\s*\(?\s*(?P<tzname>UTC|GMT|Z)\s*(?:(?P<tzsign>[+\-−])\s*(?P<tzh>\d{1,2})(?::?(?P<tzm>\d{2}))?)?\s*\)?)?)?"
)
_DATE_MDY = re.compile(
    rf"\b(?P<mon>{_MON})\.?\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_DATE_ISO = re.compile(
    r"\b(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d:])"
)


def _iso_from_match(m: re.Match[str]) -> str | None:
    """ISO 8601 from a month-name date match (date only, or datetime with its UTC offset)."""
    try:
        day = _date(int(m["year"]), _MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
    except (ValueError, KeyError):
        return None
    if m["h"] is None:
        return day.isoformat()
    hour, minute, second = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    tz = None
    if m["tzname"]:
        offset = timedelta(0)
        if m["tzsign"]:
            offset = timedelta(hours=int(m["tzh"]), minutes=int(m["tzm"] or 0))
            if m["tzsign"] != "+":
                offset = -offset
        try:
            tz = timezone(offset)
        except ValueError:
            tz = None
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz).isoformat()
    except ValueError:
        return day.isoformat()


def parse_date(value: Any) -> str | None:
    """Normalize a date (ISO string, ``October 24, 2020``, ``18 October 2021 16:33 (UTC +04:00)``,
    a ``date``/``datetime``) to ISO 8601; None when it is not a recognizable date."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, _date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    m = _DATE_ISO.fullmatch(s)
    if m:
        try:
            parsed = datetime.fromisoformat(s.replace(" ", "T", 1))
        except ValueError:
            return None
        return s[:10] if len(s) == 10 else parsed.isoformat()
    for rx in (_DATE_MDY, _DATE_DMY):
        m = rx.search(s)
        if m:
            return _iso_from_match(m)
    return None


def _find_date(line: str) -> tuple[str, re.Match[str]] | None:
    """The first date printed in ``line``, as (ISO, match)."""
    best: tuple[str, re.Match[str]] | None = None
    for rx in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        m = rx.search(line)
        if m and (best is None or m.start() < best[1].start()):
            iso = _iso_from_match(m) if rx is not _DATE_ISO else parse_date(m["iso"])
            if iso:
                best = (iso, m)
    return best


# --------------------------------------------------------------------------------------------
# metadata guessing for plain text

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
}


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
    rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?)(?:,\s*(?P<mon>{_MON})\.?\s*(?P<day>\d{{1,2}}))?"
    rf"\s*\((?P<outlet>[^()\n]{{1,40}})\)\s*(?:{_DASH}+|:)"
)
# BAKU, Azerbaijan, Oct.18 (a line of its own)
_DL_CITY_DATE = re.compile(
    rf"^(?P<place>{_CITY}(?:,\s*{_REGION})?),\s*(?P<mon>{_MON})\.?\s*(?P<day>\d{{1,2}})\s*$"
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
             "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
_HEADER_LINES = 12
#: Header lines are matched on their first characters only (a hostile line can be megabytes).
_PROBE = 300
_FOOTER_LINES = 6


def _date_line(line: str) -> str | None:
    """ISO date if ``line`` is a date line (the date plus at most a few words such as
    ``Published:`` or ``Politics Materials``), else None."""
    found = _find_date(line)
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
    return iso[5:10] == f"{_MONTHS.get(mon.lower().rstrip('.'), 0):02d}-{int(day):02d}"


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
    out: dict[str, Any] = {}
    evidence: dict[str, str] = {}

    def put(field: str, value: str | None, line: str) -> None:
        if value and field not in out:
            out[field] = value
            evidence[field] = line if len(line) <= 120 else line[:117] + "..."

    kinds: list[str | None] = []  # what each header line is
    dateline_mon_day: tuple[str | None, str | None] = (None, None)
    for i, raw in enumerate(head):
        line = _BULLETS.sub("", raw[:_PROBE]).strip()
        kind: str | None = None
        if len(raw) > _PROBE:
            # A long line is a paragraph: only a dateline opening it can be metadata.
            if m := _DL_PAREN.match(line):
                put("dateline", m["place"], raw)
                put("outlet", _outlet_name(m["outlet"]), raw)
                dateline_mon_day = (m["mon"], m["day"])
                kind = "dateline"
            elif (m := _DL_CITY_DASH.match(line)) and sum(c.isalpha() for c in m["place"]) >= 3:
                put("dateline", m["place"], raw)
                kind = "dateline"
        elif iso := _date_line(line):
            put("date", iso, raw)
            kind = "date"
        elif m := _DL_CITY_OUTLET.match(line):
            put("dateline", m["place"], raw)
            put("outlet", _outlet_name(m["outlet"]), raw)
            kind = "dateline"
        elif m := _DL_PAREN.match(line):
            put("dateline", m["place"], raw)
            put("outlet", _outlet_name(m["outlet"]), raw)
            dateline_mon_day = (m["mon"], m["day"])
            kind = "dateline"
        elif m := _DL_CITY_DATE.match(line):
            put("dateline", m["place"], raw)
            dateline_mon_day = (m["mon"], m["day"])
            kind = "dateline"
        elif (m := _DL_CITY.match(line)) and sum(c.isalpha() for c in m["place"]) >= 3:
            put("dateline", m["place"], raw)
            kind = "dateline"
        elif m := _BYLINE_BY.match(line):
            put("author", m["name"], raw)
            kind = "byline"
        elif (m := _OUTLET_COLON.match(line)) and i > 0 and kinds[-1] == "dateline":
            put("outlet", _outlet_name(m["outlet"]), raw)
            kind = "outlet"
        elif (m := _DL_CITY_DASH.match(line)) and sum(c.isalpha() for c in m["place"]) >= 3:
            put("dateline", m["place"], raw)
            kind = "dateline"
        kinds.append(kind)

    # A byline without "By": a name-like line right next to the date line (Cheryl Sanders /
    # October 24, 2020).
    for i, raw in enumerate(head):
        if kinds[i] is None and _NAME_LINE.match(raw) and raw.lower() not in KNOWN_OUTLETS:
            if (i + 1 < len(head) and kinds[i + 1] == "date") or (i > 0 and kinds[i - 1] == "date"):
                put("author", raw, raw)
                kinds[i] = "byline"
                break

    # The headline: the first line with words, printed before the first header line.
    first_marker = next((i for i, k in enumerate(kinds) if k in ("date", "dateline", "byline")), None)
    if first_marker:
        for i in range(first_marker):
            cand = re.sub(r"^#+\s*", "", head[i]).strip()
            if kinds[i] is None and len(cand.split()) >= 2 and len(cand) <= 200:
                if cand.endswith(".") and not cand.endswith(".."):
                    cand = cand[:-1].rstrip()
                put("title", cand, head[i])
                break

    for raw in reversed(content[-_FOOTER_LINES:]):
        for rx in _FOOTERS:
            m = rx.match(raw[:_PROBE])
            if m:
                put("outlet", _outlet_name(m["outlet"]), raw)
                break

    if "date" in out and not _with_day(out["date"], *dateline_mon_day):
        # The date line disagrees with the dateline's day: trust neither blindly; keep the
        # printed date but say so.
        evidence["date"] += " (dateline day differs)"
    out["guessed"] = sorted(out)
    out["evidence"] = evidence
    return out


# --------------------------------------------------------------------------------------------
# front matter

_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_DOC_FIELDS = ("title", "outlet", "date", "url", "author")


def _jsonable(value: Any) -> Any:
    """Front-matter values made JSON-safe (YAML gives dates, sets, and so on)."""
    if isinstance(value, (_date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """``(front matter or None, body, warning)``; the body is the text after the closing line."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return None, text, None
    first_nl = text.index("\n") + 1
    close = _FM_CLOSE.search(text, first_nl)
    if close is None:
        return None, text, None  # a horizontal rule, not front matter
    yaml_text = text[first_nl : close.start()]
    end = close.end()
    if text.startswith("\r\n", end) :
        end += 2
    elif text.startswith("\n", end):
        end += 1
    body = text[end:]
    import yaml

    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, body, f"front matter is not valid YAML{where}; ignored"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, body, "front matter is not a mapping of keys to values; ignored"
    return {str(k): _jsonable(v) for k, v in data.items()}, body, None


# --------------------------------------------------------------------------------------------
# building documents


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = _clean_str(value)[0].strip()
        return value or None
    return None


def _make_document(
    doc_id: str,
    text: str,
    fields: dict[str, Any],
    *,
    source: str,
    meta: dict[str, Any],
    report: Callable[[str], None],
) -> Document:
    """A Document from ``fields`` (title, outlet, date, url, author); ``report`` takes warnings."""
    kw: dict[str, str | None] = {}
    for name in _DOC_FIELDS:
        raw = fields.get(name)
        if name == "author" and isinstance(raw, list) and raw and all(isinstance(a, str) for a in raw):
            raw = ", ".join(a.strip() for a in raw if a.strip())  # several bylines
        value = _opt_str(raw) if not isinstance(raw, (_date, datetime)) else raw.isoformat()
        if raw is not None and value is None and not (isinstance(raw, str) and not raw.strip()):
            report(f"{name!r} is not a string; ignored")
        if name == "date" and value is not None:
            iso = parse_date(value)
            if iso is None:
                report(f"date {value!r} is not a recognizable date; kept in meta['date_raw']")
                meta["date_raw"] = value
            value = iso
        kw[name] = value
    # File names undecodable as UTF-8 and JSON "\\ud800" escapes give lone surrogates, which
    # SQLite and UTF-8 output refuse; the text itself was cleaned by its reader.
    return Document(
        id=_no_surrogates(doc_id), text=text, source=_no_surrogates(source), meta=_no_surrogates(meta),
        **_no_surrogates(kw),
    )  # fmt: skip


def _no_surrogates(value: Any) -> Any:
    """``value`` with lone surrogates in its strings (also inside dicts and lists) as U+FFFD."""
    if isinstance(value, str):
        return _clean_str(value)[0]
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    return value


def _text_document(path: Path, data: bytes, *, markdown: bool, emit: ProblemCallback) -> Document | None:
    """A text or Markdown file (optional YAML front matter; guessed metadata without it)."""
    src = str(path)
    text, warning, encoding = decode_bytes(data)
    if warning:
        emit(Problem(src, warning, fatal=False))
    fm, body, fm_warning = _split_front_matter(text)
    if fm_warning:
        emit(Problem(src, fm_warning, fatal=False))
    if not body.strip():
        raise _Skip("empty file" if fm is None else "no text after the front matter")
    fm = fm or {}
    meta: dict[str, Any] = {k: v for k, v in fm.items() if k not in _DOC_FIELDS}
    meta["format"] = "markdown" if markdown else "text"
    if encoding != "utf-8":
        meta["encoding"] = encoding
    fields = {k: fm.get(k) for k in _DOC_FIELDS}
    wanted = [f for f in ("title", "outlet", "date", "author", "dateline") if fields.get(f) in (None, "") and not meta.get(f)]
    if wanted:
        guess = guess_metadata(body)
        if markdown and "title" not in guess:
            # A Markdown article's first heading is its headline.
            heading = re.search(r"^#{1,2}[ \t]+(\S[^\n]*?)[ \t#]*\r?$", body[:2000], re.MULTILINE)
            if heading:
                guess["title"] = heading.group(1)
                guess["evidence"]["title"] = heading.group(0).strip()
        filled = [f for f in wanted if f in guess]
        for f in filled:
            if f == "dateline":
                meta["dateline"] = guess[f]
            else:
                fields[f] = guess[f]
        if filled:
            meta["guessed"] = filled
            meta["guessed_from"] = {f: guess["evidence"][f] for f in filled}
    return _make_document(
        path.stem,
        body,
        fields,
        source=src,
        meta=meta,
        report=lambda msg: emit(Problem(src, msg, fatal=False)),
    )


def _jsonl_documents(
    lines: Iterable[bytes | str], *, source: str, stem: str, emit: ProblemCallback
) -> Iterator[Document]:
    """Documents from JSONL lines; a bad line is reported with its number and skipped."""
    for n, raw in enumerate(lines, 1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    line, warning, _ = decode_bytes(raw)
                except _Skip as exc:  # binary bytes in one line: skip that line, keep reading
                    emit(Problem(source, str(exc), line=n))
                    continue
                emit(Problem(source, warning or "invalid UTF-8", line=n, fatal=False))
        else:
            line = raw
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            emit(Problem(source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=n))
            continue
        except (ValueError, RecursionError) as exc:
            emit(Problem(source, f"invalid JSON: {type(exc).__name__}", line=n))
            continue
        if not isinstance(rec, dict):
            emit(Problem(source, f"expected a JSON object, got {_json_type(rec)}", line=n))
            continue
        if "text" not in rec:
            emit(Problem(source, 'record has no "text" field', line=n))
            continue
        text = rec["text"]
        if not isinstance(text, str):
            emit(Problem(source, f'"text" is not a string (got {_json_type(text)})', line=n))
            continue
        if not text.strip():
            emit(Problem(source, '"text" is empty', line=n))
            continue
        text, n_sur = _clean_str(text)
        if n_sur:
            emit(Problem(source, f"{n_sur} invalid characters (lone surrogates) replaced with U+FFFD", line=n, fatal=False))
        inner = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        fields = {k: rec[k] if rec.get(k) is not None else inner.get(k) for k in _DOC_FIELDS}
        meta: dict[str, Any] = {"format": "jsonl"}
        meta.update({str(k): _jsonable(v) for k, v in inner.items() if k not in _DOC_FIELDS})
        meta.update(
            {k: _jsonable(v) for k, v in rec.items() if k not in (*_DOC_FIELDS, "id", "text", "meta", "quotes")}
        )
        rid = rec.get("id")
        doc_id = _opt_str(rid) if not isinstance(rid, float) else None
        if doc_id is None:
            if rid is not None:
                emit(Problem(source, f'"id" is not a string (got {_json_type(rid)}); using line number', line=n, fatal=False))
            doc_id = f"{stem}-{n}"
        yield _make_document(
            doc_id,
            text,
            fields,
            source=f"{source}#L{n}",
            meta=meta,
            report=lambda msg, n=n: emit(Problem(source, msg, line=n, fatal=False)),
        )


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(
        type(value), "null"
    )


def _quiet_trafilatura() -> None:
    # trafilatura and htmldate log through the root "last resort" handler when nothing is
    # configured, which would print stray lines in the CLI; we report problems ourselves.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _html_fields(html: bytes | str, url: str | None) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """``(text, fields, meta)`` of a news page via trafilatura, or None when it finds no text."""
    trafilatura = _import_trafilatura("HTML")
    _quiet_trafilatura()
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None:
        return None
    text = getattr(result, "text", None) or ""
    if not text.strip():
        return None
    fields = {
        "title": getattr(result, "title", None),
        "outlet": getattr(result, "sitename", None),
        "date": getattr(result, "date", None),
        "author": getattr(result, "author", None),
        "url": getattr(result, "url", None) or url,
    }
    meta = {
        k: v
        for k, v in (("hostname", getattr(result, "hostname", None)), ("description", getattr(result, "description", None)))
        if v
    }
    return text, fields, meta


def _html_document(path: Path, data: bytes, emit: ProblemCallback) -> Document:
    src = str(path)
    if not data.strip():
        raise _Skip("empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise _Skip("binary file (contains NUL bytes)")
    got = _html_fields(data, None)
    if got is None:
        raise _Skip("no article text found in the HTML")
    text, fields, meta = got
    return _make_document(
        path.stem, text, fields, source=src, meta={"format": "html", **meta},
        report=lambda msg: emit(Problem(src, msg, fatal=False)),
    )


def _url_id(url: str) -> str:
    """A stable, readable id for a URL: host and last path part, plus a short hash of the URL."""
    m = re.match(r"^[a-z][\w+.\-]*://(?:[^@/]*@)?([^/:?#]+)[^/?#]*(/[^?#]*)?", url, re.IGNORECASE)
    host = m.group(1).lower() if m else ""
    parts = [p for p in (m.group(2) or "").split("/") if p] if m else []
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts[-1]) if parts else ""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{host} {last}".lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def _warc_magic(fh: IO[bytes]) -> bool:
    """Whether ``fh`` starts like a WARC (or ARC) file, gzipped or not; rewinds ``fh``."""
    import gzip
    import zlib

    head = fh.read(64)
    if head.startswith(b"\x1f\x8b"):
        fh.seek(0)
        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(64)
        except (OSError, EOFError, zlib.error):
            head = b""
    fh.seek(0)
    # warcio would read any five words as an old ARC header line, so look for the real start.
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def _warc_documents(path: Path, emit: ProblemCallback) -> Iterator[Document]:
    """One Document per HTML response (or resource) record of a WARC / WARC.gz archive."""
    import zlib

    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise _dependency_error(exc, "WARC archives", "warcio") from None
    # Imported before the first page: a missing library must not look like a bad page each time.
    _import_trafilatura("WARC archives")

    src = str(path)
    found = records = page_problems = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise _Skip(_os_message(exc)) from None
    with fh:
        if os.fstat(fh.fileno()).st_size == 0:
            raise _Skip("empty file")
        if not _warc_magic(fh):
            raise _Skip("not a valid WARC archive (it does not start with a WARC record)")
        try:
            for record in ArchiveIterator(fh):
                records += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    if not status.startswith("2"):
                        continue
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                body = record.content_stream().read()
                record.raw_stream.read()  # drain what the decoder left; then a short record shows
                if getattr(record.raw_stream, "limit", 0) > 0:
                    emit(Problem(src, f"archive is damaged: it ends inside the record for {url}"))
                    return
                if not body.strip():
                    page_problems += 1
                    emit(Problem(src, f"{url}: empty page"))
                    continue
                try:
                    got = _html_fields(body, url or None)
                except ImportError as exc:  # a library trafilatura loads lazily: not this page's fault
                    raise _dependency_error(exc, "WARC archives") from None
                except Exception as exc:  # trafilatura/lxml on a hostile page: skip that page only
                    page_problems += 1
                    emit(Problem(src, f"{url}: could not parse the page ({type(exc).__name__})"))
                    continue
                if got is None:
                    page_problems += 1
                    emit(Problem(src, f"{url}: no article text found"))
                    continue
                text, fields, meta = got
                fields["url"] = url or fields.get("url")
                meta["format"] = "warc"
                warc_date = record.rec_headers.get_header("WARC-Date")
                if warc_date:
                    meta["warc_date"] = warc_date
                if not fields.get("date") and warc_date:
                    fields["date"] = warc_date
                    meta["date_from"] = "WARC-Date"
                found += 1
                yield _make_document(
                    _url_id(url) if url else f"{_stem(path)}-{found}",
                    text,
                    fields,
                    source=f"{src}#{url}" if url else src,
                    meta=meta,
                    report=lambda msg, url=url: emit(Problem(src, f"{url}: {msg}", fatal=False)),
                )
        except ArchiveLoadFailed as exc:
            emit(Problem(src, f"not a valid WARC archive ({str(exc).splitlines()[0][:120]})"))
            return
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            emit(Problem(src, f"WARC archive is damaged ({type(exc).__name__}: {str(exc)[:120]})"))
            return
    if not records:
        emit(Problem(src, "not a valid WARC archive (no records)"))
    elif not found and not page_problems:
        emit(Problem(src, "no HTML pages in the archive"))


# --------------------------------------------------------------------------------------------
# paths


def _os_message(exc: OSError) -> str:
    messages = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "is a directory",
        errno.ENAMETOOLONG: "file name too long",
    }
    return messages.get(exc.errno or -1, (exc.strerror or str(exc)).lower())


def _kind(path: Path) -> str | None:
    """The reader for a file name: text, markdown, jsonl, html, warc, or None (unknown)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def _stem(path: Path) -> str:
    """The file name without its extension (both parts of ``.warc.gz``, ``.jsonl.gz``)."""
    name = path.name
    for suffix in WARC_SUFFIXES + JSONL_SUFFIXES:
        if suffix.count(".") == 2 and name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_bytes(path: Path) -> bytes:
    """The whole file (size-checked first); OSError on failure."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise _Skip(f"file too large for one article ({size / 2**20:.0f} MB > {MAX_FILE_BYTES // 2**20} MB)")
        return fh.read(size + 1 if size else MAX_FILE_BYTES + 1)


def _jsonl_file(path: Path, emit: ProblemCallback) -> Iterator[Document]:
    """A JSONL file (gzipped when it ends in ``.gz``), streamed line by line."""
    import gzip
    import zlib

    src = str(path)
    stem = _stem(path)
    with path.open("rb") as raw:
        fh: IO[bytes] = gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw
        try:
            head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
            if not head.strip():
                raise _Skip("empty file")
            why = _looks_binary(head)
            if why:
                raise _Skip(why)
            yield from _jsonl_documents(fh, source=src, stem=stem, emit=emit)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            emit(Problem(src, f"damaged gzip data ({type(exc).__name__}); the lines before it were read"))


def _file_documents(path: Path, kind: str, emit: ProblemCallback) -> Iterator[Document]:
    """Documents of one file of a known ``kind``; problems go to ``emit``."""
    src = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # A FIFO would block forever and a device never ends.
            raise _Skip("not a regular file")
        if kind == "json":
            raise _Skip("a .json file is not read: give documents as JSONL, one JSON object per line")
        if kind == "warc":
            yield from _warc_documents(path, emit)
            return
        if kind == "jsonl":
            yield from _jsonl_file(path, emit)
            return
        data = _read_bytes(path)
        if not data:
            raise _Skip("empty file")
        if kind == "html":
            yield _html_document(path, data, emit)
        else:
            doc = _text_document(path, data, markdown=kind == "markdown", emit=emit)
            if doc is not None:
                yield doc
    except _Skip as exc:
        emit(Problem(src, str(exc)))
    except OSError as exc:
        emit(Problem(src, _os_message(exc)))
    except DependencyError:
        raise  # an installation problem: stop once instead of failing every file the same way
    except ImportError as exc:
        raise _dependency_error(exc, f"{kind} files") from None
    except Exception as exc:  # a reader bug or library failure on one file must not end the run
        emit(Problem(src, f"could not read ({type(exc).__name__}: {str(exc)[:200]})"))


def _walk(root: Path, emit: ProblemCallback) -> Iterator[tuple[Path, str]]:
    """Readable files under ``root``: recursive, sorted, hidden names skipped, each directory
    visited once (symlink loops end), files of other types counted and reported once."""
    seen: set[tuple[int, int]] = set()
    others: Counter[str] = Counter()
    taken = 0

    def onerror(exc: OSError) -> None:
        emit(Problem(str(exc.filename or root), f"cannot read directory: {_os_message(exc)}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError as exc:
            emit(Problem(dirpath, _os_message(exc)))
            dirnames[:] = []
            continue
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            kind = _kind(path)
            if kind is None:
                others[path.suffix.lower()] += 1
                continue
            taken += 1
            yield path, kind
    if not taken:
        emit(Problem(str(root), "no text, Markdown, JSONL, HTML or WARC files in this directory", fatal=False))
    if others:
        total = sum(others.values())
        kinds = ", ".join(s for s, _ in others.most_common(5))
        emit(Problem(str(root), f"skipped {total} file{'s' if total != 1 else ''} of other types ({kinds})", fatal=False))


def iter_documents(
    paths: Sequence[str | Path],
    *,
    on_problem: ProblemCallback | None = None,
    stdin: TextIO | IO[bytes] | None = None,
) -> Iterator[Document]:
    """Stream the documents found at ``paths``, in order, one at a time.

    Each path is a text (``.txt``, ``.text``, no extension) or Markdown (``.md``) file with
    optional YAML front matter, a JSONL file (``.jsonl``, ``.ndjson``: ``{"id", "text"}`` plus
    optional ``title``, ``outlet``, ``date``, ``url``, ``author``, or the same inside ``meta``),
    an HTML page (``.html``, ``.htm``), a WARC archive (``.warc``, ``.warc.gz``), a directory
    (read recursively in sorted order; hidden files and files of other types are skipped), or
    ``-`` for JSONL from ``stdin`` (default ``sys.stdin``). A file of another type named
    explicitly is read as text unless it is binary.

    Nothing raises for bad input: each problem goes to ``on_problem``; with ``on_problem=None``
    problems are dropped silently (bad documents are still skipped). A reader library that is not
    installed (trafilatura, lxml_html_clean, warcio) raises :class:`~quotes.errors.DependencyError`
    once, when the first file needing it is reached.
    """
    emit: ProblemCallback = on_problem or (lambda problem: None)
    for entry in paths:
        if str(entry) == "-":
            if stdin is None:
                stream: Any = getattr(sys.stdin, "buffer", sys.stdin)
            else:
                stream = stdin
            yield from _jsonl_documents(stream, source="<stdin>", stem="stdin", emit=emit)
            continue
        path = Path(entry)
        if str(entry) == "":
            emit(Problem("''", "empty path"))
            continue
        try:
            is_dir = path.is_dir()
            if not is_dir:
                path.stat()  # raises for a missing file, a broken link or a link loop
        except OSError as exc:
            emit(Problem(str(path), _os_message(exc)))
            continue
        except ValueError as exc:  # e.g. a NUL byte in the path
            emit(Problem(repr(str(entry)), f"invalid path ({exc})"))
            continue
        if is_dir:
            for file, kind in _walk(path, emit):
                yield from _file_documents(file, kind, emit)
        else:
            yield from _file_documents(path, _kind(path) or "text", emit)
