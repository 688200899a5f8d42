"""Dates as news copy prints them (``October 24, 2020``, ``18 October 2021 16:33 (UTC +04:00)``,
ISO 8601) normalized to ISO 8601."""

from __future__ import annotations

import re
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from typing import Any

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
#: A month name or abbreviation, as a regular expression.
MON = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\b\.?)?"
    r"(?:\s*\(?\s*(?P<tzname>UTC|GMT|Z)\s*(?:(?P<tzsign>[+\-−])\s*(?P<tzh>\d{1,2})(?::?(?P<tzm>\d{2}))?)?\s*\)?)?)?"
)
_DATE_MDY = re.compile(
    rf"\b(?P<mon>{MON})\.?\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MON})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_DATE_ISO = re.compile(
    r"\b(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d:])"
)


def _hour_24(hour: int, ampm: str | None) -> int:
    """The 24-hour clock hour of ``hour`` printed with ``am``/``p.m.`` (or nothing)."""
    ampm = (ampm or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        return hour + 12
    if ampm == "am" and hour == 12:
        return 0
    return hour


def _timezone(m: re.Match[str]) -> timezone | None:
    """The UTC offset printed after a time (``UTC``, ``GMT +04:00``, ``(UTC -03:00)``), if any."""
    if not m["tzname"]:
        return None
    offset = timedelta(0)
    if m["tzsign"]:
        offset = timedelta(hours=int(m["tzh"]), minutes=int(m["tzm"] or 0))
        if m["tzsign"] != "+":
            offset = -offset
    try:
        return timezone(offset)
    except ValueError:
        return None


def _iso_from_match(m: re.Match[str]) -> str | None:
    """ISO 8601 from a month-name date match (date only, or datetime with its UTC offset)."""
    try:
        day = _date(int(m["year"]), MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
    except (ValueError, KeyError):
        return None
    if m["h"] is None:
        return day.isoformat()
    hour, minute, second = _hour_24(int(m["h"]), m["ampm"]), int(m["mi"]), int(m["s"] or 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=_timezone(m)).isoformat()
    except ValueError:
        return day.isoformat()


def parse_date(value: Any) -> str | None:
    """Normalize a date (ISO string, ``October 24, 2020``, ``18 October 2021 16:33 (UTC +04:00)``,
    a ``date``/``datetime``) to ISO 8601; None when it is not a recognizable date."""
    if isinstance(value, (datetime, _date)):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if _DATE_ISO.fullmatch(s):
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


def find_date(line: str) -> tuple[str, re.Match[str]] | None:
    """The first date printed in ``line``, as (ISO, match)."""
    best: tuple[str, re.Match[str]] | None = None
    for rx in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        m = rx.search(line)
        if m and (best is None or m.start() < best[1].start()):
            iso = _iso_from_match(m) if rx is not _DATE_ISO else parse_date(m["iso"])
            if iso:
                best = (iso, m)
    return best
