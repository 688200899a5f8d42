"""Gazetteer records, and reading and validating the YAML files they come from.

The files are YAML with comments (``quotes/gazetteer/data/*.yaml`` are bundled; the format is
documented in ``quotes/gazetteer/data/README.md``). Reading composes the YAML tree and checks
every value against :data:`SCHEMAS`, so each problem is reported with its file, line and field;
later files merge over earlier ones (:func:`merge`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from quotes.errors import GazetteerError
from quotes.normalize import fold, name_key

DATA_PACKAGE = "quotes.gazetteer"
DATA_DIR = "data"

TITLE_KINDS = ("office", "qualified", "many", "rank", "generic")




@dataclass(frozen=True, slots=True)
class GazetteerIssue:
    """One validation problem, located in its file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


# ---- records -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    """A title held in an organization or country. ``end`` is the first day out of office."""

    title: str
    organization: str | None = None
    country: str | None = None
    start: date | None = None
    end: date | None = None

    def active(self, at: date) -> bool:
        """Whether the position was held on ``at`` (unknown start/end = open)."""
        return (self.start is None or self.start <= at) and (self.end is None or at < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A canonical person: ``aliases`` always include ``name``."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    wikidata: str | None = None
    positions: tuple[Position, ...] = ()
    active_from: date | None = None  # first year of public life, where tenure starts later
    active_until: date | None = None  # first day out of public life (death), if it ended

    def public_life(self) -> tuple[date | None, date | None] | None:
        """(start, end) of the years in which news could name this person: from the earliest of
        ``active_from`` and the positions' starts, to ``active_until`` (None = still open).
        None when no start is known, so nothing can be said about a date."""
        starts = [d for d in (self.active_from, *(p.start for p in self.positions)) if d is not None]
        return (min(starts), self.active_until) if starts else None

    def public_at(self, at: date) -> bool:
        """Whether ``at`` lies inside this person's public life (False when it is unknown)."""
        life = self.public_life()
        return life is not None and life[0] is not None and life[0] <= at and (life[1] is None or at < life[1])


@dataclass(frozen=True, slots=True)
class Organization:
    """A body that appears in roles; ``national`` ones are written with a country."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    head: str | None = None
    national: bool = False


@dataclass(frozen=True, slots=True)
class Country:
    """A country with the adjective and aliases roles use."""

    id: str
    name: str
    adjective: str | None = None
    aliases: tuple[str, ...] = ()
    leader: str | None = None


@dataclass(frozen=True, slots=True)
class Title:
    """A lexicon entry: normalized title, printed variants, and how many hold it at once."""

    title: str
    aliases: tuple[str, ...] = ()
    kind: str = "many"


def as_date(value: str | date | datetime | None) -> date | None:
    """A date from ISO text (date or datetime, as articles store it), a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None


# ---- YAML reading with line numbers ------------------------------------------------------

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_STR, _NULL, _BOOL, _TS, _INT = (f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "timestamp", "int"))

# section -> field -> (type, required); type: str, strs (list of str), date, bool, gender, qid,
# slug, kind, positions
SCHEMAS: dict[str, dict[str, tuple[str, bool]]] = {
    "people": {
        # name is required for a new id only: an entry with a known id may just add aliases
        "id": ("slug", True), "name": ("str", False), "aliases": ("strs", False), "gender": ("gender", False),
        "wikidata": ("qid", False), "positions": ("positions", False), "note": ("str", False),
        "active_from": ("year", False), "active_until": ("date", False),
    },
    "position": {
        "title": ("str", True), "organization": ("str", False), "country": ("str", False),
        "start": ("date", False), "end": ("date", False), "note": ("str", False),
    },
    "organizations": {
        "id": ("slug", True), "name": ("str", True), "aliases": ("strs", False), "country": ("str", False),
        "head": ("str", False), "national": ("bool", False), "wikidata": ("qid", False), "note": ("str", False),
    },
    "countries": {
        "id": ("slug", True), "name": ("str", True), "adjective": ("str", False), "aliases": ("strs", False),
        "leader": ("str", False), "wikidata": ("qid", False), "note": ("str", False),
    },
    "titles": {"title": ("str", True), "aliases": ("strs", False), "kind": ("kind", False), "note": ("str", False)},
}  # fmt: skip
TOP_KEYS = ("people", "organizations", "countries", "titles", "role_words")
SECTIONS = ("people", "organizations", "countries", "titles")

