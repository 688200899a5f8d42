"""The gazetteer: canonical people, organizations, countries and titles with tenure.

It maps names and titles as printed in an article to one canonical person, so that every quote
of Jens Stoltenberg carries ``speaker_id = "jens-stoltenberg"`` however the article names him
("Stoltenberg", "the NATO secretary-general", "Jens Stoltenberg's").

The data is YAML with comments (``gazetteer/*.yaml``, shipped as ``quotes.gazetteer_data``; the
format is documented in ``gazetteer/README.md``). User files given with ``--gazetteer FILE``
merge over the bundled data: an entry with a known id overrides its scalar fields and extends
its aliases and positions.

Resolution order (:meth:`Gazetteer.resolve`): exact alias (case, diacritics, possessive and
"Mr."/"Dr." insensitive), then every word of the mention matched against the words of one alias
(exactly, by initial, or by rapidfuzz for spelling variants), then role / organization / tenure
at the article's date decide between candidates. Matches weaker than an exact alias or a unique
surname need the role to agree; anything still ambiguous is ``None``, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from quotes.errors import QuotesError

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "GazetteerIssue",
    "Organization",
    "Person",
    "Position",
    "Role",
    "Suggestion",
    "default_gazetteer",
    "fold",
    "load_gazetteer",
    "match_query",
    "normalize_role",
    "parse_role",
    "resolve",
    "resolve_title",
    "suggest",
    "title_words",
    "validate",
    "validate_bundled",
]

DATA_PACKAGE = "quotes.gazetteer_data"

# Similarity (rapidfuzz ``fuzz.ratio``, 0-100) a word needs to count as a spelling variant:
# Pashinian/Pashinyan scores 89, Aliev/Aliyev 91, while Clifton/Clinton scores 86.
FUZZY_CUTOFF = 88.0
# Whole-query similarity for ``match_query`` (``fuzz.token_sort_ratio``): "Stoltenberg Jens".
QUERY_CUTOFF = 85.0

# Match strength of a name against one person's aliases.
EXACT, SURNAME, FUZZY_SURNAME, PARTIAL = 4, 3, 2, 1

TITLE_KINDS = ("office", "qualified", "many", "rank", "generic")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "madame", "mme", "lord", "lady"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words before a title that are part of it ("Deputy Assistant Secretary-General").
MODIFIERS = ("deputy", "assistant", "acting", "first", "vice", "principal", "senior", "chief")
FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "one-time", "outgoing"})
# Words a role may start with that carry nothing ("the", "then-", "its").
ROLE_FILLER = frozenset({"the", "a", "an", "then", "his", "her", "its", "their", "our", "current", "new", "newly", "appointed", "incoming", "interim", "top", "senior"})


class GazetteerError(QuotesError):
    """A gazetteer file that cannot be read or does not validate."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class GazetteerIssue:
    """One validation problem, located in its file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


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

    def positions_at(self, at: str | date | None) -> tuple[Position, ...]:
        """The positions held on ``at`` (all of them when ``at`` is None)."""
        d = as_date(at)
        return self.positions if d is None else tuple(p for p in self.positions if p.active(d))


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


@dataclass(frozen=True, slots=True)
class Role:
    """A parsed role: what :func:`normalize_role` returns, with the parts it was built from.

    ``title`` is the normalized title with its modifiers and qualifier ("Deputy Assistant
    Secretary-General for Political Affairs"); ``organization`` the organization's canonical
    name (national bodies as "<adjective> <name>": "Azerbaijani Defense Ministry"); ``country``
    the country named or implied; ``kind`` the lexicon kind of the head title.
    """

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    former: bool = False
    org_head: str | None = None
    org_national: bool = False

    @property
    def empty(self) -> bool:
        return not (self.title or self.organization or self.country)

    @property
    def owner(self) -> str | None:
        """The organization, or for national offices the country."""
        return self.organization or self.country


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A speaker or title seen in a corpus that the gazetteer does not know."""

    kind: str  # "person" or "title"
    name: str
    count: int
    documents: tuple[str, ...]
    roles: tuple[str, ...] = ()
    entry: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_yaml(self) -> str:
        """The entry as YAML lines for a ``people:`` or ``titles:`` list, with a comment."""
        docs = ", ".join(self.documents[:3]) + (", ..." if len(self.documents) > 3 else "")
        seen = f"seen {self.count} time{'s' if self.count != 1 else ''} in {len(self.documents)} document{'s' if len(self.documents) != 1 else ''} ({docs})"
        if self.roles:
            seen += "; roles as printed: " + "; ".join(self.roles[:3])
        body = yaml.safe_dump([self.entry], sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
        lines = [f"  # {seen}"] + ["  " + line for line in body.rstrip("\n").splitlines()]
        return "\n".join(lines)


# ---- text folding ------------------------------------------------------------------------

_SPECIAL = str.maketrans(
    {
        "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
        "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d",
        "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00ad": "",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics (Erdoğan -> erdogan, Əliyev -> eliyev, ’ -> ')."""
    t = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in t if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name as matched: folded, no possessive, honorifics and Jr. dropped."""
    t = fold(text)
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"(?<=s)'(?=\s|$)", "", t)
    t = t.replace("'", "")
    toks = re.findall(r"[^\W_]+", t)
    while toks and toks[0] in HONORIFICS:
        toks.pop(0)
    return tuple(tok for tok in toks if tok not in NAME_SUFFIXES)


def name_key(text: str) -> str:
    return " ".join(name_tokens(text))


def slug(text: str) -> str:
    """A stable id for a name: ``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text).replace("'", "")))


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


# ---- role tokens -------------------------------------------------------------------------

_TOKEN = re.compile(r"'s|,|;|\(|\)|[^\W_]+(?:[.'/][^\W_]+)*\.?")


@dataclass(frozen=True, slots=True)
class _Tok:
    key: str  # folded, no dots or apostrophes
    start: int
    end: int


def _prep(text: str) -> str:
    """Curly quotes to straight, possessives split off as their own token."""
    t = text.translate(_SPECIAL)
    t = re.sub(r"(?<=\w)'s\b", " 's", t)
    t = re.sub(r"(?<=\ws)'(?=\s|$|,)", " 's", t)
    return t


def _role_tokens(text: str) -> list[_Tok]:
    """Tokens of ``text`` (already :func:`_prep` ed); hyphenated words are split in two."""
    out = []
    for m in _TOKEN.finditer(text):
        key = fold(m.group()).replace(".", "").replace("'", "") if m.group() != "'s" else "'s"
        if key:
            out.append(_Tok(key, m.start(), m.end()))
    return out


def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in _role_tokens(_prep(text)))


# ---- YAML reading with line numbers ------------------------------------------------------

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_STR, _NULL, _BOOL, _TS = (f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "timestamp"))

