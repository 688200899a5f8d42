"""YAML front matter (``---`` ... ``---`` at the top of a text or Markdown file)."""

from __future__ import annotations

import functools
import re
from datetime import date as _date
from datetime import datetime
from typing import Any

from quotes.ingest.options import MAX_NESTING

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


def nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether lists and mappings in ``value`` nest more than ``limit`` levels (no recursion, so
    a hostile document cannot exhaust the stack here)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, (list, tuple, set)):
            if depth >= limit:
                return True
            stack.extend((v, depth + 1) for v in item)
    return False


@functools.cache
def _loader() -> Any:
    """yaml.SafeLoader that refuses aliases (``*name``): safe_load shares an aliased node, but
    jsonable() and the store copy it, so 500 bytes of nested aliases ("billion laughs") would
    expand to billions of values. Front matter of an article has no use for them."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, f"alias *{event.anchor}", event.start_mark)
            return super().compose_node(parent, index)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            # 2021-02-29 looks like a date but is none: keep it as written, so the date field
            # warns and is ignored instead of the whole front matter (or article) being lost.
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

        def construct_yaml_int(self, node: Any) -> Any:
            try:
                return super().construct_yaml_int(node)
            except ValueError:  # more digits than Python converts (4300): keep the text
                return self.construct_scalar(node)

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp)
    FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", FrontMatterLoader.construct_yaml_int)
    return FrontMatterLoader


def _yaml_problem(exc: Exception) -> str:
    """The warning for front matter that is not read: what is wrong and on which line."""
    mark = getattr(exc, "problem_mark", None)
    line = f"line {mark.line + 2}" if mark is not None else ""
    problem = getattr(exc, "problem", "") or ""
    if problem.startswith("alias *"):
        return f"front matter uses a YAML alias ({', '.join(filter(None, [problem[6:], line]))}), which is not accepted; ignored"
    return f"front matter is not valid YAML{f' ({line})' if line else ''}; ignored"


def _parse_yaml(yaml_text: str) -> tuple[dict[str, Any], str | None]:
    """The front matter's mapping, or ``({}, warning)`` when it is not a YAML mapping."""
    import yaml

    try:
        data = yaml.load(yaml_text, Loader=_loader()) if yaml_text.strip() else {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        return {}, _yaml_problem(exc)
    except RecursionError:
        return {}, f"front matter nested more than {MAX_NESTING} levels deep; ignored"
    except ValueError as exc:  # a value PyYAML recognizes but cannot build
        return {}, f"front matter has a value that cannot be read ({str(exc)[:80]}); ignored"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, "front matter is not a mapping of keys to values; ignored"
    if nested_deeper_than(data, MAX_NESTING):
        return {}, f"front matter nested more than {MAX_NESTING} levels deep; ignored"
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