# A gazetteer file is hand-written data a few levels deep. These bounds keep a hostile or broken
# file to one clear problem: YAML aliases can make 18 KB stand for millions of values (an alias
# DAG: 3,000 people that are each the same anchor, each with 3,000 positions that are one anchor),
# and PyYAML composes nested collections recursively (a list nested 500 deep overflows the stack).
MAX_DEPTH = 64
MAX_VALUES = 500_000

# libyaml's loader when PyYAML was built with it (about 50 times faster), else the Python one.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_KIND_TEXT = {
    "str": "a string", "slug": "an id string", "date": "an ISO date", "bool": "true or false",
    "gender": "m, f or null", "qid": "a Wikidata QID", "kind": "a title kind", "year": "a year (YYYY)",
}  # fmt: skip


class _Bad:
    """The value of a field that was reported as an issue."""


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes ``node`` stands for once aliases are expanded, counted once per distinct
    node (``sizes`` memoizes), so an alias DAG costs its size in the file, not its expansion."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    sizes[id(node)] = total
    return total


def _too_deep(text: str) -> int | None:
    """The line where ``text`` nests collections deeper than :data:`MAX_DEPTH`, else None.

    Read from the parser's events, which PyYAML produces without recursion; invalid YAML is
    left to the composer to report.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (int(mark.line) if mark is not None else 0) + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


_BAD = _Bad()


@dataclass
class RawData:
    """Entries read from one or more files, with the line of each value for messages."""

    people: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    titles: list[dict[str, Any]] = field(default_factory=list)
    role_words: list[str] = field(default_factory=list)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


class _Reader:
    """Turns a composed YAML tree into plain entries, recording every problem as an issue."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[GazetteerIssue] = []

    def issue(self, node: yaml.Node | int, fld: str, message: str) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.issues.append(GazetteerIssue(self.file, line, fld, message))

    def compose(self, text: str) -> yaml.Node | None:
        """The YAML tree of ``text``, or None (with an issue) when it is not valid YAML."""
        deep = _too_deep(text)
        if deep is not None:
            self.issue(deep, "yaml", f"nested more than {MAX_DEPTH} levels deep (a gazetteer entry needs at most 5)")
            return None
        try:
            return yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.issue(line, "yaml", f"not valid YAML: {problem}")
            return None

    def read(self, text: str) -> RawData:
        raw = RawData()
        root = self.compose(text)
        if root is None:
            return raw
        if not isinstance(root, yaml.MappingNode):
            self.issue(root, "top level", f"expected a mapping with keys {', '.join(TOP_KEYS)}")
            return raw
        sizes: dict[int, int] = {}
        for knode, vnode in root.value:
            if _expanded_size(vnode, sizes) > MAX_VALUES:
                self.issue(vnode, str(knode.value), f"more than {MAX_VALUES:,} values once its aliases (*name) are expanded: "
                                                    "write the entries out instead of repeating anchors")  # fmt: skip
                return raw
        for knode, vnode in root.value:
            self.section(raw, knode, vnode)
        return raw

    def section(self, raw: RawData, knode: yaml.Node, vnode: yaml.Node) -> None:
        """One top-level key and its list of entries."""
        key = knode.value
        if key not in TOP_KEYS:
            self.issue(knode, str(key), f"unknown key (expected one of: {', '.join(TOP_KEYS)})")
        elif key == "role_words":
            raw.role_words.extend(self.scalars(vnode, key) or [])
        elif _is_null(vnode):
            pass
        elif not isinstance(vnode, yaml.SequenceNode):
            self.issue(vnode, key, "expected a list of entries")
        else:
            for i, item in enumerate(vnode.value):
                entry = self.entry(item, key, f"{key}[{i}]")
                if entry is not None:
                    getattr(raw, key).append(entry)

    def entry(self, node: yaml.Node, schema: str, where: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.issue(node, where, "expected a mapping (key: value)")
            return None
        spec = SCHEMAS[schema]
        out: dict[str, Any] = {"_line": _line(node), "_file": self.file, "_lines": {}}
        ident = next((v.value for k, v in node.value if k.value in ("id", "title") and isinstance(v, yaml.ScalarNode)), None)
        if ident is not None and schema != "position":
            where = f"{where.split('[')[0]}[{ident}]"
        out["_where"] = where
        bad = self.fields(node, spec, where, out)
        if not self.required_present(node, spec, where, out):
            return None
        if schema != "position":
            return out
        if bad:
            return None
        start, end = out.get("start"), out.get("end")
        if start and end and end < start:
            self.issue(out["_lines"]["end"], f"{where}.end", f"end {end.isoformat()} is before start {start.isoformat()}")
        return out

    def fields(self, node: yaml.MappingNode, spec: dict[str, tuple[str, bool]], where: str, out: dict[str, Any]) -> bool:
        """Read every key of an entry into ``out``; whether some value was bad."""
        bad = False
        for knode, vnode in node.value:
            key = knode.value
            fld = f"{where}.{key}"
            if key not in spec:
                self.issue(knode, fld, f"unknown key (expected one of: {', '.join(spec)})")
                continue
            if key in out:
                self.issue(knode, fld, "key given twice")
                continue
            value = self.value(vnode, spec[key][0], fld)
            out["_lines"][key] = _line(vnode)
            if value is _BAD:
                bad = True
            else:
                out[key] = value
        return bad

    def required_present(self, node: yaml.Node, spec: dict[str, tuple[str, bool]], where: str, out: dict[str, Any]) -> bool:
        """Whether every required field has a value (reporting the first one that has not)."""
        for key, (_, required) in spec.items():
            if not required or out.get(key) not in (None, ""):
                continue
            if key in out["_lines"] and key not in out:
                return False  # reported already as a bad value
            if key not in out:
                self.issue(node, f"{where}.{key}", "missing (required)")
            else:
                self.issue(out["_lines"].get(key, out["_line"]), f"{where}.{key}", "must not be empty")
            return False
        return True

    def value(self, node: yaml.Node, kind: str, fld: str) -> Any:
        if kind == "strs":
            return self.scalars(node, fld)
        if kind == "positions":
            return self.positions(node, fld)
        if not isinstance(node, yaml.ScalarNode):
            self.issue(node, fld, f"expected {_KIND_TEXT[kind]}, got a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return _BAD
        if _is_null(node):
            return None
        if kind == "date":
            return self.iso_date(node, fld)
        if kind == "year":
            return self.year(node, fld)
        if kind == "bool":
            if node.tag != _BOOL:
                self.issue(node, fld, f"expected true or false, got {node.value!r}")
                return _BAD
            return node.value.strip().lower() in ("true", "yes", "on")
        return self.text(node, kind, fld)

    def positions(self, node: yaml.Node, fld: str) -> Any:
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.issue(node, fld, "expected a list of positions")
            return _BAD
        positions = []
        for j, item in enumerate(node.value):
            pos = self.entry(item, "position", f"{fld}[{j}]")
            if pos is not None:
                positions.append(pos)
        return positions

    def iso_date(self, node: yaml.ScalarNode, fld: str) -> date | _Bad:
        text = node.value.strip()
        if node.tag not in (_STR, _TS):
            self.issue(node, fld, f"expected an ISO date (YYYY-MM-DD), got {node.value!r}")
            return _BAD
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.issue(node, fld, f"not an ISO date (YYYY-MM-DD): {node.value!r}")
            return _BAD
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            self.issue(node, fld, f"not a valid date: {node.value!r} ({exc})")
            return _BAD

    def year(self, node: yaml.ScalarNode, fld: str) -> date | _Bad:
        """A year as a date (its first day): ``active_from: 1993``."""
        text = node.value.strip()
        if node.tag not in (_INT, _STR) or not re.fullmatch(r"\d{4}", text) or not 1000 <= int(text) <= 2999:
            self.issue(node, fld, f"expected a year (YYYY), got {node.value!r}")
            return _BAD
        return date(int(text), 1, 1)

    def text(self, node: yaml.ScalarNode, kind: str, fld: str) -> str | _Bad:
        """A string field, checked against the form its kind requires."""
        text = node.value.strip()
        if node.tag != _STR:
            self.issue(node, fld, f"expected {_KIND_TEXT[kind]}, got {node.value!r}")
            return _BAD
        problem = _text_problem(kind, text)
        if problem:
            self.issue(node, fld, problem)
            return _BAD
        return text

    def scalars(self, node: yaml.Node, fld: str) -> list[str] | None:
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.issue(node, fld, "expected a list of strings")
            return None
        out = []
        for j, item in enumerate(node.value):
            if not isinstance(item, yaml.ScalarNode) or _is_null(item) or not item.value.strip():
                self.issue(item, f"{fld}[{j}]", "expected a non-empty string")
            elif item.tag != _STR:
                self.issue(item, f"{fld}[{j}]", f"expected a string, got {item.value!r} (quote it)")
            else:
                out.append(item.value.strip())
        return out


def _text_problem(kind: str, text: str) -> str | None:
    """What is wrong with a string value of ``kind``, or None."""
    if kind == "slug" and not _ID.match(text):
        return f"id must be a lower-case slug like 'jens-stoltenberg', got {text!r}"
    if kind == "gender" and text not in ("m", "f"):
        return f"gender must be m, f or null, got {text!r}"
    if kind == "qid" and not _QID.match(text):
        return f"not a Wikidata QID (Q followed by digits): {text!r}"
    if kind == "kind" and text not in TITLE_KINDS:
        return f"kind must be one of {', '.join(TITLE_KINDS)}, got {text!r}"
    return None


# ---- files -------------------------------------------------------------------------------


def read_text(path: Path | Traversable, label: str) -> str:
    """A gazetteer file's text; :class:`GazetteerError` with one clear line when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GazetteerError(f"{label}: no such gazetteer file") from exc
    except IsADirectoryError as exc:
        raise GazetteerError(f"{label}: is a directory, not a gazetteer file") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{label}:1: file: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise GazetteerError(f"{label}: cannot read gazetteer file ({exc.strerror or exc})") from exc


def bundled_files() -> list[tuple[str, Traversable]]:
    """(label, file) of the bundled data files, in name order (the installed package data)."""
    root = resources.files(DATA_PACKAGE).joinpath(DATA_DIR)
    files = sorted((p for p in root.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)
    return [(f"gazetteer/{p.name}", p) for p in files]


def read_files(sources: Sequence[tuple[str, Path | Traversable]]) -> tuple[list[RawData], list[GazetteerIssue]]:
    """The entries of each file, and the problems found while reading them."""
    raws, issues = [], []
    for label, path in sources:
        reader = _Reader(label)
        raws.append(reader.read(read_text(path, label)))
        issues.extend(reader.issues)
    return raws, issues


# ---- checks across entries and files -----------------------------------------------------


def _issue_at(entry: dict[str, Any], fld: str, message: str) -> GazetteerIssue:
    """An issue about field ``fld`` (``aliases[2]``) of an entry, at the line of that field."""
    line = entry["_lines"].get(fld.split("[")[0], entry["_line"])
    return GazetteerIssue(entry["_file"], line, f"{entry['_where']}.{fld}", message)


def _duplicate_ids(raw: RawData) -> list[GazetteerIssue]:
    """Ids (titles for the title lexicon) given twice within one file."""
    issues = []
    for section in SECTIONS:
        seen: dict[str, int] = {}
        for entry in getattr(raw, section):
            ident = entry.get("id") or fold(entry.get("title", ""))
            if ident in seen:
                issues.append(_issue_at(entry, "id", f"duplicate id {ident!r} (first at line {seen[ident]})"))
            seen.setdefault(ident, entry["_line"])
    return issues


def _person_names(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, name) of a person entry's name and aliases."""
    names = [("name", entry["name"])] if entry.get("name") else []
    return names + [(f"aliases[{i}]", a) for i, a in enumerate(entry.get("aliases") or [])]


class _AliasCheck:
    """Aliases shared by two people, and new people without a name, across files in order."""

    def __init__(self) -> None:
        self.owner: dict[str, tuple[str, str]] = {}  # alias key -> (person id, where)
        self.known: set[str] = set()

    def person(self, entry: dict[str, Any], report: bool) -> list[GazetteerIssue]:
        issues = []
        pid = entry["id"]
        if not entry.get("name") and "name" not in entry["_lines"] and pid not in self.known:
            issues.append(GazetteerIssue(entry["_file"], entry["_line"], f"{entry['_where']}.name", "missing (required for a new id)"))
        self.known.add(pid)
        for fld, alias in _person_names(entry):
            key = name_key(alias)
            if not key:
                issues.append(_issue_at(entry, fld, f"{alias!r} has no letters"))
                continue
            prev = self.owner.setdefault(key, (pid, f"{entry['_file']}:{entry['_line']}"))
            if prev[0] != pid:
                issues.append(_issue_at(entry, fld, f"alias {alias!r} is also an alias of {prev[0]!r} ({prev[1]})"))
        return issues if report else []


def cross_issues(raws: Sequence[RawData], report_from: int = 0) -> list[GazetteerIssue]:
    """Duplicate ids within one file and aliases shared by two people across all files.

    Only entries of ``raws[report_from:]`` are reported (earlier ones are the base data).
    """
    issues: list[GazetteerIssue] = []
    aliases = _AliasCheck()
    for n, raw in enumerate(raws):
        report = n >= report_from
        if report:
            issues.extend(_duplicate_ids(raw))
        for entry in raw.people:
            issues.extend(aliases.person(entry, report))
    return issues


def merge(raws: Sequence[RawData]) -> RawData:
    """Later files override scalar fields of earlier entries with the same id and extend lists."""
    out = RawData()
    for section in SECTIONS:
        merged: dict[str, dict[str, Any]] = {}
        for raw in raws:
            for entry in getattr(raw, section):
                key = fold(entry["title"]) if section == "titles" else entry["id"]
                if key in merged:
                    _merge_entry(merged[key], entry)
                else:
                    merged[key] = {k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()}
        setattr(out, section, list(merged.values()))
    for raw in raws:
        out.role_words.extend(w for w in raw.role_words if w not in out.role_words)
    return out


def _merge_entry(base: dict[str, Any], entry: dict[str, Any]) -> None:
    for k, v in entry.items():
        if k.startswith("_"):
            continue
        if k in ("aliases", "positions"):
            have = list(base.get(k) or [])
            base[k] = have + [x for x in v or [] if x not in have]
        else:
            base[k] = v


# ---- validation --------------------------------------------------------------------------


def validate(path: str | Path, *, against_bundled: bool = True) -> list[GazetteerIssue]:
    """Problems in a gazetteer file, each with file, line and field.

    Checks YAML syntax, unknown keys, wrong types, ids that are not slugs, duplicate ids, bad
    dates (unparseable, end before start) and aliases shared by two people, within the file
    and, with ``against_bundled``, against the bundled data it will be merged over. A missing
    or unreadable file is one issue at line 1.
    """
    label = str(path)
    try:
        text = read_text(Path(path), label)
    except GazetteerError as exc:
        message = str(exc)[len(label) :].removeprefix(":1").removeprefix(": ").removeprefix("file: ")
        return [GazetteerIssue(label, 1, "file", message)]
    raws: list[RawData] = []
    report_from = 0
    if against_bundled:
        raws, _ = read_files(bundled_files())
        report_from = len(raws)
    reader = _Reader(label)
    raws.append(reader.read(text))
    return sorted(reader.issues + cross_issues(raws, report_from), key=lambda i: (i.file, i.line))


def validate_bundled() -> list[GazetteerIssue]:
    """Problems in the bundled data files, checked together."""
    raws, issues = read_files(bundled_files())
    return sorted(issues + cross_issues(raws), key=lambda i: (i.file, i.line))