# field -> (type, required); type: str, strs (list of str), date, bool, gender, qid, slug, kind, list
_SCHEMAS: dict[str, dict[str, tuple[str, bool]]] = {
    "people": {
        # name is required for a new id only: an entry with a known id may just add aliases
        "id": ("slug", True), "name": ("str", False), "aliases": ("strs", False), "gender": ("gender", False),
        "wikidata": ("qid", False), "positions": ("positions", False), "note": ("str", False),
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
_TOP = ("people", "organizations", "countries", "titles", "role_words")


@dataclass
class _Raw:
    """Entries read from one or more files, with the line of each value for messages."""

    people: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    titles: list[dict[str, Any]] = field(default_factory=list)
    role_words: list[str] = field(default_factory=list)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Turns a composed YAML tree into plain entries, recording every problem as an issue."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[GazetteerIssue] = []

    def issue(self, node: yaml.Node | int, fld: str, message: str) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.issues.append(GazetteerIssue(self.file, line, fld, message))

    def read(self, text: str) -> _Raw:
        raw = _Raw()
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.issue(line, "yaml", f"not valid YAML: {problem}")
            return raw
        if root is None:
            return raw
        if not isinstance(root, yaml.MappingNode):
            self.issue(root, "top level", f"expected a mapping with keys {', '.join(_TOP)}")
            return raw
        for knode, vnode in root.value:
            key = knode.value
            if key not in _TOP:
                self.issue(knode, str(key), f"unknown key (expected one of: {', '.join(_TOP)})")
                continue
            if key == "role_words":
                raw.role_words.extend(self.scalars(vnode, key) or [])
                continue
            if _is_null(vnode):
                continue
            if not isinstance(vnode, yaml.SequenceNode):
                self.issue(vnode, key, "expected a list of entries")
                continue
            for i, item in enumerate(vnode.value):
                entry = self.entry(item, key, f"{key}[{i}]")
                if entry is not None:
                    getattr(raw, key).append(entry)
        return raw

    def entry(self, node: yaml.Node, schema: str, where: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.issue(node, where, "expected a mapping (key: value)")
            return None
        spec = _SCHEMAS[schema]
        out: dict[str, Any] = {"_line": _line(node), "_file": self.file, "_lines": {}}
        bad = False
        ident = next((v.value for k, v in node.value if k.value in ("id", "title") and isinstance(v, yaml.ScalarNode)), None)
        if ident is not None and schema != "position":
            where = f"{where.split('[')[0]}[{ident}]"
        out["_where"] = where
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
        for key, (_, required) in spec.items():
            if required and out.get(key) in (None, ""):
                if key in out["_lines"] and key not in out:
                    return None  # reported already as a bad value
                if key not in out:
                    self.issue(node, f"{where}.{key}", "missing (required)")
                else:
                    self.issue(out["_lines"].get(key, out["_line"]), f"{where}.{key}", "must not be empty")
                return None
        if bad and schema == "position":
            return None
        if schema == "position":
            start, end = out.get("start"), out.get("end")
            if start and end and end < start:
                self.issue(out["_lines"]["end"], f"{where}.end", f"end {end.isoformat()} is before start {start.isoformat()}")
        return out

    def value(self, node: yaml.Node, kind: str, fld: str) -> Any:
        if kind == "strs":
            return self.scalars(node, fld)
        if kind == "positions":
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
        if not isinstance(node, yaml.ScalarNode):
            self.issue(node, fld, f"expected {_KIND_TEXT[kind]}, got a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return _BAD
        if _is_null(node):
            return None
        text = node.value.strip()
        if kind == "date":
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
        if kind == "bool":
            if node.tag != _BOOL:
                self.issue(node, fld, f"expected true or false, got {node.value!r}")
                return _BAD
            return text.lower() in ("true", "yes", "on")
        if node.tag != _STR:
            self.issue(node, fld, f"expected {_KIND_TEXT[kind]}, got {node.value!r}")
            return _BAD
        if kind == "slug" and not _ID.match(text):
            self.issue(node, fld, f"id must be a lower-case slug like 'jens-stoltenberg', got {text!r}")
            return _BAD
        if kind == "gender" and text not in ("m", "f"):
            self.issue(node, fld, f"gender must be m, f or null, got {text!r}")
            return _BAD
        if kind == "qid" and not _QID.match(text):
            self.issue(node, fld, f"not a Wikidata QID (Q followed by digits): {text!r}")
            return _BAD
        if kind == "kind" and text not in TITLE_KINDS:
            self.issue(node, fld, f"kind must be one of {', '.join(TITLE_KINDS)}, got {text!r}")
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


_BAD = object()
_KIND_TEXT = {
    "str": "a string", "slug": "an id string", "date": "an ISO date", "bool": "true or false",
    "gender": "m, f or null", "qid": "a Wikidata QID", "kind": "a title kind",
}  # fmt: skip


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _read_text(path: Path | Any, label: str) -> str:
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


def _bundled_files() -> list[tuple[str, Any]]:
    root = resources.files(DATA_PACKAGE)
    files = sorted((p for p in root.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)
    return [(f"gazetteer/{p.name}", p) for p in files]


def _read_files(sources: Sequence[tuple[str, Any]]) -> tuple[list[_Raw], list[GazetteerIssue]]:
    raws, issues = [], []
    for label, path in sources:
        reader = _Reader(label)
        raws.append(reader.read(_read_text(path, label)))
        issues.extend(reader.issues)
    return raws, issues


def _cross_issues(raws: Sequence[_Raw], report_from: int = 0) -> list[GazetteerIssue]:
    """Duplicate ids within one file and aliases shared by two people across all files.

    Only entries of ``raws[report_from:]`` are reported (earlier ones are the base data).
    """
    issues: list[GazetteerIssue] = []
    owner: dict[str, tuple[str, str]] = {}  # alias key -> (person id, where)
    known: set[str] = set()
    for n, raw in enumerate(raws):
        report = n >= report_from
        for section in ("people", "organizations", "countries", "titles"):
            seen: dict[str, int] = {}
            for entry in getattr(raw, section):
                ident = entry.get("id") or fold(entry.get("title", ""))
                if ident in seen and report:
                    issues.append(
                        GazetteerIssue(entry["_file"], entry["_lines"].get("id", entry["_line"]), f"{entry['_where']}.id",
                                       f"duplicate id {ident!r} (first at line {seen[ident]})")
                    )  # fmt: skip
                seen.setdefault(ident, entry["_line"])
        for entry in raw.people:
            pid = entry["id"]
            if not entry.get("name") and "name" not in entry["_lines"] and pid not in known and report:
                issues.append(GazetteerIssue(entry["_file"], entry["_line"], f"{entry['_where']}.name", "missing (required for a new id)"))
            known.add(pid)
            names = ([("name", entry["name"])] if entry.get("name") else []) + [(f"aliases[{i}]", a) for i, a in enumerate(entry.get("aliases") or [])]
            for fld, alias in names:
                key = name_key(alias)
                if not key:
                    if report:
                        issues.append(GazetteerIssue(entry["_file"], entry["_lines"].get(fld.split("[")[0], entry["_line"]), f"{entry['_where']}.{fld}", f"{alias!r} has no letters"))
                    continue
                prev = owner.get(key)
                if prev is not None and prev[0] != pid and report:
                    issues.append(
                        GazetteerIssue(entry["_file"], entry["_lines"].get(fld.split("[")[0], entry["_line"]), f"{entry['_where']}.{fld}",
                                       f"alias {alias!r} is also an alias of {prev[0]!r} ({prev[1]})")
                    )  # fmt: skip
                owner.setdefault(key, (pid, f"{entry['_file']}:{entry['_line']}"))
    return issues


# ---- the gazetteer -----------------------------------------------------------------------


def _merge(raws: Sequence[_Raw]) -> _Raw:
    """Later files override scalar fields of earlier entries with the same id and extend lists."""
    out = _Raw()
    for section, ident in (("people", "id"), ("organizations", "id"), ("countries", "id"), ("titles", "title")):
        merged: dict[str, dict[str, Any]] = {}
        for raw in raws:
            for entry in getattr(raw, section):
                key = entry[ident] if ident == "id" else fold(entry[ident])
                if key not in merged:
                    merged[key] = {k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()}
                    continue
                base = merged[key]
                for k, v in entry.items():
                    if k.startswith("_"):
                        continue
                    if k in ("aliases", "positions"):
                        base[k] = list(base.get(k) or []) + [x for x in v or [] if x not in (base.get(k) or [])]
                    else:
                        base[k] = v
        setattr(out, section, list(merged.values()))
    for raw in raws:
        out.role_words.extend(w for w in raw.role_words if w not in out.role_words)
    return out


class Gazetteer:
    """People, organizations, countries and titles, indexed for resolution.

    Build one with :meth:`load` (bundled data plus user files) or use :func:`default_gazetteer`.
    Instances are immutable after construction and safe to share between threads and pickle.
    """

    def __init__(self, raw: _Raw, sources: Sequence[str] = ()) -> None:
        self.sources = tuple(sources)
        self._lexicon: dict[tuple[str, ...], list[tuple[str, Any]]] = defaultdict(list)
        self.titles: dict[str, Title] = {}
        for e in raw.titles:
            t = Title(e["title"], tuple(e.get("aliases") or ()), e.get("kind") or "many")
            self.titles[fold(t.title)] = t
            for alias in {t.title, *t.aliases}:
                self._add_lex(alias, "title", t)
        self.countries: dict[str, Country] = {}
        self._country_by_key: dict[str, Country] = {}
        for e in raw.countries:
            c = Country(e["id"], e["name"], e.get("adjective"), tuple(e.get("aliases") or ()), e.get("leader"))
            self.countries[c.id] = c
            for alias in {c.name, *(c.aliases), *([c.adjective] if c.adjective else [])}:
                self._add_lex(alias, "country", c)
                self._country_by_key[" ".join(_phrase_key(alias))] = c
        self.organizations: dict[str, Organization] = {}
        self._org_by_key: dict[str, Organization] = {}
        for e in raw.organizations:
            country = self._country(e.get("country"))
            o = Organization(e["id"], e["name"], tuple(e.get("aliases") or ()), country.name if country else e.get("country"),
                             e.get("head"), bool(e.get("national")))  # fmt: skip
            self.organizations[o.id] = o
            for alias in {o.name, *o.aliases}:
                self._add_lex(alias, "org", o)
                self._org_by_key[" ".join(_phrase_key(alias))] = o
        self._max_lex = max((len(k) for k in self._lexicon), default=1)
        self._role_words = frozenset(w.lower() for w in raw.role_words)

        self.people: dict[str, Person] = {}
        for e in raw.people:
            positions = tuple(self._position(p) for p in e.get("positions") or ())
            aliases = tuple(dict.fromkeys([e["name"], *(e.get("aliases") or ())]))
            self.people[e["id"]] = Person(e["id"], e["name"], aliases, e.get("gender"), e.get("wikidata"), positions)
        self._build_name_index()

    # -- construction helpers

    def _add_lex(self, alias: str, kind: str, value: Any) -> None:
        key = _phrase_key(alias)
        if key and (kind, value) not in self._lexicon[key]:
            self._lexicon[key].append((kind, value))

    def _country(self, text: str | None) -> Country | None:
        return self._country_by_key.get(" ".join(_phrase_key(text))) if text else None

    def _org(self, text: str | None) -> Organization | None:
        return self._org_by_key.get(" ".join(_phrase_key(text))) if text else None

    def _org_display(self, org: Organization, country: Country | None) -> str:
        if org.national and country is not None:
            return f"{country.adjective or country.name} {org.name}"
        return org.name

    def _position(self, e: dict[str, Any]) -> Position:
        """A position with title, organization and country in their canonical forms."""
        country = self._country(e.get("country"))
        org = self._org(e.get("organization"))
        if country is None and org is not None and org.country:
            country = self._country(org.country)
        role = self._parse_part(_prep(e["title"]), _role_tokens(_prep(e["title"])), title_only=True)
        title = role.title or e["title"]
        org_name = self._org_display(org, country) if org else e.get("organization")
        country_name = country.name if country else e.get("country")
        return Position(title, org_name, country_name, e.get("start"), e.get("end"))

    def _build_name_index(self) -> None:
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._aliases: list[tuple[str, tuple[str, ...]]] = []  # (person id, alias tokens)
        self._by_token: dict[str, set[int]] = defaultdict(set)  # token -> indexes into _aliases
        for person in self.people.values():
            for alias in person.aliases:
                toks = name_tokens(alias)
                if not toks:
                    continue
                self._exact[" ".join(toks)].add(person.id)
                idx = len(self._aliases)
                self._aliases.append((person.id, toks))
                for tok in toks:
                    self._by_token[tok].add(idx)
        self._vocab = sorted(self._by_token)
        self._alias_keys = sorted(self._exact)

    # -- loading

    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, bundled: bool = True) -> "Gazetteer":
        """The bundled data (unless ``bundled=False``) with ``extra`` files merged over it, in order.

        Raises :class:`GazetteerError` (``FILE:LINE: field: message``) when a file is missing,
        malformed, or clashes with the data before it (an alias of another person).
        """
        base = _bundled_files() if bundled else []
        user = [(str(p), Path(p)) for p in extra]
        raws, issues = _read_files(base + user)
        issues += _cross_issues(raws)
        if issues:
            more = f" (and {len(issues) - 1} more problem{'s' if len(issues) > 2 else ''}: run 'quotes gazetteer check')" if len(issues) > 1 else ""
            raise GazetteerError(f"{issues[0]}{more}")
        return cls(_merge(raws), [label for label, _ in base + user])

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people.values())

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.people

    def get(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return self.people.get(person_id)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_lexicon"] = dict(state["_lexicon"])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lexicon = defaultdict(list, self._lexicon)

    # -- titles and roles

    def title_words(self) -> frozenset[str]:
        """Lower-case head nouns of titles and role words ("minister", "secretary-general", "chief").

        For each title and alias: the word before "of"/"for"/"to" if any, else the last word, in
        hyphenated and split form, plus the ``role_words`` of the data. Abbreviations with dots
        are left out ("gen." is not a noun the extractor sees as a head).
        """
        words: set[str] = set(self._role_words)
        for t in self.titles.values():
            for alias in (t.title, *t.aliases):
                if "." in alias or "/" in alias:
                    continue
                low = fold(alias)
                words.add(re.split(r"\s+(?:of|for|to|in|on)\s+", low)[0].split()[-1])
        return frozenset(w for w in words if len(w) > 2 or w in ("pm", "mp", "fm", "vp"))

    def _scan(self, toks: Sequence[_Tok]) -> list[tuple[str, Any, int, int]]:
        """Longest-match items over tokens: (kind, value, i, j) with kind title/org/country/word."""
        items: list[tuple[str, Any, int, int]] = []
        i = 0
        while i < len(toks):
            for n in range(min(self._max_lex, len(toks) - i), 0, -1):
                key = tuple(t.key for t in toks[i : i + n])
                hits = self._lexicon.get(key)
                if hits:
                    # A phrase that is both a country and an org ("the House"?) counts as the org.
                    kind, value = sorted(hits, key=lambda h: ("title", "org", "country").index(h[0]))[0]
                    items.append((kind, value, i, i + n))
                    i += n
                    break
            else:
                items.append(("poss" if toks[i].key == "'s" else "word", toks[i].key, i, i + 1))
                i += 1
        return items

    def parse_role(self, role: str | None) -> Role:
        """Parse a role as printed into title, organization and country (see :class:`Role`).

        Conventions (documented in gazetteer/README.md):
        - the title is the head of the last possessive segment: "the NATO secretary-general's
          special representative for the Caucasus" is a Special Representative (qualifier "for
          the Caucasus"), organization NATO;
        - of adjacent titles the last one that is not a rank is the head ("Secretary General
          spokesman" is a Spokesperson); "Deputy", "Assistant", "Acting" ... before it are kept;
        - "Chief", "Head", "Leader" stand for the organization's head title (NATO chief =
          Secretary-General, "Azerbaijani Defense Ministry's Chief" = Defense Minister) or the
          country's leader ("the Armenian leader" = Prime Minister);
        - "of <organization or country>" after the title names the owner ("President of the
          European Council"); any other "of/for/to/on ..." is part of the title;
        - comma-separated parts are parsed apart and an office is preferred over a rank
          ("Azerbaijani Defense Ministry's Chief, Colonel General" = Defense Minister).
        """
        if not role or not role.strip():
            return Role()
        text = _prep(role)
        toks = _role_tokens(text)
        parts: list[list[_Tok]] = [[]]
        for t in toks:
            if t.key in (",", ";", "(", ")"):
                parts.append([])
            else:
                parts[-1].append(t)
        parsed = [self._parse_part(text, p) for p in parts if p]
        if not parsed:
            return Role()
        rank_order = {"office": 0, "qualified": 0, "many": 1, "generic": 2, "rank": 3, None: 4}
        best = min(parsed, key=lambda r: rank_order.get(r.kind, 4))
        org = best.organization or next((r.organization for r in parsed if r.organization), None)
        country = best.country or next((r.country for r in parsed if r.country), None)
        if org == best.organization and country == best.country:
            return best
        extra = next((r for r in parsed if r.organization == org), best)
        return Role(best.title, org, country, best.qualifier, best.kind, any(r.former for r in parsed),
                    best.org_head or extra.org_head, best.org_national or extra.org_national)  # fmt: skip

    def _parse_part(self, text: str, toks: Sequence[_Tok], *, title_only: bool = False) -> Role:
        items = self._scan(toks)
        former = any(it[0] == "word" and it[1] in FORMER for it in items)
        poss = [k for k, it in enumerate(items) if it[0] == "poss"]
        seg_start = poss[-1] + 1 if poss else 0
        # the title segment is the last one holding a title; owners are the segments before it
        titled = [k for k, it in enumerate(items) if it[0] == "title"]
        if titled and titled[-1] < seg_start:
            seg_start = max([p + 1 for p in poss if p < titled[-1]], default=0)
        head_k = None
        run: list[int] = []
        for k in range(seg_start, len(items)):
            if items[k][0] == "title":
                run.append(k)
            elif run:
                break
        if run:
            non_rank = [k for k in run if items[k][1].kind not in ("rank", "generic")]
            head_k = (non_rank or [k for k in run if items[k][1].kind != "rank"] or run)[-1]
        title: str | None = None
        kind: str | None = None
        qualifier: str | None = None
        end_k = len(items)
        owner_org: Organization | None = None
        owner_country: Country | None = None
        if head_k is not None:
            entry: Title = items[head_k][1]
            title, kind = entry.title, entry.kind
            # modifiers: words (or one-word titles such as "deputy"/"chief") right before the run
            mods = []
            k = run[0] - 1 if head_k == run[-1] else head_k - 1
            while k >= seg_start and items[k][0] in ("word", "title"):
                words = [t.key for t in toks[items[k][2] : items[k][3]]]
                if len(words) == 1 and words[0] in MODIFIERS and not (items[k][0] == "title" and items[k][1].kind not in ("generic",)):
                    mods.insert(0, words[0].capitalize())
                    k -= 1
                else:
                    break
            # after the head: "of <org/country>" names the owner, any other preposition qualifies
            k = head_k + 1
            if k < len(items) and items[k][0] == "word" and items[k][1] in ("of", "for", "to", "on", "in", "at"):
                nxt = k + 1
                if nxt < len(items) and items[nxt][0] == "word" and items[nxt][1] == "the":
                    nxt += 1
                if items[k][1] == "of" and nxt < len(items) and items[nxt][0] in ("org", "country"):
                    if items[nxt][0] == "org":
                        owner_org = items[nxt][1]
                    else:
                        owner_country = items[nxt][1]
                    end_k = nxt + 1
                else:
                    last = items[-1]
                    qualifier = text[toks[items[k][2]].start : toks[last[3] - 1].end].strip()
                    end_k = k
            if mods and not title.lower().startswith(mods[-1].lower()):
                title = " ".join(mods) + " " + title
                if kind == "office" and any(m in ("Deputy", "Assistant", "Vice") for m in mods):
                    kind = "qualified"  # there are several deputies of one office
        if title_only:
            return Role(f"{title} {qualifier}" if title and qualifier else title, kind=kind, qualifier=qualifier)
        scope = items[:end_k]
        org = owner_org or next((it[1] for it in scope if it[0] == "org"), None)
        country = owner_country or next((it[1] for it in scope if it[0] == "country"), None)
        if country is None and org is not None and org.country:
            country = self._country(org.country)
        if kind == "generic":
            mapped = org.head if org is not None and org.head else (country.leader if country is not None and country.leader else None)
            if mapped:
                entry = self.titles.get(fold(mapped))
                title, kind = (entry.title, entry.kind) if entry else (mapped, "office")
        full_title = f"{title} {qualifier}" if title and qualifier else title
        return Role(
            title=full_title,
            organization=self._org_display(org, country) if org else None,
            country=country.name if country else None,
            qualifier=qualifier,
            kind=kind,
            former=former,
            org_head=org.head if org else None,
            org_national=bool(org and org.national),
        )

    def normalize_role(self, role: str | None) -> tuple[str | None, str | None]:
        """(normalized title, organization) of a role as printed; see :meth:`parse_role`.

        The organization is the organization named (national bodies with their country:
        "Azerbaijani Defense Ministry"), else the country for national offices ("Azerbaijani
        President" -> ("President", "Azerbaijan")), else None ("Colonel General").
        """
        r = self.parse_role(role)
        return r.title, r.owner

    def find_organization(self, text: str) -> str | None:
        """The canonical name of the organization named in ``text`` ("Azerbaijan's Foreign Ministry")."""
        return self.parse_role(text).organization

    # -- people

    def _title_compatible(self, role: Role, title: str, *, strict: bool) -> bool:
        rk, pk = fold(role.title or ""), fold(title)
        rk, pk = rk.replace("-", " "), pk.replace("-", " ")
        if rk == pk or pk.startswith(rk + " ") or rk.startswith(pk + " "):
            return True
        if strict or role.kind not in ("many", "generic"):
            return False
        head = rk.split()[-1] if rk else ""
        return bool(head) and head in pk.split()

    def _compatible(self, role: Role, pos: Position, *, strict: bool = False) -> bool:
        """Whether ``pos`` fits every part the role gives (title, organization, country)."""
        if role.title and not self._title_compatible(role, pos.title, strict=strict):
            return False
        if role.organization:
            if pos.organization:
                if fold(pos.organization) != fold(role.organization):
                    return False
            elif not (role.org_national and role.org_head and fold(role.org_head) == fold(pos.title)):
                return False
        if role.country and (pos.country is None or fold(pos.country) != fold(role.country)):
            return False
        return True

    def _fits(self, person: Person, role: Role, at: date | None) -> tuple[bool, bool]:
        """(role fits some position ever, role fits a position held at ``at``)."""
        fits = [p for p in person.positions if self._compatible(role, p)]
        if at is None:
            return bool(fits), False
        if role.former:
            return bool(fits), any(p.end is not None and p.end <= at for p in fits)
        return bool(fits), any(p.active(at) for p in fits)

    def _token_matches(self, tok: str, *, fuzzy: bool, cutoff: float) -> dict[str, float]:
        if len(tok) == 1:  # an initial stands for any word it starts
            return {v: (100.0 if v == tok else 90.0) for v in self._vocab if v.startswith(tok)}
        if tok in self._by_token:
            return {tok: 100.0}
        if not fuzzy or len(tok) < 4:
            return {}
        # vocabulary words are folded already, so no processor runs on them
        hits = process.extract(tok, self._vocab, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=8)
        return {m: s for m, s, _ in hits if len(m) >= 4}

    def _name_candidates(self, toks: tuple[str, ...], *, fuzzy: bool = True, cutoff: float = FUZZY_CUTOFF) -> dict[str, tuple[int, bool]]:
        """person id -> (match level, some word matched exactly and is not an initial)."""
        if not toks:
            return {}
        key = " ".join(toks)
        if key in self._exact:
            return {pid: (EXACT, True) for pid in self._exact[key]}
        per_tok = [self._token_matches(t, fuzzy=fuzzy, cutoff=cutoff) for t in toks]
        if any(not m for m in per_tok) or all(len(t) == 1 for t in toks):
            return {}
        anchor = min((k for k, t in enumerate(toks) if len(t) > 1), key=lambda k: len(per_tok[k]))
        idxs = set().union(*(self._by_token[v] for v in per_tok[anchor]))
        out: dict[str, tuple[int, bool]] = {}
        for idx in idxs:
            pid, alias = self._aliases[idx]
            used: set[int] = set()
            exact_word = False
            fuzzy_used = False
            for t, matches in zip(toks, per_tok):
                pos = next((p for p, a in enumerate(alias) if a in matches and p not in used), None)
                if pos is None:
                    break
                used.add(pos)
                if matches[alias[pos]] < 100:
                    fuzzy_used = fuzzy_used or len(t) > 1
                elif len(t) > 1:
                    exact_word = True
            else:
                surname = len(alias) - 1 in used
                level = (FUZZY_SURNAME if fuzzy_used else SURNAME) if surname else PARTIAL
                prev = out.get(pid)
                if prev is None or (level, exact_word) > prev:
                    out[pid] = (level, exact_word)
        return out

    def _split_mention(self, mention: str) -> tuple[str, str]:
        """("name part", "role part") of a mention such as "Russian President Vladimir"."""
        text = _prep(mention)
        toks = _role_tokens(text)
        items = self._scan(toks)
        k = 0
        while k < len(items):
            kind, value = items[k][0], items[k][1]
            if kind in ("title", "org", "country", "poss") or (kind == "word" and (value in ROLE_FILLER or value in FORMER or value in MODIFIERS)):
                k += 1
            else:
                break
        if k == 0:
            return mention.strip(), ""
        if k == len(items):
            return "", mention.strip()
        cut = toks[items[k][2]].start
        return text[cut:].strip(), text[:cut].strip()

    def resolve(
        self,
        mention: str,
        *,
        role: str | None = None,
        date: str | date | None = None,
        organization: str | None = None,
    ) -> Person | None:
        """The person a mention names, or None when unknown or ambiguous.

        ``role`` is the title printed with the mention, ``date`` the article's date (ISO text or
        date), ``organization`` an organization named with it. A mention that is only a title
        ("the NATO secretary-general") is resolved by :meth:`resolve_title`.
        """
        if not mention or not mention.strip():
            return None
        at = as_date(date)
        name, prefix = self._split_mention(mention)
        r = self._combined_role(role, prefix, organization)
        if not name_tokens(name):
            # the whole mention reads as a title: a name that looks like one ("King") comes first
            person = self._choose(self._name_candidates(name_tokens(mention)), r, at) if not role else None
            return person or self.resolve_title(" ".join(x for x in (role, prefix) if x) or mention, date=at)
        return self._choose(self._name_candidates(name_tokens(name)), r, at)

    def _combined_role(self, role: str | None, prefix: str, organization: str | None) -> Role:
        parsed = [self.parse_role(x) for x in (role, prefix, organization) if x]
        if not parsed:
            return Role()
        best = next((r for r in parsed if r.title), parsed[0])
        org_role = next((r for r in parsed if r.organization), None)
        country = best.country or next((r.country for r in parsed if r.country), None)
        return Role(
            best.title, org_role.organization if org_role else None, country, best.qualifier, best.kind,
            any(r.former for r in parsed), org_role.org_head if org_role else None, bool(org_role and org_role.org_national),
        )  # fmt: skip

    def _choose(self, cands: dict[str, tuple[int, bool]], role: Role, at: date | None) -> Person | None:
        """Pick one candidate: drop weak matches the role does not support, then prefer
        stronger matches, role fit, and tenure at the date; None if still more than one."""
        informative = not role.empty
        binding = bool(role.organization or role.country or role.kind in ("office", "qualified"))
        rows = []
        for pid, (level, exact_word) in cands.items():
            person = self.people[pid]
            fits, held = self._fits(person, role, at) if informative else (False, False)
            if not informative and at is not None:
                held = any(p.active(at) for p in person.positions)
            if level == PARTIAL and not (informative and fits):
                continue  # a first name alone needs the title to pin it down
            if level == FUZZY_SURNAME and not exact_word and not (informative and fits):
                continue  # a spelling variant of a surname alone needs the title too
            if level < EXACT and binding and not fits:
                continue  # the title contradicts the person
            if level < EXACT and at is not None and role.kind == "office" and not held:
                continue  # "Prime Minister Johnson" in 1965 is not a later prime minister
            rows.append((pid, level, fits, held))
        for pref in (lambda r: r[1] == max(x[1] for x in rows), lambda r: r[2], lambda r: r[3]):
            if len(rows) <= 1:
                break
            narrowed = [r for r in rows if pref(r)]
            if narrowed:
                rows = narrowed
        return self.people[rows[0][0]] if len(rows) == 1 else None

    def resolve_title(self, role: str, *, date: str | date | None = None) -> Person | None:
        """The holder of a title-only mention at ``date`` ("the NATO secretary-general").

        Only offices held by one person at a time resolve, and only with their organization or
        country ("Azerbaijani President"); "qualified" titles need their qualifier ("Special
        Representative for the Caucasus"). Without a date the title must have had one holder
        ever. "former ..." never resolves from the title alone.
        """
        r = self.parse_role(role)
        if not r.title or r.former or r.kind not in ("office", "qualified"):
            return None
        if r.kind == "qualified" and not r.qualifier:
            return None
        if not (r.organization or r.country):
            return None
        at = as_date(date)
        holders = {
            p.id
            for p in self.people.values()
            for pos in p.positions
            if self._compatible(r, pos, strict=True) and (at is None or pos.active(at))
        }
        return self.people[holders.pop()] if len(holders) == 1 else None

    def match_query(self, query: str) -> list[Person]:
        """People a search names ("Stoltenberg", "jens stoltenberg", "Stoltenberg, Jens", an id).

        Returns the best-matching people (several when a surname is shared), [] when none.
        """
        q = (query or "").strip()
        if not q:
            return []
        if q in self.people:
            return [self.people[q]]
        if "," in q:
            last, first = q.split(",", 1)
            q = f"{first.strip()} {last.strip()}"
        toks = name_tokens(q)
        cands = self._name_candidates(toks, fuzzy=True, cutoff=QUERY_CUTOFF)
        if not cands and toks:
            hits = process.extract(" ".join(toks), self._alias_keys, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=QUERY_CUTOFF, limit=5)
            cands = {pid: (FUZZY_SURNAME, False) for key, _, _ in hits for pid in self._exact[key]}
        if not cands:
            return []
        best = max(level for level, _ in cands.values())
        return sorted((self.people[pid] for pid, (level, _) in cands.items() if level == best), key=lambda p: p.name)


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
        text = _read_text(Path(path), label)
    except GazetteerError as exc:
        message = str(exc)[len(label) :].removeprefix(":1").removeprefix(": ").removeprefix("file: ")
        return [GazetteerIssue(label, 1, "file", message)]
    raws: list[_Raw] = []
    report_from = 0
    if against_bundled:
        raws, _ = _read_files(_bundled_files())
        report_from = len(raws)
    reader = _Reader(label)
    raws.append(reader.read(text))
    return sorted(reader.issues + _cross_issues(raws, report_from), key=lambda i: (i.file, i.line))


def validate_bundled() -> list[GazetteerIssue]:
    """Problems in the bundled data files, checked together."""
    raws, issues = _read_files(_bundled_files())
    return sorted(issues + _cross_issues(raws), key=lambda i: (i.file, i.line))


# ---- module-level access to the default gazetteer ----------------------------------------


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer.load()


@lru_cache(maxsize=16)
def _load_cached(files: tuple[tuple[str, float], ...]) -> Gazetteer:
    return Gazetteer.load([f for f, _ in files])


def load_gazetteer(files: Sequence[str | Path] | None = (), *, bundled: bool = True) -> Gazetteer:
    """The gazetteer for a ``--gazetteer FILE`` option (repeatable): bundled data plus ``files``.

    No files gives :func:`default_gazetteer`. Results are cached per file list and modification
    time, so commands and workers can call this freely. Raises :class:`GazetteerError`.
    """
    if not files:
        return default_gazetteer() if bundled else Gazetteer.load(bundled=False)
    if not bundled:
        return Gazetteer.load(files, bundled=False)
    key = []
    for f in files:
        p = Path(f)
        try:
            key.append((str(p.resolve()), p.stat().st_mtime))
        except OSError:
            key.append((str(p), 0.0))  # Gazetteer.load reports it
    return _load_cached(tuple(key))


def resolve(mention: str, *, role: str | None = None, date: str | date | None = None, organization: str | None = None) -> Person | None:
    """:meth:`Gazetteer.resolve` on the bundled gazetteer."""
    return default_gazetteer().resolve(mention, role=role, date=date, organization=organization)


def resolve_title(role: str, *, date: str | date | None = None) -> Person | None:
    """:meth:`Gazetteer.resolve_title` on the bundled gazetteer."""
    return default_gazetteer().resolve_title(role, date=date)


def parse_role(role: str | None) -> Role:
    """:meth:`Gazetteer.parse_role` with the bundled lexicon."""
    return default_gazetteer().parse_role(role)


def normalize_role(role: str | None) -> tuple[str | None, str | None]:
    """:meth:`Gazetteer.normalize_role` with the bundled lexicon."""
    return default_gazetteer().normalize_role(role)


def title_words() -> frozenset[str]:
    """:meth:`Gazetteer.title_words` of the bundled lexicon."""
    return default_gazetteer().title_words()


def match_query(query: str) -> list[Person]:
    """:meth:`Gazetteer.match_query` on the bundled gazetteer."""
    return default_gazetteer().match_query(query)


# ---- suggestions for new entries ---------------------------------------------------------


def _item_fields(item: Any, n: int) -> tuple[str, str, str | None, str | None]:
    """(id, text, author, date) of a Document, a spaCy Doc or a plain string."""
    text = getattr(item, "text", item)
    if not isinstance(text, str):
        raise TypeError(f"suggest() takes texts, Documents or spaCy Docs, not {type(item).__name__}")
    doc_id = getattr(item, "id", None) or f"#{n + 1}"
    return str(doc_id), text, getattr(item, "author", None), getattr(item, "date", None)


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip()).strip(" ,.;:\"“”‘’()-–—")
    return re.sub(r"\s+", " ", text)


def _role_context(ent: Any) -> str | None:
    """The words printed with a PERSON entity: the title before it and an apposition after it."""
    doc = ent.doc
    i = ent.start
    while i > max(0, ent.start - 10):
        tok = doc[i - 1]
        if tok.is_punct and tok.text not in ("-", "’", "'") or tok.ent_type_ == "PERSON" or tok.pos_ in ("VERB", "AUX", "ADP") and tok.lower_ not in ("of", "for"):
            break
        i -= 1
    before = doc[i : ent.start].text.strip()
    after = ""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            after = doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
            break
    role = " , ".join(x for x in (before, after) if x)
    return role or None


def suggest(
    items: Iterable[Any],
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
    min_count: int = 2,
    limit: int | None = None,
) -> list[Suggestion]:
    """People (spaCy PERSON entities) and title words a corpus names that the gazetteer lacks.

    ``items`` are texts, :class:`quotes.records.Document` s (their date decides tenure; their
    author, the byline, is skipped) or spaCy Docs. Within a document a lone surname counts for
    the full name printed earlier or later. A person is suggested when seen ``min_count`` times
    in all, with the most frequent role turned into a position; a title word when a word that
    the lexicon does not know stands before a name ``min_count`` times. Most frequent first.
    """
    gaz = gazetteer or default_gazetteer()
    if nlp is None:
        from quotes.model import cached_model

        nlp = cached_model()
    known_words = gaz.title_words()
    people: dict[str, dict[str, Any]] = {}
    titles: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(items):
        doc_id, text, author, when = _item_fields(item, n)
        doc = item if hasattr(item, "ents") and hasattr(item, "vocab") else nlp(text)
        mentions = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = _clean_name(ent.text)
            if name_tokens(name) and any(c.isupper() for c in name):
                mentions.append((name, _role_context(ent), ent))
        full = {}
        for name, _, _ in mentions:
            toks = name_tokens(name)
            if len(toks) > 1:
                full.setdefault(toks[-1], name)
        byline = set(name_tokens(author)) if author else set()
        for name, role, ent in mentions:
            toks = name_tokens(name)
            canonical = full.get(toks[-1], name) if len(toks) == 1 else name
            if byline and set(name_tokens(canonical)) <= byline:
                continue
            if gaz.resolve(canonical, role=role, date=when) or gaz.resolve(name, role=role, date=when):
                continue
            name_part, _ = gaz._split_mention(canonical)
            canonical = name_part or canonical
            key = name_key(canonical)
            # one word never printed in full is more often a place the model took for a person
            if len(key.split()) < 2 or not gaz.parse_role(canonical).empty:
                continue
            rec = people.setdefault(key, {"name": canonical, "count": 0, "docs": [], "roles": Counter(), "variants": Counter()})
            if len(name_tokens(canonical)) > len(name_tokens(rec["name"])):
                rec["name"] = canonical
            rec["count"] += 1
            rec["variants"][name] += 1
            if doc_id not in rec["docs"]:
                rec["docs"].append(doc_id)
            if role and not gaz.parse_role(role).empty:
                rec["roles"][role] += 1
            # a capitalized common noun right before the name that no title explains
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.ent_type_ == "" and prev.is_alpha and prev.text[0].isupper():
                if prev.lower_ not in known_words and gaz.parse_role(prev.text).empty:
                    t = titles.setdefault(prev.lower_, {"name": prev.text, "count": 0, "docs": [], "examples": Counter()})
                    t["count"] += 1
                    t["examples"][f"{prev.text} {name}"] += 1
                    if doc_id not in t["docs"]:
                        t["docs"].append(doc_id)
    out: list[Suggestion] = []
    for rec in people.values():
        if rec["count"] < min_count:
            continue
        entry: dict[str, Any] = {"id": slug(rec["name"]), "name": rec["name"]}
        variants = [v for v in rec["variants"] if name_key(v) != name_key(rec["name"]) and len(name_tokens(v)) > 1]
        if variants:
            entry["aliases"] = variants
        entry["gender"] = None
        roles = [r for r, _ in rec["roles"].most_common()]
        if roles:
            r = gaz.parse_role(roles[0])
            if r.title:
                pos: dict[str, Any] = {"title": r.title}
                if r.organization:
                    pos["organization"] = r.organization
                if r.country:
                    pos["country"] = r.country
                pos.update(start=None, end=None)
                entry["positions"] = [pos]
        out.append(Suggestion("person", rec["name"], rec["count"], tuple(rec["docs"]), tuple(roles), entry))
    for rec in titles.values():
        if rec["count"] >= min_count:
            examples = tuple(e for e, _ in rec["examples"].most_common(3))
            out.append(Suggestion("title", rec["name"].title(), rec["count"], tuple(rec["docs"]), examples,
                                  {"title": rec["name"].title(), "kind": "many"}))  # fmt: skip
    out.sort(key=lambda s: (-s.count, s.kind, s.name))
    return out[:limit] if limit else out


def suggestions_yaml(suggestions: Sequence[Suggestion]) -> str:
    """Suggestions as a YAML document to paste into a gazetteer file (people and titles lists)."""
    lines: list[str] = []
    for kind, section in (("person", "people"), ("title", "titles")):
        chosen = [s for s in suggestions if s.kind == kind]
        if chosen:
            lines.append(f"{section}:")
            lines.extend(s.to_yaml() for s in chosen)
    return "\n".join(lines) + ("\n" if lines else "")
