"""YAML front matter (``---`` ... ``---`` at the top of a text or Markdown file)."""

from __future__ import annotations

import re
from datetime import date as _date
from datetime import datetime
from typing import Any

_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def jsonable(value: Any) -> Any:
    """Values made JSON-safe (YAML gives dates, sets, and so on)."""
    if isinstance(value, (_date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _parse_yaml(yaml_text: str) -> tuple[dict[str, Any], str | None]:
    """The front matter's mapping, or ``({}, warning)`` when it is not a YAML mapping."""
    import yaml

    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, f"front matter is not valid YAML{where}; ignored"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, "front matter is not a mapping of keys to values; ignored"
    return {str(k): jsonable(v) for k, v in data.items()}, None


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """``(front matter or None, body, warning)``; the body is the text after the closing line."""
    if not _FM_OPEN.match(text):
        return None, text, None
    first_nl = text.index("\n") + 1
    close = _FM_CLOSE.search(text, first_nl)
    if close is None:
        return None, text, None  # a horizontal rule, not front matter
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    data, warning = _parse_yaml(text[first_nl : close.start()])
    return data, text[end:], warning
