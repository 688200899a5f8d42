"""Speaker names in the store: fuzzy matching of a ``--speaker`` query to stored names and ids,
and the per-speaker overview that counts a bare surname for the full name printed with it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

from quotes.normalize import name_tokens, search_words


class NamedPerson(Protocol):
    """A gazetteer person as a speaker search sees it (:class:`quotes.gazetteer.Person`)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...


class PeopleSearch(Protocol):
    """What a speaker search asks of a gazetteer (:class:`quotes.gazetteer.Gazetteer`)."""

    def match_query(self, query: str) -> Sequence[NamedPerson]:
        """The people a search names, [] when none."""
        ...


class QueryGazetteer(PeopleSearch, Protocol):
    """What the store's queries ask of a gazetteer: people a ``--speaker`` names, and the
    normal form of a ``--role`` (:class:`quotes.gazetteer.Gazetteer`)."""

    def normalize_role(self, role: str | None) -> tuple[str | None, str | None]:
        """(normalized title, organization or country) of a role as printed."""
        ...


def name_score(a: Sequence[str], b: Sequence[str]) -> float:
    """How well two names' words align (0-100): each word of the shorter name against its best
    match in the longer one, averaged. Word order and a missing first name do not matter
    ("Stoltenberg, Jens" = "Jens Stoltenberg" ~ "Stoltenberg"); spelling variants score high
    ("Pashinian" ~ "Pashinyan")."""
    from rapidfuzz import fuzz

    short, long = sorted((a, b), key=len)
    if not short:
        return 0.0
    return sum(max(fuzz.ratio(t, u) for u in long) for t in short) / len(short)


def match_speakers(
    conn: sqlite3.Connection, query: str, gazetteer: PeopleSearch | None = None, *, score_cutoff: float = 85.0
) -> tuple[set[str], set[str]]:
    """Speaker ids and stored speaker names that ``query`` means.

    Ids come from the gazetteer (``match_query``). Names are stored ``speaker_name`` values
    that fuzzily match the query or a matched person's name/aliases: when the gazetteer knows
    the person, only among quotes without an id (so a namesake with another id is not pulled
    in); when it does not, among all quotes (people the gazetteer does not know).
    """
    ids, targets = _known_people(query, gazetteer)
    only_unresolved = "AND +speaker_id IS NULL" if ids else ""  # +: from the index on (speaker_name, speaker_id)
    stored = [
        r[0]
        for r in conn.execute(f"SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL {only_unresolved}")
    ]
    wanted = [t for t in (search_words(x) for x in targets) if t]
    names = {
        name
        for name in stored
        if (tokens := search_words(name)) and any(name_score(tokens, w) >= score_cutoff for w in wanted)
    }
    return ids, names




def speaker_in_store(conn: sqlite3.Connection, query: str, gazetteer: PeopleSearch | None = None) -> bool:
    """Whether a ``--speaker`` query names anyone quoted in the store (by id or by name)."""
    ids, names = match_speakers(conn, query, gazetteer)
    if names:
        return True
    marks = ", ".join("?" * len(ids))
    return bool(ids) and conn.execute(f"SELECT 1 FROM quotes WHERE speaker_id IN ({marks}) LIMIT 1", sorted(ids)).fetchone() is not None


def _known_people(query: str, gazetteer: PeopleSearch | None) -> tuple[set[str], list[str]]:
    """Ids of the gazetteer's people ``query`` names, and the names to look for: the query,
    their names and their aliases."""
    ids: set[str] = set()
    targets = [query]
    if gazetteer is not None:
        for person in gazetteer.match_query(query):
            ids.add(str(person.id))
            targets.append(person.name)
            targets.extend(person.aliases)
    return ids, targets


def _speaker_key(row: dict[str, Any]) -> str:
    return f"id:{row['speaker_id']}" if row["speaker_id"] else f"name:{row['speaker_name']}" if row["speaker_name"] else ""


def _surname_keys(rows: Sequence[dict[str, Any]]) -> dict[tuple[Any, str], str]:
    """(article, surname) -> the speaker key of the one full name with that surname there."""
    seen: dict[tuple[Any, str], set[str]] = {}
    for row in rows:
        toks = name_tokens(row["speaker_name"] or row["person"] or "")
        if len(toks) > 1:
            seen.setdefault((row["article_id"], toks[-1]), set()).add(_speaker_key(row))
    return {k: next(iter(keys)) for k, keys in seen.items() if len(keys) == 1}


def _count(g: dict[str, Any], key: str, row: dict[str, Any]) -> None:
    """Add one stored quote part to its speaker's counts."""
    unit = (row["article_id"], row["unit"])
    g["units"].add(unit)
    g["articles"].add(row["article_id"])
    if row["outlet"] is not None:
        g["outlets"].add(row["outlet"])
    if row["date"] is not None:
        g["dates"].append(row["date"])
    if row["corrected"]:
        g["corrected"].add(unit)
    if key.startswith("id:"):
        g["speaker_id"] = key[3:]
        g["name"] = g["name"] or row["person"]
    if row["speaker_name"]:
        g["printed"].append(row["speaker_name"])


def speaker_overview(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of ``quotes speakers`` from one row per stored quote part (article_id, unit,
    speaker_id, speaker_name, person, outlet, date, corrected).

    A speaker is a gazetteer id, else a name. A one-word name with no id ("Reyes", "Mr Reyes")
    counts for the full name of the one speaker of that surname in the same article ("Amanda
    Reyes"), as a reader would; with two such speakers there it stays as printed.
    """
    full = _surname_keys(rows)
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = _speaker_key(row)
        toks = name_tokens(row["speaker_name"] or "")
        if not row["speaker_id"] and len(toks) == 1:
            key = full.get((row["article_id"], toks[0]), key)
        g = groups.setdefault(key, {"speaker_id": None, "name": None, "units": set(), "articles": set(),
                                    "outlets": set(), "dates": [], "corrected": set(), "printed": []})  # fmt: skip
        _count(g, key, row)
    out = []
    for key, g in groups.items():
        # the person's name, else the fullest name printed for them
        fullest = max(g["printed"], key=lambda n: (len(name_tokens(n)), n), default=None)
        name = g["name"] or (key[5:] if key.startswith("name:") else fullest)
        out.append({
            "speaker_id": g["speaker_id"], "name": name, "quotes": len(g["units"]), "articles": len(g["articles"]),
            "outlets": len(g["outlets"]), "first_date": min(g["dates"], default=None),
            "last_date": max(g["dates"], default=None), "corrected": len(g["corrected"]),
        })  # fmt: skip
    out.sort(key=lambda r: (-r["quotes"], r["name"] is not None, r["name"] or ""))
    return out
