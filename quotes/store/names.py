"""Fuzzy matching of a ``--speaker`` query to the speaker names and ids in the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from quotes.normalize import search_words


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
    conn: sqlite3.Connection, query: str, gazetteer: Any = None, *, score_cutoff: float = 85.0
) -> tuple[set[str], set[str]]:
    """Speaker ids and stored speaker names that ``query`` means.

    Ids come from the gazetteer (``match_query``). Names are stored ``speaker_name`` values
    that fuzzily match the query or a matched person's name/aliases: when the gazetteer knows
    the person, only among quotes without an id (so a namesake with another id is not pulled
    in); when it does not, among all quotes (people the gazetteer does not know).
    """
    ids, targets = _known_people(query, gazetteer)
    only_unresolved = "AND speaker_id IS NULL" if ids else ""
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




def _known_people(query: str, gazetteer: Any) -> tuple[set[str], list[str]]:
    """Ids of the gazetteer's people ``query`` names, and the names to look for: the query,
    their names and their aliases."""
    ids: set[str] = set()
    targets = [query]
    if gazetteer is not None and hasattr(gazetteer, "match_query"):
        for person in gazetteer.match_query(query) or []:
            ids.add(str(person.id))
            targets.append(person.name)
            targets.extend(getattr(person, "aliases", []) or [])
    return ids, targets
